#!/usr/bin/env bash
# The unit of work's stress run (R-UOW-1, R-UOW-2): eight card-charge runners at once over 500 due
# invoices on the durable file store; the gateway must charge exactly 500 times. Outside the TSan run
# (ChargeStressTests runs only with CPS_STRESS=1). Fails if the test did not run.
set -euo pipefail
cd "$(dirname "$0")/../.."
log=$(mktemp /tmp/cps-stress.XXXXXX.log)
CPS_STRESS=1 swift test --filter ChargeStressTests 2>&1 | tee "$log"
grep -q "charge stress: 8 runners, 500 invoices" "$log" || { echo "the charge stress test did not run"; exit 1; }
grep -Eq 'Test run with 1 test .*passed' "$log" || { echo "the charge stress test failed"; exit 1; }
