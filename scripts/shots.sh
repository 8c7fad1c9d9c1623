#!/usr/bin/env bash
# Screenshots of built pages at 320 and 1280 px, for looking at by eye.
#   scripts/shots.sh OUTPUT-FOLDER SHOTS-FOLDER /path/ [/path/ ...]
# OUTPUT-FOLDER is a built site (letterpress build --out ...); each path is
# shot at 320 and 1280 px wide, HEIGHT px tall (default 2400), after its
# scripts have had five seconds (of virtual time) to run, so that search
# results are on the page.
set -euo pipefail
out=$1 shots=$2
shift 2
mkdir -p "$shots"
port=$((20000 + RANDOM % 20000))
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$out" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
sleep 0.5
for path in "$@"; do
	name=$(echo "$path" | tr '/?=&' '____' | sed 's/^_*//; s/_*$//')
	[ -z "$name" ] && name=home
	for w in 320 1280; do
		chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
			--disable-background-networking --disable-component-update --disable-sync \
			--hide-scrollbars --window-size="$w,${HEIGHT:-2400}" --virtual-time-budget=5000 \
			--screenshot="$shots/$name-$w.png" "http://127.0.0.1:$port$path" >/dev/null 2>&1
	done
	echo "$shots/$name-{320,1280}.png"
done
