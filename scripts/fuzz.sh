#!/usr/bin/env bash
# Runs every fuzz target for a bounded time (FUZZTIME, default 30s), one
# after another, with one worker each (FUZZPARALLEL, default 1) so the
# machine stays usable. A crasher is written to the package's
# testdata/fuzz/FuzzX/ folder: commit it with the fix, and it is a
# regression test that every plain `go test` runs.
#
#   bash scripts/fuzz.sh                 # every target, 30 s each
#   FUZZTIME=10m bash scripts/fuzz.sh    # longer
#   bash scripts/fuzz.sh FuzzSite        # only the targets named
set -uo pipefail
cd "$(dirname "$0")/.."

FUZZTIME=${FUZZTIME:-30s}
FUZZPARALLEL=${FUZZPARALLEL:-1}
# Each new interesting input is minimised for up to this long (Go's default
# is 60s, which on FuzzSite, with five inputs to shrink, took most of a
# 10-minute run).
FUZZMINIMIZETIME=${FUZZMINIMIZETIME:-5s}

# package target
targets=(
	"./internal/frontmatter FuzzSplitParse"
	"./internal/frontmatter FuzzFastParse"
	"./internal/content FuzzDecode"
	"./internal/content FuzzPaths"
	"./internal/markdown FuzzConvert"
	"./internal/markdown FuzzLimits"
	"./internal/privacy FuzzReading"
	"./internal/build FuzzSite"
	"./internal/render FuzzEscapers"
	"./internal/stats FuzzEscape"
)

failed=()
for t in "${targets[@]}"; do
	read -r pkg name <<<"$t"
	if [ $# -gt 0 ] && [[ " $* " != *" $name "* ]]; then
		continue
	fi
	echo "== $name ($pkg) for $FUZZTIME"
	if ! go test "$pkg" -run '^$' -fuzz "^${name}\$" -fuzztime "$FUZZTIME" -fuzzminimizetime "$FUZZMINIMIZETIME" -parallel "$FUZZPARALLEL"; then
		failed+=("$name")
	fi
done
if [ ${#failed[@]} -gt 0 ]; then
	echo "fuzz: failing targets: ${failed[*]} (the crashers are under testdata/fuzz/)" >&2
	exit 1
fi
echo "fuzz: every target ran for $FUZZTIME without a crasher"
