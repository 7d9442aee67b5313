#!/usr/bin/env bash
# Thread sanitizer run (SPEC §12: "Tests run under the thread sanitizer in CI", R-ADP-1 racing writers).
# Builds into its own scratch path so the normal debug build stays usable. Fails on any test failure
# and on any ThreadSanitizer report, even one that does not fail a test.
set -euo pipefail
cd "$(dirname "$0")/../.."
log=$(mktemp /tmp/cps-tsan.XXXXXX.log)
start=$(date +%s)
status=0
# The race tests explore every schedule in the normal run; under TSan a seeded sample of 50 (R-UOW-2).
CPS_RACE_SAMPLE=1 TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=0 second_deadlock_stack=1}" \
  swift test --sanitize=thread --scratch-path .build-tsan 2>&1 | tee "$log" || status=$?
echo "== tsan run took $(( $(date +%s) - start )) s"
if [ "$status" -ne 0 ]; then echo "swift test --sanitize=thread failed (status $status)"; exit 1; fi
if grep -q "ThreadSanitizer" "$log"; then echo "ThreadSanitizer reported a problem (see above)"; exit 1; fi
if ! grep -Eq 'Test run with [1-9][0-9]* tests? .*passed' "$log"; then echo "the sanitizer run ran no tests"; exit 1; fi
echo "== tsan: clean"
