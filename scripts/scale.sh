#!/usr/bin/env bash
# Measures how build time grows with the site (issue 7's "linear"
# point): each round builds the small and the large generated corpus with
# `letterpress build --no-cache` and with the floor
# (tools/floor), one right after the other, so that both sizes
# of a round are timed within a few minutes; the speed of this shared
# machine drifts by 10 to 20% over an hour, which made the ratio of two
# medians taken at different times swing from 9.8 to 13.2. It prints each
# run, each round's time(large)/time(small) for both programs, and the
# medians of those ratios.
#
#   scripts/scale.sh [-small LETTERS] [-large LETTERS] [-rounds N] [-out DIR]
#
# Defaults: -small 10000 -large 100000 -rounds 3 -out /dev/shm. A round
# at these sizes takes about 2 minutes; warm the large corpus into the
# page cache first (the script reads it once before the first round).
set -euo pipefail
cd "$(dirname "$0")/.."
small=10000 large=100000 rounds=3 outbase=/dev/shm
while [ $# -gt 0 ]; do
  case "$1" in
    -small) small=$2; shift 2 ;;
    -large) large=$2; shift 2 ;;
    -rounds) rounds=$2; shift 2 ;;
    -out) outbase=$2; shift 2 ;;
    *) echo "usage: scripts/scale.sh [-small LETTERS] [-large LETTERS] [-rounds N] [-out DIR]" >&2; exit 2 ;;
  esac
done
. scripts/lib.sh
small_corpus=$(corpus "$small"); large_corpus=$(corpus "$large")
bin=$(mktemp -d)
trap 'rm -rf "$bin" "$outbase"/letterpress-scale-*' EXIT
programs "$bin"
find "$large_corpus/" -type f -print0 | xargs -0 cat >/dev/null

# run PROGRAM N: one run into an empty folder; prints its wall time.
run() {
  local prog=$1 n=$2 out="$outbase/letterpress-scale-$1-$2"
  local corpus=$small_corpus
  [ "$n" = "$large" ] && corpus=$large_corpus
  rm -rf "$out"; sync
  if [ "$prog" = letterpress ]; then
    /usr/bin/time -f "%e %U %S %M" -o "$bin/t" "$bin/letterpress" build --no-cache --site "$corpus" --now 2026-12-01 --out "$out" >/dev/null 2>"$bin/err" || { cat "$bin/err" >&2; exit 1; }
  else
    /usr/bin/time -f "%e %U %S %M" -o "$bin/t" "$bin/floor" -src "$corpus" -out "$out" >/dev/null 2>"$bin/err" || { cat "$bin/err" >&2; exit 1; }
  fi
  rm -rf "$out"
  printf '%-12s n=%-7s wall %7.2fs  user %7.2fs  sys %6.2fs  peak %5d MiB\n' "$prog" "$n" $(awk '{print $1, $2, $3, int($4/1024)}' "$bin/t") >&2
  cut -d' ' -f1 "$bin/t"
}
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$rounds"); do
  ls=$(run letterpress "$small"); ll=$(run letterpress "$large")
  fs=$(run floor "$small"); fl=$(run floor "$large")
  awk -v r="$i" -v a="$ll" -v b="$ls" -v c="$fl" -v d="$fs" 'BEGIN {printf "round %d: letterpress %.2f / %.2f = %.2f   floor %.2f / %.2f = %.2f\n", r, a, b, a/b, c, d, c/d}' | tee -a "$bin/rounds"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
lp=$(awk '{print $8}' "$bin/rounds" | median); fl=$(awk '{print $14}' "$bin/rounds" | median)
echo "median time($large)/time($small): letterpress $lp, floor $fl"
