#!/usr/bin/env bash
# Flok's whole test suite, as CI runs it. Installs what is missing first.
#   native: formatting, clippy, `cargo test` of the core and the app's pure parts
#   browser: wasm-bindgen-test in headless Chromium (storage)
#   end to end: the release build on a plain static server, driven by Playwright
# Ends with one line: "flok: N passed, M failed".
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh" || exit 1
set +e

logs="$FLOK_ROOT/target/test-logs"
mkdir -p "$logs"
passed=0 failed=0 broken=()

# Runs one step, keeps its log, and adds up the tests it reports.
step() {
  local name="$1"; shift
  say "$name"
  "$@" 2>&1 | tee "$logs/$name.log"
  local status=${PIPESTATUS[0]}
  local counts
  counts=$(awk '
    /^test result:/ { p += $4; f += $6 }
    /^# pass /      { p += $3 }
    /^# fail /      { f += $3 }
    END { print p + 0, f + 0 }' "$logs/$name.log")
  local p=${counts% *} f=${counts#* }
  passed=$((passed + p)); failed=$((failed + f))
  if [ "$status" -ne 0 ]; then
    broken+=("$name")
    # A step that failed without a failing test (a build error) still counts.
    [ "$f" -gt 0 ] || failed=$((failed + 1))
  fi
}

step fmt cargo fmt --all --check
step clippy-native cargo clippy --workspace --all-targets --quiet -- -D warnings
step clippy-wasm with_wasm_env cargo clippy --target wasm32-unknown-unknown --all-targets --quiet -- -D warnings
step native-tests cargo test --workspace
step browser-tests with_wasm_env cargo test --target wasm32-unknown-unknown --test '*'
step release-build with_release_wasm_env trunk build --release
step bundle-size bash scripts/bundle-size.sh dist
step cli-build cargo build -p flok-cli --quiet
# The benchmarks are their own workspace: checked so they never rot unseen.
step bench-build cargo check --manifest-path bench/Cargo.toml --benches --quiet
step e2e-tests node --test --test-concurrency=1 tests/e2e/*.test.mjs

if ((${#broken[@]})); then
  say "failed steps: ${broken[*]} (logs in target/test-logs/)"
fi
say "screenshots: target/e2e-screenshots/"
echo "flok: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
