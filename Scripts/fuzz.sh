#!/usr/bin/env bash
# Builds and runs one libFuzzer target: Scripts/fuzz.sh NAME SECONDS [libFuzzer options…]
#
# NAME is a file Fuzz/NAME.swift defining `@_cdecl("LLVMFuzzerTestOneInput")`. It is compiled with
# every CPSKit source into one module (CPSKitFuzz), so it can reach internal entry points, with
# libFuzzer and AddressSanitizer. Seeds come from Fuzz/corpus/NAME/ when that folder exists; the
# growing corpus and any crash files go to .build-fuzz/NAME/. Exits non-zero when the target
# crashes, trips a sanitizer or a precondition, or leaks.
set -euo pipefail
cd "$(dirname "$0")/.."

name=${1:?usage: Scripts/fuzz.sh NAME SECONDS [libFuzzer options…]}
seconds=${2:?usage: Scripts/fuzz.sh NAME SECONDS [libFuzzer options…]}
shift 2
entry="Fuzz/$name.swift"
[ -f "$entry" ] || { echo "fuzz.sh: no $entry" >&2; exit 64; }

out=".build-fuzz/$name"
mkdir -p "$out/corpus" "$out/artifacts"
mapfile -t sources < <(find Sources/CPSKit -name '*.swift' | sort)

echo "== compiling $name (${#sources[@]} CPSKit sources + $entry)"
swiftc -sanitize=fuzzer,address -parse-as-library -O -g \
  -swift-version 6 -enable-upcoming-feature ExistentialAny \
  -module-name CPSKitFuzz -package-name CPSKit "${sources[@]}" "$entry" -o "$out/$name"

seeds=()
[ -d "Fuzz/corpus/$name" ] && seeds=("Fuzz/corpus/$name")

echo "== running $name for $seconds s"
"$out/$name" -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$out/artifacts/" \
  "$@" "$out/corpus" "${seeds[@]}"
