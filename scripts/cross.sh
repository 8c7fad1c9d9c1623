#!/usr/bin/env bash
# Builds and vets (test files included) every package for each platform a
# release is made for (scripts/release.sh), so that code for one system
# that does not compile, or vet, on another fails here, on Linux. What
# runs on each system is tested only where it runs; this proves only that
# it compiles. scripts/test.sh runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
# The platforms released, as GOOS/GOARCH (scripts/release.sh reads them
# from here).
PLATFORMS="${PLATFORMS:-linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64}"
for p in $PLATFORMS; do
  echo "cross: $p: go build ./... && go vet ./..."
  GOOS=${p%/*} GOARCH=${p#*/} go build ./...
  GOOS=${p%/*} GOARCH=${p#*/} go vet ./...
done
