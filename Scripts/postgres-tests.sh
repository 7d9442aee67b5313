#!/usr/bin/env bash
# R-ADP-1 on PostgreSQL: starts a throw-away PostgreSQL cluster (a temporary directory, 127.0.0.1 on
# a free port, its unix socket in that directory, SCRAM password auth over TCP), runs the adapter
# package's tests against it (Examples/PostgresStore: the StorageConformance suite, the race tests,
# the dropped-connection test) and the walkthrough example, and stops the server on exit, also on
# failure. Fails unless Swift Testing reports a passing run of at least one test and skipped none.
#
#   bash Scripts/postgres-tests.sh            # needs PostgreSQL's server binaries (Debian: postgresql)
#
# As root it runs the server as the `postgres` user (initdb refuses root). Uses the binaries under
# /usr/lib/postgresql/<version>/bin (the newest), or POSTGRES_BIN if set (Scripts/postgres-cluster.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

# The cluster's start and stop are shared with Scripts/portal-scale-out.sh.
. Scripts/postgres-cluster.sh
tmp=$(mktemp -d /tmp/cps-postgres-tests.XXXXXX)
cleanup() {
  status=$?
  pg_cluster_stop "$status"
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT
pg_cluster_start postgres-tests

cd "$root/Examples/PostgresStore"
# One build directory for both example packages: the portal's (Examples/Portal/.build). SwiftNIO,
# postgres-nio and CPSKit, which both need, are then compiled once; SwiftPM reuses them when the other
# package is built there. Measured on 2 loaded cores: after the portal's build, this package's build
# added 23 steps (CPSCLI, the walkthrough) in 76 s and its tests 9 compile steps (this whole script:
# 89 s) instead of a first build (the portal's took 27 min here, BoringSSL and NIO included), and the
# portal's build afterwards stayed a no-op (17 s, planning only): CI's 80-portal finds NIO built.
scratch=(--scratch-path "$root/Examples/Portal/.build")
log="$tmp/swift-test.log"
echo "== swift test (Examples/PostgresStore, build directory Examples/Portal/.build)"
swift test "${scratch[@]}" 2>&1 | tee "$log"
if grep -q 'warning:' "$log"; then echo "postgres-tests: the build printed warnings" >&2; exit 1; fi
if ! grep -Eq 'Test run with [1-9][0-9]* tests? .*passed' "$log"; then
  echo "postgres-tests: Swift Testing reported no passing run of at least one test" >&2
  exit 1
fi
# A skipped suite also counts as "passed" in that line: none may be skipped here.
if grep -Eq '(Suite|Test) ".*" skipped' "$log"; then
  echo "postgres-tests: tests were skipped although a server was configured" >&2
  exit 1
fi

echo "== the walkthrough on PostgreSQL (swift run cps-postgres-walkthrough)"
swift run "${scratch[@]}" cps-postgres-walkthrough --lang en > "$tmp/walkthrough.log" 2>&1 || { cat "$tmp/walkthrough.log" >&2; exit 1; }
tail -n 3 "$tmp/walkthrough.log"
echo "== postgres-tests passed"
