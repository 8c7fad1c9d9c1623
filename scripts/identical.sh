#!/usr/bin/env bash
# Checks that a change to the code leaves the built sites byte-identical:
# builds the letterpress command at REV (default main) and from the working
# tree, then builds the same sites with both and compares every file
# (diff -r): the repository's own site (each program with its revision's
# layouts and static files, which the site carries), a test fixture
# (internal/build's txtar base with the Welsh and withheld cases over it)
# and a generated corpus; each cold (an empty cache folder) and then
# repeated into the same folder after one letter's text changed, and the
# working tree's once more cold as netlify.toml builds
# (LETTERPRESS_CACHE=off, where the working tree knows it), against REV's
# repeat build.
#
#   scripts/identical.sh [-n LETTERS] [REV]
#
# -n: size of the generated corpus (default 2000).
# Exits non-zero and names the files that differ when any do.
set -euo pipefail
cd "$(dirname "$0")/.."
n=2000
if [ "${1:-}" = -n ]; then n=$2; shift 2; fi
rev=${1:-main}
. scripts/lib.sh
work=$(mktemp -d)
trap 'git worktree remove --force "$work/old-src" 2>/dev/null || true; rm -rf "$work"' EXIT

git worktree add -q --detach "$work/old-src" "$rev"
(cd "$work/old-src" && go build -o "$work/old" ./cmd/letterpress)
go build -o "$work/new" ./cmd/letterpress

# untxtar FILE DIR: writes the files of a txtar archive under DIR.
untxtar() {
  awk -v dir="$2" '
    /^-- .* --$/ { name = substr($0, 4, length($0) - 6); file = dir "/" name
                   d = file; sub(/\/[^\/]*$/, "", d); system("mkdir -p \"" d "\""); printf "" > file; next }
    file != "" { print >> file }' "$1"
}

mkdir -p "$work/sites/fixture"
for f in internal/build/testdata/build/_base.txtar internal/build/testdata/build/welsh.txtar internal/build/testdata/build/withheld.txtar; do
  untxtar "$f" "$work/sites/fixture"
done
# The repository's site as each program's revision has it: its layouts/
# and static/ are that revision's defaults, which its site overrides with.
mkdir -p "$work/sites/repository-old" "$work/sites/repository-new"
git archive "$rev" content layouts static site.yaml | tar -x -C "$work/sites/repository-old"
cp -r content layouts static site.yaml "$work/sites/repository-new/"
cp -r "$(corpus "$n")" "$work/sites/corpus"

failed=0
# compare WHAT: diff -r of the two outputs, leaving out the build's own
# marker files.
compare() {
  if diff -r -q -x .letterpress-output "$work/out-old" "$work/out-new" >"$work/diff"; then
    echo "identical: $1 ($(find "$work/out-new" -type f | wc -l) files)"
  else
    echo "DIFFERENT: $1" >&2; head -20 "$work/diff" >&2; failed=1
  fi
}
for site in repository fixture corpus; do
  for v in old new; do rm -rf "$work/cache-$v" "$work/out-$v"; done
  # siteof V: the site V builds.
  siteof() { if [ "$site" = repository ]; then echo "$work/sites/repository-$1"; else echo "$work/sites/$site"; fi; }
  build() {
    LETTERPRESS_CACHE="${cache:-$work/cache-$1}" "$work/$1" build --site "$(siteof "$1")" --now 2026-12-01 --out "$work/out-$1" >/dev/null 2>"$work/err-$1" ||
      { echo "$1 build of $site failed:" >&2; cat "$work/err-$1" >&2; failed=1; }
  }
  build old; build new
  compare "$site, cold"
  # One letter's text changes; both repeat builds reuse their own manifest.
  for dir in $(siteof old; [ "$site" != repository ] || siteof new); do
    letter=$(find "$dir/content/letters" -name '*.md' | sort | sed -n 1p)
    printf '\nA sentence added for the repeat build.\n' >> "$letter"
  done
  build old; build new
  compare "$site, repeat after one letter changed"
  if grep -q 'LETTERPRESS_CACHE = "off"' netlify.toml; then
    rm -rf "$work/out-new"
    cache=off build new
    compare "$site, cold with LETTERPRESS_CACHE=off (as netlify.toml builds)"
  fi
done
exit $failed
