#!/usr/bin/env bash
# The layers (issue 14, SPEC §1, Documentation/Architecture.md): each library target imports only
# the targets below it, and each builds alone, bottom up.
set -euo pipefail
fail=0
# target : the project modules it may import
allowed=(
  "CPSRules:"
  "CPSRecords:CPSRules"
  "CPSFileStore:CPSRules CPSRecords"
  "CPSKit:CPSRules CPSRecords CPSFileStore"
)
project='CPSRules|CPSRecords|CPSFileStore|CPSKit|CPSKitTesting|CPSCLI'
for entry in "${allowed[@]}"; do
  target=${entry%%:*}; may=" ${entry#*:} "
  while IFS= read -r line; do
    module=$(sed -E 's/.*import[[:space:]]+([A-Za-z_]+).*/\1/' <<<"${line#*:*:}")
    if [[ "$may" != *" $module "* ]]; then
      echo "$line: $target may import only:${may% }"; fail=1
    fi
  done < <(grep -rnE --include='*.swift' "^\s*(@[A-Za-z_]+\s+)*import\s+($project)\b" "Sources/$target" || true)
done
[ $fail -eq 0 ] || exit 1
for target in CPSRules CPSRecords CPSFileStore CPSKit; do
  echo "-- swift build --target $target"
  swift build --target "$target" 2>&1 | tail -1
done
