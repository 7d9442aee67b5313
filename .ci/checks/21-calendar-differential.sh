#!/usr/bin/env bash
# R-CAL-1 / R-VAL-2: CPSKit's business calendar must agree exactly with python `holidays` 0.109
# (public holidays 2000-2040, ES from 2008; 1,000 seeded working-day cases per country).
set -euo pipefail
cd "$(dirname "$0")/../.."
python3 -m pip install --quiet "holidays==0.109"
swift build --product cps
python3 Scripts/holidays_differential.py --cps "$(swift build --show-bin-path)/cps"
