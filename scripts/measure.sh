#!/usr/bin/env bash
# Measures the app with the 200-people × 5-year data set in headless
# Chromium (tests/perf/start.mjs: how soon each build shows Today;
# tests/perf/scale.mjs: everything else) and prints the figures for
# docs/performance.md. Not part of the test command: timings are noisy.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=setup.sh
source scripts/setup.sh
with_release_wasm_env trunk build --release
cargo build -p flok-cli
node tests/perf/start.mjs
node tests/perf/scale.mjs
