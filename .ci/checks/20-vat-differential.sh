#!/usr/bin/env bash
# R-VAT-1: `cps vat` agrees with python-stdnum 2.2 on a fixed, seeded set of inputs (see
# Documentation/VATNumbers.md for the allowed separator exception).
set -euo pipefail
cd "$(dirname "$0")/../.."
python3 -m pip install --quiet python-stdnum==2.2
swift build --product cps
python3 Scripts/vat_differential.py "$(swift build --product cps --show-bin-path)/cps"
