#!/usr/bin/env bash
# R-ID-4: the authorisation table (Tests/CPSKitTests/Authorization/AuthorizationTable.swift) has one row
# for every public method of the services and jobs in CPSKit's symbol graph, and
# Documentation/Security.md's table is generated from it. Self-test: a copy without its first row fails.
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build --target CPSKit >/dev/null
bin=$(swift build --show-bin-path)
out=$(mktemp -d /tmp/cps-symbols.XXXXXX)
trap 'rm -rf "$out"' EXIT
swift-symbolgraph-extract -module-name CPSKit -I "$bin/Modules" -target "$(uname -m)-unknown-linux-gnu" \
  -minimum-access-level public -output-dir "$out"
python3 Scripts/authorization_table.py compare "$out/CPSKit.symbols.json"
python3 Scripts/authorization_table.py check
# The check can fail: remove one row and it must.
table=Tests/CPSKitTests/Authorization/AuthorizationTable.swift
awk 'BEGIN{done=0} /^ *Row\("/ && !done {done=1; next} {print}' "$table" > "$out/table-without-a-row.swift"
if python3 Scripts/authorization_table.py --table "$out/table-without-a-row.swift" compare "$out/CPSKit.symbols.json" > "$out/self-test.txt"; then
  echo "self-test: the comparison passed with a row removed"; exit 1
fi
grep -q "without a row" "$out/self-test.txt" && echo "self-test: a removed row fails the check ($(head -1 "$out/self-test.txt"))"
