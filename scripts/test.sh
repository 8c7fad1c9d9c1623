#!/usr/bin/env bash
# Runs every check and test: formatting, go vet, staticcheck, a vet for
# each of the five platforms released (scripts/cross.sh), a snapshot of
# the release archives (scripts/release.sh --snapshot), the whole test
# suite (including the browser, accessibility and HTML tests of
# internal/published), then each fuzz target for 15 s. It first runs
# scripts/setup.sh, which installs what is missing (Chromium when run as
# root, node_modules with npm ci). CI (.ci/run) runs exactly this, in a
# fresh clone with nothing beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
  echo "gofmt would change these files (run gofmt -w):" >&2
  echo "$unformatted" >&2
  exit 1
fi
go vet ./...
go tool staticcheck ./...
# Every package and test file vets (type-checks, as the compiler would)
# for all five platforms released; then the release archives are made as
# a snapshot (nothing published), which cross-compiles the program for
# each, and are checked against their checksums. macOS arm64 and Windows
# are vetted here; the other two (the same code as Linux amd64 and macOS
# arm64 on another processor) are vetted below, beside the fuzzing, which
# runs for a fixed time on one core and leaves the other free.
PLATFORMS=${PLATFORMS:-darwin/arm64 windows/amd64} NATIVE_VETTED=1 bash scripts/cross.sh
if git rev-parse --git-dir >/dev/null 2>&1; then
  dist=$(mktemp -d)
  DIST="$dist" bash scripts/release.sh --snapshot
  rm -rf "$dist"
else
  echo "not a git checkout: no release snapshot (it names the commit)" >&2
fi
# go test's default limit of ten minutes a package is too tight for
# internal/build on a busy shared machine (a timeout there is not a failure
# of the code); a hung test still ends the run.
go test -count=1 -timeout 30m ./...
# Each fuzz target for a bounded time (a crasher fails the run and is saved
# under the package's testdata/fuzz/ as a regression test), while the
# remaining platforms are vetted. Set FUZZTIME=0 to skip the fuzzing, or
# longer to search harder.
more_platforms=${MORE_PLATFORMS:-linux/arm64 darwin/amd64}
if [ "${FUZZTIME:-15s}" != 0 ]; then
  log=$(mktemp)
  PLATFORMS="$more_platforms" bash scripts/cross.sh >"$log" 2>&1 &
  vet=$!
  fuzzed=0
  FUZZTIME=${FUZZTIME:-15s} bash scripts/fuzz.sh || fuzzed=$?
  vetted=0
  wait "$vet" || vetted=$?
  cat "$log"; rm -f "$log"
  if [ "$vetted" != 0 ]; then echo "cross: go vet failed for one of: $more_platforms" >&2; fi
  if [ "$fuzzed" != 0 ] || [ "$vetted" != 0 ]; then exit 1; fi
else
  PLATFORMS="$more_platforms" bash scripts/cross.sh
fi
