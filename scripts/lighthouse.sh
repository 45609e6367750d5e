#!/usr/bin/env bash
# Lighthouse 12 (mobile preset: slow 4G, 4x slower CPU) against the release
# build served compressed, as a well-set-up host serves it
# (scripts/serve-dist.mjs sends the precompressed .br/.gz files). Not part of
# the test command: it takes a minute and its figures move with the machine.
# Prints performance, Largest Contentful Paint, Total Blocking Time and the
# bytes transferred; the last figures are in docs/performance.md.
# Usage: bash scripts/lighthouse.sh [--no-build]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$FLOK_ROOT"
LIGHTHOUSE_VERSION=12.2.3
tools=target/lighthouse
# Pinned and kept apart from the test command's packages (npm registry only;
# 12.3 and later need a newer Node than Debian 12's).
if [ ! -x "$tools/node_modules/.bin/lighthouse" ] || ! grep -q "\"version\": \"$LIGHTHOUSE_VERSION\"" "$tools/node_modules/lighthouse/package.json"; then
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-save --no-audit --no-fund --ignore-scripts --loglevel=error "lighthouse@$LIGHTHOUSE_VERSION"
fi
[ "${1:-}" = "--no-build" ] || with_release_wasm_env trunk build --release
port=8091
node scripts/serve-dist.mjs dist "$port" >/dev/null &
server=$!
trap 'kill $server' EXIT
sleep 1
report=target/lighthouse/report.json
CHROME_PATH=/usr/bin/chromium "$tools/node_modules/.bin/lighthouse" "http://127.0.0.1:$port/" \
  --only-categories=performance --output=json --output-path="$report" --quiet \
  --chrome-flags="--headless=new --no-sandbox --disable-gpu"
node -e '
const r = require(process.argv[1]);
const a = r.audits;
const kib = (b) => (b / 1024).toFixed(0) + " KiB";
console.log(`lighthouse ${r.lighthouseVersion}, ${new Date(r.fetchTime).toISOString().slice(0, 10)}:`);
console.log(`  performance ${Math.round(r.categories.performance.score * 100)}`);
console.log(`  largest contentful paint ${a["largest-contentful-paint"].displayValue}`);
console.log(`  first contentful paint ${a["first-contentful-paint"].displayValue}`);
console.log(`  total blocking time ${a["total-blocking-time"].displayValue}`);
console.log(`  time to interactive ${a["interactive"].displayValue}`);
console.log(`  transferred ${kib(a["total-byte-weight"].numericValue)}`);
' "$PWD/$report"
