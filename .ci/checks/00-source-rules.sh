#!/usr/bin/env bash
# Source rules that a compiler does not check (SPEC §1, §12).
set -euo pipefail
fail=0
if grep -q '\.package(' Package.swift; then
  echo "Package.swift declares a package dependency: the root package depends on Foundation alone"; fail=1
fi
# Synchronization.Mutex waits on a futex ThreadSanitizer cannot see: use `Locked` (Support/Locked.swift).
if grep -rn --include='*.swift' --exclude-dir=cps-bench -E '\bMutex[<(]' Sources Tests; then  # cps-bench: its baseline is a Mutex-protected Dictionary on purpose (never run under TSan)
  echo "use Locked instead of Mutex (ThreadSanitizer reports every Mutex access as a race)"; fail=1
fi
# No traps reachable from input in the library.
if grep -rn --include='*.swift' -E 'fatalError\(|try!|preconditionFailure\(' Sources/CPSKit; then
  echo "no fatalError, try! or preconditionFailure in the library"; fail=1
fi
# Every public symbol of the library and the test kit has a doc comment (SPEC §12).
if ! python3 Scripts/undocumented.py; then
  echo "public symbols above lack a doc comment"; fail=1
fi
exit $fail
