#!/usr/bin/env bash
# Issue 15, item 7: the documentation builds with DocC, without a plugin, and without a warning:
# symbol graphs of the four library targets (swift-symbolgraph-extract over the debug build's modules)
# merged into one module CPSKit (it re-exports the others), the catalog Sources/CPSKit/Docs.docc plus
# every guide of Documentation/ as an article (Scripts/docc_catalog.py), then the toolchain's
# `docc convert --warnings-as-errors`: every symbol link and every link between guides must resolve.
# The rules reference must explain every R-… cited in Sources/. Output: .build-docs/CPSKit.doccarchive.
set -euo pipefail
cd "$(dirname "$0")/../.."
start=$(date +%s)
toolchain=$(dirname "$(readlink -f "$(command -v swift)")")
out=.build-docs
rm -rf "$out/symbols" "$out/CPSKit.docc" "$out/CPSKit.doccarchive"
mkdir -p "$out/symbols/raw" "$out/symbols/merged"

swift build 2>&1 | grep -v '^\[' || true
modules="$(swift build --show-bin-path)/Modules"
triple=$(swift -print-target-info | python3 -c 'import json, sys; print(json.load(sys.stdin)["target"]["triple"])')
for module in CPSRules CPSRecords CPSFileStore CPSKit; do
  "$toolchain/swift-symbolgraph-extract" -module-name "$module" -I "$modules" -target "$triple" \
    -minimum-access-level public -skip-synthesized-members -output-dir "$out/symbols/raw"
done
python3 Scripts/docc_catalog.py "$PWD" "$out/symbols/raw" "$out/symbols/merged" "$out/CPSKit.docc"

"$toolchain/docc" convert "$out/CPSKit.docc" --additional-symbol-graph-dir "$out/symbols/merged" \
  --output-dir "$out/CPSKit.doccarchive" --fallback-display-name CPSKit \
  --fallback-bundle-identifier org.cpskit.CPSKit --warnings-as-errors 2>&1 | tee "$out/docc.log"
status=${PIPESTATUS[0]}
if [ "$status" != 0 ] || grep -Eq 'warning:|error:' "$out/docc.log"; then
  echo "docc: the documentation has problems (above)"; exit 1
fi
echo "docc: built $out/CPSKit.doccarchive with no warning in $(( $(date +%s) - start )) s"
