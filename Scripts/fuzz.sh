#!/usr/bin/env bash
# Builds the one fuzzing binary and runs one libFuzzer target: Scripts/fuzz.sh NAME SECONDS [libFuzzer options…]
#
# NAME is a file Fuzz/NAME.swift defining a target function listed in Fuzz/FuzzEntry.swift
# (Documentation/Fuzzing.md lists them). Every target and every source of the layers it fuzzes —
# CPSRules, CPSRecords, CPSFileStore, CPSKit, CPSKitTesting and CPSCLI, without their Exports.swift
# and with their `import CPSKit` / `import CPSKitTesting` lines taken out — are compiled into one
# module (CPSKitFuzz) with libFuzzer and AddressSanitizer, so targets reach internal and package
# entry points; CPS_FUZZ_TARGET=NAME picks the target. SECONDS 0 means no time limit (give -runs=N).
# Seeds come from Fuzz/corpus/NAME/ when that folder exists; the growing corpus and any crash files
# go to .build-fuzz/NAME/. Exits non-zero when the target crashes, trips a sanitizer or a
# precondition, or leaks. `Scripts/fuzz.sh --build` only builds the binary.
set -euo pipefail
cd "$(dirname "$0")/.."

usage="usage: Scripts/fuzz.sh NAME SECONDS [libFuzzer options…] | Scripts/fuzz.sh --build"
name=${1:?$usage}

# One binary holds every target; it is rebuilt only when a source changed, so every run shares one
# compilation.
binary=".build-fuzz/cps-fuzz"
staging=".build-fuzz/sources"
layers=(Sources/CPSRules Sources/CPSRecords Sources/CPSFileStore Sources/CPSKit Sources/CPSKitTesting Sources/CPSCLI)
# The stamp is taken before the sources are copied, so a source changed during a compilation is
# compiled again next time.
stamp=".build-fuzz/sources.stamp"
if [ ! -x "$binary" ] || [ ! -f "$stamp" ] || [ -n "$(find "${layers[@]}" Fuzz Scripts/fuzz.sh -newer "$stamp" \( -name '*.swift' -o -name '*.sh' \) | head -1)" ]; then
  rm -rf "$staging"
  mkdir -p "$staging"
  touch "$stamp.new"
  mapfile -t originals < <(find "${layers[@]}" Fuzz -name '*.swift' ! -name Exports.swift | sort)
  sources=()
  for file in "${originals[@]}"; do
    copy="$staging/$file"
    mkdir -p "$(dirname "$copy")"
    # One module: the imports of the layers below are the module itself.
    sed -E 's/^(@testable )?import (CPSRules|CPSRecords|CPSFileStore|CPSKit|CPSKitTesting|CPSCLI)$//' "$file" > "$copy"
    sources+=("$copy")
  done
  echo "== compiling the fuzzing binary (${#sources[@]} sources)"
  # Whole-module: one type-check of all sources (per-file jobs would each parse every file again).
  swiftc -sanitize=fuzzer,address -parse-as-library -O -g -wmo -num-threads 2 \
    -swift-version 6 -enable-upcoming-feature ExistentialAny \
    -module-name CPSKitFuzz -package-name CPSKit "${sources[@]}" -o "$binary.new"
  # -wmo -g writes the module's .swiftmodule/.swiftdoc/.swiftsourceinfo into the working directory.
  rm -f CPSKitFuzz-*.swiftmodule CPSKitFuzz-*.swiftdoc CPSKitFuzz-*.swiftsourceinfo
  mv "$binary.new" "$binary"
  mv "$stamp.new" "$stamp"
fi
[ "$name" = "--build" ] && exit 0

seconds=${2:?$usage}
shift 2
[ -f "Fuzz/$name.swift" ] || { echo "fuzz.sh: no Fuzz/$name.swift" >&2; exit 64; }
grep -q "\"$name\":" Fuzz/FuzzEntry.swift || { echo "fuzz.sh: $name is not listed in Fuzz/FuzzEntry.swift" >&2; exit 64; }
out=".build-fuzz/$name"
mkdir -p "$out/corpus" "$out/artifacts"

seeds=()
[ -d "Fuzz/corpus/$name" ] && seeds=("Fuzz/corpus/$name")
limit=()
[ "$seconds" != 0 ] && limit=(-max_total_time="$seconds")

echo "== running $name${limit:+ for $seconds s}"
CPS_FUZZ_TARGET="$name" "$binary" "${limit[@]}" -print_final_stats=1 -artifact_prefix="$out/artifacts/" \
  "$@" "$out/corpus" "${seeds[@]}"
