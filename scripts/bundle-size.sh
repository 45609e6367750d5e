#!/usr/bin/env bash
# Prints what a first visit downloads from a build folder: each file of the
# page (html, js, wasm, css), raw and gzip -9, and the total.
set -euo pipefail
dist="${1:-dist}"
[ -f "$dist/index.html" ] || { echo "bundle-size: no build in $dist (run trunk build --release)" >&2; exit 1; }

printf '%-44s %10s %10s\n' "first-load file" "raw bytes" "gzip -9"
total_raw=0 total_gz=0
while IFS= read -r file; do
  raw=$(stat -c %s "$file")
  gz=$(gzip -9 -c "$file" | wc -c)
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
  printf '%-44s %10d %10d\n' "${file#"$dist"/}" "$raw" "$gz"
done < <(find "$dist" -maxdepth 1 -type f \( -name '*.html' -o -name '*.js' -o -name '*.wasm' -o -name '*.css' \) | sort)
printf '%-44s %10d %10d\n' "total" "$total_raw" "$total_gz"
