#!/usr/bin/env bash
# Source rules that a compiler does not check (SPEC §1, §12).
set -euo pipefail
fail=0
if grep -q '\.package(' Package.swift; then
  echo "Package.swift declares a package dependency: the root package depends on Foundation alone"; fail=1
fi
# Synchronization.Mutex waits on a futex ThreadSanitizer cannot see: use `Locked` (Sources/CPSRules/Support/Locked.swift).
if grep -rn --include='*.swift' --exclude-dir=cps-bench -E '\bMutex[<(]' Sources Tests; then  # cps-bench: its baseline is a Mutex-protected Dictionary on purpose (never run under TSan)
  echo "use Locked instead of Mutex (ThreadSanitizer reports every Mutex access as a race)"; fail=1
fi
# The library's targets, bottom up (Package.swift, Documentation/Architecture.md).
library=(Sources/CPSRules Sources/CPSRecords Sources/CPSFileStore Sources/CPSKit)
# No traps reachable from input in the library.
if grep -rn --include='*.swift' -E 'fatalError\(|try!|preconditionFailure\(' "${library[@]}"; then
  echo "no fatalError, try! or preconditionFailure in the library"; fail=1
fi
# The pure rules (SPEC §1 "Pure core"): CPSRules depends on no other target, imports Foundation
# alone, and reads no store, clock, environment or randomness and does no I/O. The compiler already
# keeps the other layers' types (RecordStore, TimeSource, RandomSource…) out of reach; this rule
# catches what Foundation and the system would still offer. Comment lines are not code.
rules=Sources/CPSRules
if ! grep -Eq '\.target\(name: "CPSRules"\)' Package.swift; then
  echo "Package.swift: the CPSRules target must declare no dependency"; fail=1
fi
if grep -rn --include='*.swift' -E '^\s*(@\w+\s+)*import\s' "$rules" | grep -Ev ':\s*import Foundation\s*$'; then
  echo "CPSRules imports Foundation alone"; fail=1
fi
impure='\bDate\(\)|Date\.now|\.now\(\)|Date\(timeIntervalSinceNow|ContinuousClock|SuspendingClock|DispatchTime|DispatchWallTime'
impure+='|clock_gettime|gettimeofday|CFAbsoluteTimeGetCurrent|(TimeZone|Locale|Calendar)\.(current|autoupdatingCurrent)'
impure+='|ProcessInfo|getenv|CommandLine\.|FileManager|FileHandle|\bfopen|\bopen\(|\bfsync|\bunlink\(|URLSession|URLRequest'
impure+='|contentsOf(File)?:|\.write\(to|atomically:|InputStream|OutputStream|\bProcess\(|\bprint\(|\bdebugPrint\(|\breadLine\('
impure+='|RecordStore|StoredRecord|WriteBatch|TimeSource|IDGenerator|RandomSource|Sleeper'
impure+='|SystemRandomNumberGenerator|\.random\(|arc4random|UUID\(\)|Task\.sleep|Thread\.sleep|\busleep\(|DispatchQueue'
if grep -rnE --include='*.swift' "$impure" "$rules" | grep -Ev '^[^:]+:[0-9]+:\s*//'; then
  echo "CPSRules is pure: no store, clock, environment, randomness or I/O (SPEC §1); move the call to a service"; fail=1
fi
# Index keys are built by the record types only (issue 17 item 4): `ProductRegistration.byAccount(id)`,
# `OutboxMail.pendingIndex` — no key literal in the services, the tool or the test kit. The storage
# conformance suites and the crash writer index synthetic records of their own and are exempt.
if grep -rnE --include='*.swift' 'indexKey: *"|IndexKey(<[^>]*>)?\("' Sources/CPSKit Sources/CPSCLI Sources/CPSKitTesting Sources/cps \
    | grep -Ev '^Sources/CPSKitTesting/(StorageConformance|StoreCrashWriterRecords|RecordSamples)\.swift:' \
    | grep -Ev '^[^:]+:[0-9]+:\s*//'; then
  echo "build index keys with the record type's key builders (IndexKey, issue 17 item 4), not string literals"; fail=1
fi
# Every public symbol of the library and the test kit has a doc comment (SPEC §12).
if ! python3 Scripts/undocumented.py; then
  echo "public symbols above lack a doc comment"; fail=1
fi
exit $fail
