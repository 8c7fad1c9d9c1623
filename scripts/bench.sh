#!/usr/bin/env bash
# Times whole `letterpress build` runs against the floor (a program that
# only reads, parses with goldmark and writes a page per document:
# tools/floor) on the same generated corpus, alternately, and
# prints each run and the medians and ratios.
#
#   scripts/bench.sh [-n LETTERS] [-runs N] [-out DIR] [-repeat] [-netlify | -netlify-cache] [-against REV]
#
# -n: corpus size in letters (default 10000; generated once into
#     $TMPDIR/letterpress-corpus/VERSION/nN-s1 by tools/gencorpus).
# -runs: runs of each program (default 5).
# -out: where both write (default /dev/shm, RAM; give a folder on disk to
#     measure the disk). Each run writes into an empty folder, with
#     --no-cache: nothing of an earlier build is reused.
# -repeat: also time repeat builds into the same folder after one reply's
#     body changed (a copy of the corpus is edited), against the cold
#     build of the same run. The first repeat build links the unchanged
#     files into a new folder; the later ones recycle the output kept
#     beside it (.letterpress-bench-PID-repeat.previous), as the comms
#     team's builds do from the second on.
# -netlify: build as Netlify does (netlify.toml's command, without
#     --no-cache), with the LETTERPRESS_CACHE its [build.environment]
#     sets (each program its own revision's netlify.toml: off since
#     session 11), else an empty cache folder of its own each run.
# -netlify-cache: as -netlify, but always with an empty cache folder
#     (how netlify.toml built before it set LETTERPRESS_CACHE=off: the
#     build writes a manifest that no later build reads).
# -against REV: also time the program built from REV (a commit or
#     branch), alternately with the others, and print its medians and the
#     ratio of this tree's to REV's: a change's cost, measured in one run.
set -euo pipefail
cd "$(dirname "$0")/.."
n=10000 runs=5 outbase=/dev/shm repeat= netlify= against=
while [ $# -gt 0 ]; do
  case "$1" in
    -n) n=$2; shift 2 ;;
    -runs) runs=$2; shift 2 ;;
    -out) outbase=$2; shift 2 ;;
    -repeat) repeat=1; shift ;;
    -netlify) netlify=1; shift ;;
    -netlify-cache) netlify=cache; shift ;;
    -against) against=$2; shift 2 ;;
    *) echo "usage: scripts/bench.sh [-n LETTERS] [-runs N] [-out DIR] [-repeat] [-netlify | -netlify-cache] [-against REV]" >&2; exit 2 ;;
  esac
done
. scripts/lib.sh
corpus=$(corpus "$n")
bin=$(mktemp -d)
# Output folders are named after this run (its process id), so that two
# runs on one machine never write into, or remove, each other's.
tag=letterpress-bench-$$
trap 'rm -rf "$bin" "$outbase/$tag"-* "$outbase/.$tag"-*; [ -z "$against" ] || git worktree remove --force "$bin/against-src" 2>/dev/null || true' EXIT
programs "$bin"
if [ -n "$against" ]; then
  git worktree add -q --detach "$bin/against-src" "$against"
  (cd "$bin/against-src" && go build -o "$bin/against" ./cmd/letterpress)
fi

# run NAME CMD...: one run into an empty folder; appends "wall user sys maxrss_kb" to $bin/NAME.
run() {
  local name=$1; shift
  local out="$outbase/$tag-$name"
  rm -rf "$out" "$out".*; sync
  /usr/bin/time -f "%e %U %S %M" -o "$bin/t" "$@" "$out" >/dev/null 2>"$bin/err" || { cat "$bin/err" >&2; exit 1; }
  cat "$bin/t" >> "$bin/res-$name"
  local files bytes
  files=$(find "$out" -type f | wc -l); bytes=$(du -sb "$out" | cut -f1)
  printf '%-12s wall %6.2fs  user %6.2fs  sys %5.2fs  peak %5d MiB  %6d files  %5d MB\n' "$name" $(cat "$bin/t" | awk '{print $1, $2, $3, int($4/1024)}') "$files" $((bytes/1000000))
  rm -rf "$out"
}
echo "corpus $corpus ($(find "$corpus/content" -name '*.md' | wc -l) documents), output under $outbase, $runs runs each"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) (a busy machine inflates wall time; user CPU less so)"
# netlify_cache SRC: the LETTERPRESS_CACHE that SRC's netlify.toml sets
# in [build.environment], if any.
netlify_cache() {
  sed -n 's/^[[:space:]]*LETTERPRESS_CACHE[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1/p' "$1/netlify.toml" 2>/dev/null | head -1
}
# build NAME: one cold build by $bin/NAME; with -netlify, netlify.toml's
# LETTERPRESS_CACHE or an empty cache folder each run instead of
# --no-cache.
build() {
  if [ -n "$netlify" ]; then
    rm -rf "$bin/cache-netlify"
    local src=. cache="$bin/cache-netlify"
    if [ "$1" = against ]; then src="$bin/against-src"; fi
    if [ "$netlify" = 1 ] && [ -n "$(netlify_cache "$src")" ]; then cache=$(netlify_cache "$src"); fi
    LETTERPRESS_CACHE="$cache" run "$1" "$bin/$1" build --site "$corpus" --now 2026-12-01 --out
  else
    run "$1" "$bin/$1" build --no-cache --site "$corpus" --now 2026-12-01 --out
  fi
}
for i in $(seq "$runs"); do
  build letterpress
  run floor "$bin/floor" -src "$corpus" -out
  if [ -n "$against" ]; then build against; fi
