#!/usr/bin/env bash
# What each crate costs in the wasm: twiggy (cargo install twiggy, not part of
# the test command) on the release wasm before wasm-bindgen and wasm-opt,
# which still has function names. Code bytes per crate, largest first; the
# shipped file is smaller (wasm-opt -Oz, then gzip), the proportions similar.
# Run after `trunk build --release`.
set -euo pipefail
wasm="${1:-target/wasm32-unknown-unknown/release/flok-app.wasm}"
command -v twiggy >/dev/null || { echo "wasm-breakdown: needs twiggy (cargo install twiggy --version 0.7.0)" >&2; exit 1; }
twiggy top -n 1000000 --format csv "$wasm" | python3 -c '
import csv, re, sys
sizes = {}
for row in csv.DictReader(sys.stdin):
    name, size = row["Name"], int(row["ShallowSize"])
    # Sections are metadata; describe shims are removed by wasm-bindgen.
    if "section" in name or name.startswith("__wbindgen_describe"):
        continue
    # The crate is the first path segment, also inside <T as crate::Trait>.
    match = re.search(r"(?:^|<|\bas )&?(?:mut )?([a-z_][a-z0-9_]*)(?:\[[0-9a-f]+\])?::", name)
    crate = match.group(1) if match else ("data" if name.startswith("data[") else "other")
    sizes[crate] = sizes.get(crate, 0) + size
total = sum(sizes.values())
for crate, size in sorted(sizes.items(), key=lambda kv: -kv[1])[:25]:
    print(f"{size:>9} {100 * size / total:5.1f} %  {crate}")
print(f"{total:>9} 100.0 %  code and data")
'
