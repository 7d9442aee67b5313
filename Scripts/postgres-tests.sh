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
# /usr/lib/postgresql/<version>/bin (the newest), or POSTGRES_BIN if set.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

bin=${POSTGRES_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ] || [ ! -x "$bin/pg_ctl" ]; then
  echo "postgres-tests: no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (install the postgresql package)" >&2
  exit 1
fi

tmp=$(mktemp -d /tmp/cps-postgres.XXXXXX)
if [ "$(id -u)" = 0 ]; then
  server_user=postgres
  as_server() { runuser -u postgres -- "$@"; }
else
  server_user=$(id -un)
  as_server() { "$@"; }
fi
password="cps-ci-$RANDOM$RANDOM"
started=0
cleanup() {
  status=$?
  if [ "$started" = 1 ]; then
    as_server "$bin/pg_ctl" -D "$tmp/data" -m fast -w stop >/dev/null 2>&1 || {
      echo "postgres-tests: fast stop failed, stopping immediately" >&2
      as_server "$bin/pg_ctl" -D "$tmp/data" -m immediate -w stop >/dev/null 2>&1 || true
    }
  fi
  if [ "$status" != 0 ] && [ -f "$tmp/server.log" ]; then
    echo "postgres-tests: last lines of the server log:" >&2
    tail -n 20 "$tmp/server.log" >&2 || true
  fi
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT

mkdir -p "$tmp/socket"
printf '%s\n' "$password" > "$tmp/pwfile"
if [ "$server_user" = postgres ]; then chown -R postgres: "$tmp"; fi
chmod 700 "$tmp"

echo "== initdb ($bin) in $tmp/data as $server_user"
as_server "$bin/initdb" -D "$tmp/data" -U postgres --pwfile="$tmp/pwfile" --auth-local=trust \
  --auth-host=scram-sha-256 --encoding=UTF8 --no-locale >"$tmp/initdb.log" 2>&1 || { cat "$tmp/initdb.log" >&2; exit 1; }

# A free port on loopback: the first in the range nobody answers on.
port=""
for candidate in $(seq 54329 54499); do
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
done
[ -n "$port" ] || { echo "postgres-tests: no free port in 54329-54499" >&2; exit 1; }

echo "== starting PostgreSQL on 127.0.0.1:$port (socket in $tmp/socket)"
started=1
as_server "$bin/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $tmp/socket -c max_connections=200 -c shared_buffers=32MB" start >/dev/null

export PGHOST=127.0.0.1 PGPORT=$port PGUSER=postgres PGPASSWORD=$password PGDATABASE=postgres PGSSLMODE=disable

cd "$root/Examples/PostgresStore"
log="$tmp/swift-test.log"
echo "== swift test (Examples/PostgresStore)"
swift test 2>&1 | tee "$log"
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
swift run cps-postgres-walkthrough --lang en > "$tmp/walkthrough.log" 2>&1 || { cat "$tmp/walkthrough.log" >&2; exit 1; }
tail -n 3 "$tmp/walkthrough.log"
echo "== postgres-tests passed"
