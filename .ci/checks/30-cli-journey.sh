#!/usr/bin/env bash
# R-GUIDE-1 and the `cps` tool: the whole seed journey through the built binary, every JSON answer and
# exit code checked (Scripts/cli_journey_test.sh prints "N passed, 0 failed").
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build --product cps
bash Scripts/cli_journey_test.sh "$(swift build --product cps --show-bin-path)/cps"
