#!/usr/bin/env bash
# Prints what a first visit downloads from a build folder, for each of the
# two builds (src/builds.rs): the page (html, css) and the build's js and
# wasm, raw and gzip -9, and the total; fails when a total passes its
# budget in scripts/bundle-budget.env. The service worker, manifest and
# icons come after the first render and are listed apart. The brotli column
# is the size of the precompressed .br file the build ships
# (scripts/precompress.mjs), for hosts that serve it.
set -euo pipefail
dist="${1:-dist}"
[ -f "$dist/index.html" ] || { echo "bundle-size: no build in $dist (run trunk build --release)" >&2; exit 1; }
# shellcheck source=bundle-budget.env
source "$(dirname "$0")/bundle-budget.env"

row() { printf '%-48s %10s %10s %10s\n' "$@"; }
brotli_of() { if [ -f "$1.br" ]; then stat -c %s "$1.br"; else echo "-"; fi; }
over=0

# One build's first load: its name (the bin), a title and its budget.
first_load() {
  local build=$1 title=$2 budget=$3 total_raw=0 total_gz=0 total_br=0 file raw gz br
  row "$title" "raw bytes" "gzip -9" "brotli"
  while IFS= read -r file; do
    raw=$(stat -c %s "$file")
    gz=$(gzip -9 -c "$file" | wc -c)
    br=$(brotli_of "$file")
    total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
    [ "$br" = "-" ] || total_br=$((total_br + br))
    row "  ${file#"$dist"/}" "$raw" "$gz" "$br"
  done < <(find "$dist" -maxdepth 1 -type f \( -name '*.html' -o -name '*.css' -o -name "$build-*.js" -o -name "$build-*.wasm" \) | sort)
  row "  total" "$total_raw" "$total_gz" "$total_br"
  row "  budget" "" "$budget"
  if [ "$total_gz" -gt "$budget" ]; then
    echo "bundle-size: $title is $total_gz bytes gzipped, over its budget of $budget" >&2
    over=1
  fi
}

first_load flok-volunteer "a volunteer's first load" "$VOLUNTEER_FIRST_LOAD_GZIP_BUDGET"
first_load flok-app "the whole app's first load" "$WHOLE_APP_GZIP_BUDGET"
for file in "$dist/sw.js" "$dist/manifest.webmanifest" "$dist"/icons/*; do
  case "$file" in *.gz | *.br) continue ;; esac
  [ -f "$file" ] && row "(later) ${file#"$dist"/}" "$(stat -c %s "$file")" "$(gzip -9 -c "$file" | wc -c)" "$(brotli_of "$file")"
done
exit "$over"
