#!/usr/bin/env bash
# Builds Flok and serves it on http://127.0.0.1:8080, rebuilding on change.
# Installs whatever is missing first (scripts/setup.sh).
#   bash scripts/serve.sh         the release build, as a group would publish it
#   bash scripts/serve.sh --dev   a debug build: quicker to rebuild while coding
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

build=(with_release_wasm_env trunk serve --release)
[ "${1:-}" = "--dev" ] && build=(with_wasm_env trunk serve)
say "building; Flok will be served at http://127.0.0.1:8080 (Ctrl-C stops)"
"${build[@]}" --address 127.0.0.1 --port 8080
