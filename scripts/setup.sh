#!/usr/bin/env bash
# Installs what building and testing letterpress needs on a fresh machine.
# Safe to run again: it skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v go >/dev/null || { echo "setup: Go is not installed (https://go.dev/dl/)" >&2; exit 1; }
echo "setup: downloading Go modules (go.mod), including the staticcheck tool"
go mod download
go tool staticcheck -version >/dev/null
echo "setup: done"
