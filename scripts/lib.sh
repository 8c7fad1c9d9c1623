# Shared by scripts/bench.sh and scripts/scale.sh (sourced from the
# repository's root).

# corpus N: the generated N-letter corpus, made once into
# $TMPDIR/letterpress-corpus/nN by ../shared/tools/gencorpus; prints its path.
corpus() {
  local tmp=${TMPDIR:-/tmp}
  local dir="$tmp/letterpress-corpus/n$1"
  if [ ! -f "$dir/site.yaml" ]; then
    echo "generating a $1-letter corpus in $dir" >&2
    mkdir -p "$tmp/letterpress-corpus"
    rm -rf "$dir.tmp"
    go -C ../shared/tools/gencorpus run . -n "$1" -out "$dir.tmp" >/dev/null
    mv "$dir.tmp" "$dir"
  fi
  echo "$dir"
}

# programs DIR: builds the letterpress command and the floor into DIR.
# The build manifests of the runs go under DIR too, not the user's cache.
programs() {
  command -v /usr/bin/time >/dev/null || { echo "/usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
  export LETTERPRESS_CACHE="$1/cache"
  go build -o "$1/letterpress" ./cmd/letterpress
  go -C ../shared/tools/floor build -o "$1/floor" .
}