done
if [ -n "$repeat" ]; then
  # A copy of the corpus, a cold build of it, then for each run one
  # reply's body changed and a repeat build into the same folder.
  copy="$bin/site"; cp -r "$corpus" "$copy"
  out="$outbase/$tag-repeat"; rm -rf "$out"
  reply=$(find "$copy/content/responses" -name '*.md' | sort | sed -n 1p)
  "$bin/letterpress" build --site "$copy" --now 2026-12-01 --out "$out" >/dev/null
  for i in $(seq "$runs"); do
    echo "Edited for the benchmark, run $i." >> "$reply"
    /usr/bin/time -f "%e %U %S %M" -o "$bin/t" "$bin/letterpress" build --site "$copy" --now 2026-12-01 --out "$out" >"$bin/msg" 2>"$bin/err" || { cat "$bin/err" >&2; exit 1; }
    cat "$bin/t" >> "$bin/res-repeat"
    printf '%-12s wall %6.2fs  user %6.2fs  sys %5.2fs  peak %5d MiB  %s\n' repeat $(awk '{print $1, $2, $3, int($4/1024)}' "$bin/t") "$(grep -o '([0-9]* written, [0-9]* unchanged)' "$bin/msg")"
  done
  rm -rf "$out" "$outbase/.$tag-repeat.previous"
fi
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
for f in 1 2 3 4; do
  lp=$(cut -d" " -f$f "$bin/res-letterpress" | median); fl=$(cut -d" " -f$f "$bin/res-floor" | median)
  case $f in 1) what="wall (s)" ;; 2) what="user CPU (s)" ;; 3) what="system CPU (s)" ;; 4) what="peak RSS (KiB)" ;; esac
  awk -v w="$what" -v a="$lp" -v b="$fl" 'BEGIN {printf "median %-15s letterpress %10.2f  floor %10.2f  ratio %.2f\n", w, a, b, a/b}'
done
if [ -n "$against" ]; then
  for f in 1 2 3 5 4; do
    if [ $f = 5 ]; then
      lp=$(awk '{print $2+$3}' "$bin/res-letterpress" | median); ag=$(awk '{print $2+$3}' "$bin/res-against" | median)
    else
      lp=$(cut -d" " -f$f "$bin/res-letterpress" | median); ag=$(cut -d" " -f$f "$bin/res-against" | median)
    fi
    case $f in 1) what="wall (s)" ;; 2) what="user CPU (s)" ;; 3) what="system CPU (s)" ;; 5) what="user+sys CPU (s)" ;; 4) what="peak RSS (KiB)" ;; esac
    awk -v w="$what" -v a="$lp" -v b="$ag" -v r="$against" 'BEGIN {printf "median %-15s this tree %8.2f  %s %8.2f  ratio %.3f\n", w, a, r, b, a/b}'
  done
fi
if [ -n "$repeat" ]; then
  for f in 1 2 4; do
    lp=$(cut -d" " -f$f "$bin/res-letterpress" | median); rp=$(cut -d" " -f$f "$bin/res-repeat" | median)
    case $f in 1) what="wall (s)" ;; 2) what="user CPU (s)" ;; 4) what="peak RSS (KiB)" ;; esac
    awk -v w="$what" -v a="$rp" -v b="$lp" 'BEGIN {printf "median %-15s repeat %10.2f  cold %10.2f  repeat/cold %.2f\n", w, a, b, a/b}'
  done
fi
