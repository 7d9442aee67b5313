#!/usr/bin/env bash
# Builds and runs one libFuzzer target: Scripts/fuzz.sh NAME SECONDS [libFuzzer options…]
#
# NAME is a file Fuzz/NAME.swift defining a target function listed in Fuzz/FuzzEntry.swift. Every
# target and every source of the layers it fuzzes (CPSRules, CPSRecords, CPSFileStore; not their
# Exports.swift, which only re-export the layer below) are compiled into one module (CPSKitFuzz), so targets reach internal
# entry points, with libFuzzer and AddressSanitizer; CPS_FUZZ_TARGET=NAME picks the target. Seeds come from Fuzz/corpus/NAME/ when that folder exists; the
# growing corpus and any crash files go to .build-fuzz/NAME/. Exits non-zero when the target
# crashes, trips a sanitizer or a precondition, or leaks.
set -euo pipefail
cd "$(dirname "$0")/.."

name=${1:?usage: Scripts/fuzz.sh NAME SECONDS [libFuzzer options…]}
seconds=${2:?usage: Scripts/fuzz.sh NAME SECONDS [libFuzzer options…]}
shift 2
[ -f "Fuzz/$name.swift" ] || { echo "fuzz.sh: no Fuzz/$name.swift" >&2; exit 64; }
grep -q "\"$name\":" Fuzz/FuzzEntry.swift || { echo "fuzz.sh: $name is not listed in Fuzz/FuzzEntry.swift" >&2; exit 64; }

# One binary holds every target; it is rebuilt only when a source changed, so the CI's fuzz checks
# share one compilation.
binary=".build-fuzz/cps-fuzz"
out=".build-fuzz/$name"
mkdir -p "$out/corpus" "$out/artifacts"
layers=(Sources/CPSRules Sources/CPSRecords Sources/CPSFileStore)
mapfile -t sources < <(find "${layers[@]}" Fuzz -name '*.swift' ! -name Exports.swift | sort)
if [ ! -x "$binary" ] || [ -n "$(find "${layers[@]}" Fuzz -name '*.swift' -newer "$binary" | head -1)" ]; then
  echo "== compiling the fuzzing binary (${#sources[@]} sources)"
  swiftc -sanitize=fuzzer,address -parse-as-library -O -g \
    -swift-version 6 -enable-upcoming-feature ExistentialAny \
    -module-name CPSKitFuzz -package-name CPSKit "${sources[@]}" -o "$binary"
fi

seeds=()
[ -d "Fuzz/corpus/$name" ] && seeds=("Fuzz/corpus/$name")

echo "== running $name for $seconds s"
CPS_FUZZ_TARGET="$name" "$binary" -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$out/artifacts/" \
  "$@" "$out/corpus" "${seeds[@]}"
