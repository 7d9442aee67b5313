#!/usr/bin/env bash
# Fuzzes the embedded store's journal and snapshot decoding for 30 s (R-ADP-1): recovery reads
# whatever a crash or a damaged disk left behind and must never crash on it.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash Scripts/fuzz.sh JournalDecodeFuzz 30
