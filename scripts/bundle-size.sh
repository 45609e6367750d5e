#!/usr/bin/env bash
# Prints what a first visit downloads from a build folder: each file of the
# page (html, js, wasm, css), raw and gzip -9, and the total; fails when the
# total passes the budget in scripts/bundle-budget.env. The service worker,
# manifest and icons come after the first render and are listed apart. The
# brotli column is the size of the precompressed .br file the build ships
# (scripts/precompress.mjs), for hosts that serve it.
set -euo pipefail
dist="${1:-dist}"
[ -f "$dist/index.html" ] || { echo "bundle-size: no build in $dist (run trunk build --release)" >&2; exit 1; }
# shellcheck source=bundle-budget.env
source "$(dirname "$0")/bundle-budget.env"

row() { printf '%-44s %10s %10s %10s\n' "$@"; }
brotli_of() { if [ -f "$1.br" ]; then stat -c %s "$1.br"; else echo "-"; fi; }
row "first-load file" "raw bytes" "gzip -9" "brotli"
total_raw=0 total_gz=0 total_br=0
while IFS= read -r file; do
  raw=$(stat -c %s "$file")
  gz=$(gzip -9 -c "$file" | wc -c)
  br=$(brotli_of "$file")
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
  [ "$br" = "-" ] || total_br=$((total_br + br))
  row "${file#"$dist"/}" "$raw" "$gz" "$br"
done < <(find "$dist" -maxdepth 1 -type f \( -name '*.html' -o -name '*.js' -o -name '*.wasm' -o -name '*.css' \) ! -name sw.js | sort)
row "total" "$total_raw" "$total_gz" "$total_br"
row "budget" "" "$FIRST_LOAD_GZIP_BUDGET"
for file in "$dist/sw.js" "$dist/manifest.webmanifest" "$dist"/icons/*; do
  case "$file" in *.gz | *.br) continue ;; esac
  [ -f "$file" ] && row "(later) ${file#"$dist"/}" "$(stat -c %s "$file")" "$(gzip -9 -c "$file" | wc -c)" "$(brotli_of "$file")"
done
if [ "$total_gz" -gt "$FIRST_LOAD_GZIP_BUDGET" ]; then
  echo "bundle-size: the first load is $total_gz bytes gzipped, over the budget of $FIRST_LOAD_GZIP_BUDGET" >&2
  exit 1
fi
