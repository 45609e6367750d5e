#!/usr/bin/env bash
# Criterion benchmarks of Flok's core against Automerge (bench/, a workspace
# of its own): load, merge, export and report at multiples of the demo data
# set, then Flok/Automerge ratios of time and bytes from this same run.
#   bash scripts/bench.sh                       # scales 0.1x and 1x
#   FLOK_BENCH_SCALES=0.1,1,10 bash scripts/bench.sh
# Extra arguments go to criterion, e.g. a filter: bash scripts/bench.sh merge
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
command -v cargo >/dev/null || { source scripts/setup.sh; }
cd bench
export CRITERION_HOME="$PWD/target/criterion"
exec cargo bench --bench core -- "$@"
