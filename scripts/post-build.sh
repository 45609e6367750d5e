#!/usr/bin/env bash
# Trunk's post-build hook, one script so its steps run in order (Trunk runs
# the hooks of one stage side by side):
#   1. the volunteer's build (src/builds.rs), which Trunk names without a
#      hash, gets one in its file names, and index.html learns them;
#   2. the service worker learns every file and a hash of them all;
#   3. a gzip and a brotli copy of each file, for hosts that serve them.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"

hash=$(cat flok-volunteer.js flok-volunteer_bg.wasm | sha256sum | cut -c1-16)
mv flok-volunteer.js "flok-volunteer-$hash.js"
mv flok-volunteer_bg.wasm "flok-volunteer-${hash}_bg.wasm"
sed -i "s|__FLOK_VOLUNTEER__|${TRUNK_PUBLIC_URL:-./}flok-volunteer-$hash.js,${TRUNK_PUBLIC_URL:-./}flok-volunteer-${hash}_bg.wasm|" index.html
grep -q "flok-volunteer-$hash.js" index.html

bash "$here/service-worker.sh"
node "$here/precompress.mjs"
