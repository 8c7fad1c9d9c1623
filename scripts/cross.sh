#!/usr/bin/env bash
# Builds and vets (test files included) every package for each platform a
# release is made for (release_platforms, in scripts/lib.sh), so that code
# for one system that does not compile, or vet, on another fails here, on
# Linux. What runs on each system is tested only where it runs; this
# proves only that it compiles. scripts/test.sh runs it. -trimpath, as
# scripts/release.sh builds: the packages compiled here are reused there.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
# go vet type-checks every package and test file as the compiler would,
# so a separate go build ./... per platform adds only the code
# generation, which scripts/release.sh does for the program anyway.
for p in ${PLATFORMS:-$release_platforms}; do
  echo "cross: $p: go vet ./..."
  if [ -n "${NATIVE_VETTED:-}" ] && [ "$p" = "$(go env GOHOSTOS)/$(go env GOHOSTARCH)" ]; then
    continue # scripts/test.sh vetted this platform already
  fi
  GOOS=${p%/*} GOARCH=${p#*/} CGO_ENABLED=0 go vet -trimpath ./...
done
