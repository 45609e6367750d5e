#!/usr/bin/env bash
# A step of scripts/post-build.sh (Trunk's hook): writes the build's shell files and a hash of them
# into the service worker (pwa/sw.js), so each build caches under a name of
# its own and the worker itself changes whenever any file does.
set -euo pipefail
cd "${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
mapfile -t files < <(find . -type f ! -name sw.js | sed 's|^\./||' | LC_ALL=C sort)
version=$(cat "${files[@]}" | sha256sum | cut -c1-16)
list=$(printf '"%s",' "${files[@]}")
sed -i "s|__FLOK_VERSION__|$version|; s|__FLOK_FILES__|[${list%,}]|" sw.js
