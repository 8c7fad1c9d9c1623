#!/usr/bin/env bash
# Installs what building and testing letterpress needs on a fresh machine.
# Safe to run again: it skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v go >/dev/null || { echo "setup: Go is not installed (https://go.dev/dl/)" >&2; exit 1; }
# Browser tests drive Debian's Chromium (headless).
if ! command -v chromium >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing chromium with apt-get (about a minute)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "setup: chromium is missing; install it (sudo apt-get install chromium) or browser tests are skipped" >&2
  fi
fi

# letterpress import converts Word letters with pandoc and reads PDF replies
# with poppler's pdftotext, which check and build also use to look inside
# attached PDFs; their tests fail under CI without them.
missing=""
command -v pandoc >/dev/null || missing="$missing pandoc"
command -v pdftotext >/dev/null || missing="$missing poppler-utils"
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing$missing with apt-get"
    apt-get update -qq
    # shellcheck disable=SC2086 # one word a package
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  else
    echo "setup:$missing missing; install (sudo apt-get install$missing) or the import and attachment tests are skipped" >&2
  fi
fi

# axe-core and html-validate, pinned in package-lock.json, for the tests of
# internal/published. npm ci when node_modules is missing or older than the
# lock file (npm records what it installed in node_modules/.package-lock.json).
if ! command -v npm >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing Node.js and npm with apt-get"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  else
    echo "setup: npm is missing; install Node.js 20.19 or later (sudo apt-get install nodejs npm) or the accessibility and HTML tests are skipped" >&2
  fi
fi
if command -v npm >/dev/null; then
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "setup: npm ci (axe-core, html-validate)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
fi

echo "setup: downloading Go modules (go.mod), including the staticcheck tool"
go mod download
go tool staticcheck -version >/dev/null
echo "setup: done"
