#!/usr/bin/env bash
# Makes the release archives (see docs/releasing.md):
#
#   scripts/release.sh v1.2.0       a release of the commit tagged v1.2.0
#   scripts/release.sh --snapshot   a snapshot of HEAD, as CI makes it
#
# builds letterpress for each platform released (release_platforms, in
# scripts/lib.sh) with -trimpath and the version, commit and date in its
# `letterpress version`; packs each with the README and docs/ into
# letterpress_VERSION_OS_ARCH.tar.gz (.zip for Windows); writes their
# SHA-256 checksums to checksums.txt; then checks the archives against
# them. Nothing is published. The archives go to $DIST (default dist/,
# emptied first).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
dist=${DIST:-dist}
snapshot=
case "${1:-}" in
  --snapshot) snapshot=1 ;;
  v[0-9]*.[0-9]*.[0-9]*) version=$1 ;;
  *) echo "usage: scripts/release.sh vX.Y.Z | --snapshot" >&2; exit 2 ;;
esac
commit=$(git rev-parse HEAD)
date=$(TZ=UTC git log -1 --format=%cd --date=format-local:%Y-%m-%dT%H:%M:%SZ HEAD)
if [ -n "$snapshot" ]; then
  version="v0.0.0-snapshot.$(git rev-parse --short=12 HEAD)"
  if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
    version="$version.dirty"
  fi
else
  if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
    echo "release: the working tree has uncommitted changes; commit or stash them" >&2
    exit 1
  fi
  if [ "$(git rev-parse -q --verify "refs/tags/$version^{commit}" || true)" != "$commit" ]; then
    echo "release: HEAD is not tagged $version: git tag -a $version -m $version, then run this again" >&2
    exit 1
  fi
fi
# A real release vets every package and test file for all five platforms
# first (CI vets them in scripts/test.sh).
if [ -z "$snapshot" ]; then
  PLATFORMS="$release_platforms" bash scripts/cross.sh
fi
go run ./tools/release -version "$version" -commit "$commit" -date "$date" -out "$dist" -platforms "${PLATFORMS:-$release_platforms}"
go run ./tools/release -verify "$dist"
# The program for this machine, if one was made, says what it is.
host="$(go env GOHOSTOS)_$(go env GOHOSTARCH)"
archive="$dist/letterpress_${version#v}_$host.tar.gz"
if [ -f "$archive" ]; then
  unpacked=$(mktemp -d)
  trap 'rm -rf "$unpacked"' EXIT
  tar -xzf "$archive" -C "$unpacked"
  said=$("$unpacked/letterpress_${version#v}_$host/letterpress" version)
  case "$said" in
    "letterpress $version"*"commit ${commit:0:12}"*"date $date"*) echo "release: $host: $(head -1 <<<"$said")" ;;
    *) echo "release: the $host program says it is:" >&2; echo "$said" >&2; exit 1 ;;
  esac
fi
