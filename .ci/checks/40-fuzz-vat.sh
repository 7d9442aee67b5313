#!/usr/bin/env bash
# R-VAT-1 / SPEC §12: the VAT parser never crashes on any bytes — libFuzzer + AddressSanitizer, ~30 s.
set -euo pipefail
cd "$(dirname "$0")/../.."
Scripts/fuzz.sh VATNumberFuzz "${CPS_FUZZ_SECONDS:-30}" -max_len=128
