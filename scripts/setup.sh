#!/usr/bin/env bash
# Installs what Flok needs to build and test, and nothing that is already
# there: safe to run again and again. Sourced by serve.sh and test.sh, which
# then find every tool on PATH. Everything comes from apt, crates.io or npm.
set -euo pipefail

FLOK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$FLOK_ROOT"
# shellcheck source=versions.env
source scripts/versions.env

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'setup: %s\n' "$*" >&2; exit 1; }

export PATH="$FLOK_ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

# --- The versions file is the one source: catch a drifting copy early. -------
grep -q "^wasm-bindgen = \"=$WASM_BINDGEN_VERSION\"" Cargo.toml \
  || die "Cargo.toml must pin wasm-bindgen = \"=$WASM_BINDGEN_VERSION\" (scripts/versions.env)"
grep -q "^wasm_bindgen = \"$WASM_BINDGEN_VERSION\"" Trunk.toml \
  || die "Trunk.toml must name wasm_bindgen = \"$WASM_BINDGEN_VERSION\" (scripts/versions.env)"
grep -q "^wasm_opt = \"version_${BINARYEN_VERSION%%.*}\"" Trunk.toml \
  || die "Trunk.toml must name wasm_opt = \"version_${BINARYEN_VERSION%%.*}\" (scripts/versions.env)"
for pair in "binaryen:$BINARYEN_VERSION" "playwright-core:$PLAYWRIGHT_CORE_VERSION" "axe-core:$AXE_CORE_VERSION"; do
  grep -q "\"${pair%%:*}\": \"${pair#*:}\"" package.json \
    || die "package.json must pin \"${pair%%:*}\": \"${pair#*:}\" (scripts/versions.env)"
done

# --- Debian packages: a browser and its driver, Python's file server, Node. --
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
command -v python3 >/dev/null || missing+=(python3)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
command -v gzip >/dev/null || missing+=(gzip)
command -v cc >/dev/null || missing+=(gcc)
if ((${#missing[@]})); then
  say "installing Debian packages: ${missing[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${missing[@]}"
fi

command -v cargo >/dev/null || die "Rust is missing: install rustup (https://rustup.rs) and run this again."

# --- The wasm32 standard library. ---------------------------------------------
# rustup first; if it cannot fetch, Debian's rustc-web builds std from source.
# The Debian route's settings go to the wasm commands only (scripts/wasm-env.sh).
has_wasm_std() {
  local dir
  dir="$(rustc --print target-libdir --target wasm32-unknown-unknown 2>/dev/null)" || return 1
  compgen -G "$dir/libcore-*.rlib" >/dev/null
}
WASM_ENV_FILE="$FLOK_ROOT/target/wasm-env.sh"
if has_wasm_std; then
  rm -f "$WASM_ENV_FILE"
elif [ ! -f "$WASM_ENV_FILE" ]; then
  say "adding the wasm32 target with rustup"
  if command -v rustup >/dev/null && timeout 300 rustup target add wasm32-unknown-unknown && has_wasm_std; then
    :
  else
    say "rustup could not fetch it: using Debian's rustc-web and building std from source"
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q rustc-web cargo-web rust-web-src lld-22
    rustup toolchain list | grep -q '^flok-debian-web' || rustup toolchain link flok-debian-web /usr
    mkdir -p "$FLOK_ROOT/target"
    cat > "$WASM_ENV_FILE" <<ENV
export RUSTUP_TOOLCHAIN=flok-debian-web
export RUSTC_BOOTSTRAP=1
export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=/usr/lib/llvm-22/bin/wasm-ld
export CARGO_TARGET_DIR="$FLOK_ROOT/target/debian-web"
ENV
  fi
fi
# Runs a command with the wasm settings (empty on the rustup route).
with_wasm_env() { ( [ ! -f "$WASM_ENV_FILE" ] || source "$WASM_ENV_FILE"; "$@" ); }

# --- The release build's standard library, from source. -----------------------
# The release wasm rebuilds std with the app so that a panic stops at once,
# without the code that formats its message and location: 26 KB less gzip in a
# volunteer's first load (docs/performance.md). Stable rustc takes these flags
# only with RUSTC_BOOTSTRAP, here given to the release build alone: tests and
# debug builds keep their readable panics. Debian's route has the source already.
has_std_source() { with_wasm_env bash -c '[ -d "$(rustc --print sysroot)/lib/rustlib/src/rust/library/std" ]'; }
if ! has_std_source; then
  say "adding the standard library's source with rustup"
  timeout 300 rustup component add rust-src && has_std_source \
    || die "rustup could not add rust-src, which the release build needs"
fi
# Runs a command (a release `trunk build` or `trunk serve`) with those settings.
with_release_wasm_env() {
  with_wasm_env env RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none" \
    "$@"
}

# --- Cargo tools: exact versions, so Trunk never tries to download its own. ---
if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (about 12 minutes on 2 cores, once)"
  # trunk asks for a newer rustc than stable here but builds fine; thin LTO
  # halves the install time.
  CARGO_PROFILE_RELEASE_LTO=thin CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install trunk --version "$TRUNK_VERSION" --locked --ignore-rust-version
fi
if [ "$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f1-2)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 3 minutes, once)"
  # No --locked: that version's lockfile names a crate the registry lacks.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# --- npm tools: wasm-opt, playwright-core, axe-core, pouchdb-server (no browser
# download). No install scripts run: sqlite3, which pouchdb-server pulls in but
# never loads in memory, would fetch a prebuilt binary from outside npm. ---
# The lockfile copied beside the packages marks an install that is up to date.
if ! cmp -s package-lock.json node_modules/.flok-installed-lock; then
  say "installing npm packages"
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.flok-installed-lock
fi
