#!/usr/bin/env bash
# R-HOST-1, R-HOST-2: the portal package (Examples/Portal, on Hummingbird): build, its Swift tests
# over real HTTP, the graceful-shutdown check of the built server, schemathesis against
# /openapi.json, the browser journey (Selenium and Debian's chromium; apt-installs chromium and
# chromium-driver when root and missing) and the wrk load smoke (Scripts/portal-tests.sh).
# A first build of Hummingbird and SwiftNIO takes several minutes on two cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
start=$(date +%s)
bash Scripts/portal-tests.sh
bash Scripts/portal-scale-out.sh  # two instances on one PostgreSQL (issue 21 item 6); NIO comes built by 50-postgres (same .build)
echo "== portal check took $(( $(date +%s) - start )) s"
