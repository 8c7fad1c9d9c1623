# Shared by scripts/bench.sh, scale.sh, cross.sh and release.sh (sourced from the
# repository's root).

# corpus N: the generated N-letter corpus (seed 1), the one the tests use,
# made once by tools/gencorpus into
# $TMPDIR/letterpress-corpus/VERSION/nN-s1 (VERSION is a hash of the
# generator's source, so a changed generator makes a new one); prints its
# path.
corpus() {
  local dir
  dir=$(go run ./tools/gencorpus -n "$1" -cached) || return 1
  echo "$dir"
}

# programs DIR: builds the letterpress command and the floor into DIR.
# The build manifests of the runs go under DIR too, not the user's cache.
programs() {
  command -v /usr/bin/time >/dev/null || { echo "/usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
  export LETTERPRESS_CACHE="$1/cache"
  go build -o "$1/letterpress" ./cmd/letterpress
  go build -o "$1/floor" ./tools/floor
}

# The platforms released (GOOS/GOARCH), which scripts/cross.sh builds and
# vets and scripts/release.sh packs.
release_platforms="linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64"
