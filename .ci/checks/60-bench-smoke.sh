#!/usr/bin/env bash
# Benchmarks (Documentation/Benchmarks.md): CI does not measure, it only proves that every workload of
# cps-bench still runs — the smoke sizes, in the debug build CI's `swift build` already made (a release
# build would cost minutes). Target misses do not fail the smoke run; a row that cannot run does.
set -euo pipefail
cd "$(dirname "$0")/../.."
python3 -m pip install --quiet python-stdnum==2.2   # the VAT baseline (pinned, like 20-vat-differential)
start=$(date +%s)
swift build --product cps-bench
"$(swift build --product cps-bench --show-bin-path)/cps-bench" --smoke
echo "== bench smoke took $(( $(date +%s) - start )) s"
