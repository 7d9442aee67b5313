#!/usr/bin/env bash
# SPEC §12 "never crash on any bytes": every parser of outside input, fuzzed with libFuzzer and
# AddressSanitizer in one binary (Scripts/fuzz.sh, Documentation/Fuzzing.md). Each target runs
# CPS_FUZZ_SECONDS (default 9) from its committed seeds in Fuzz/corpus/<target>/; with libFuzzer's
# start-up the ten runs take about 110 s (≤ 2 min) after the one compilation. A crash, a sanitizer report, a failed
# property check or a leak fails the check; the input that did it is in .build-fuzz/<target>/artifacts/.
# CI fuzzes from a fixed libFuzzer seed (CPS_FUZZ_SEED, default 1), so a run repeats the same
# mutations and a failure is reproducible; long local runs (Documentation/Fuzzing.md) pick their own.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${CPS_FUZZ_SECONDS:-9}
bash Scripts/fuzz.sh --build
mapfile -t targets < <(sed -nE 's/^    "([A-Za-z]+Fuzz)": .*/\1/p' Fuzz/FuzzEntry.swift)
[ "${#targets[@]}" -ge 10 ] || { echo "40-fuzz: expected at least 10 targets in Fuzz/FuzzEntry.swift, found ${#targets[@]}" >&2; exit 1; }
start=$SECONDS
failed=()
for target in "${targets[@]}"; do
  # The VAT parser's inputs are short; the others take the default input length.
  options=(-seed="${CPS_FUZZ_SEED:-1}")
  [ "$target" = VATNumberFuzz ] && options+=(-max_len=128)
  if ! bash Scripts/fuzz.sh "$target" "$seconds" "${options[@]}" > ".build-fuzz/$target.log" 2>&1; then
    failed+=("$target")
    tail -40 ".build-fuzz/$target.log"
  fi
  echo "$target: $(grep -Eo 'stat::number_of_executed_units: *[0-9]+' ".build-fuzz/$target.log" | grep -Eo '[0-9]+$' || echo '?') runs"
done
echo "fuzzed ${#targets[@]} targets in $((SECONDS - start)) s"
if [ "${#failed[@]}" -gt 0 ]; then
  echo "FAIL: ${failed[*]}" >&2
  exit 1
fi
