# A throw-away PostgreSQL cluster for the checks that need one (Scripts/postgres-tests.sh,
# Scripts/portal-scale-out.sh): sourced, not run. It defines
#
#   pg_cluster_start LABEL   initdb in a new temporary directory (as the `postgres` user when root:
#                            initdb refuses root), start the server on 127.0.0.1 on a free port (its
#                            unix socket in that directory, SCRAM password auth over TCP, 200
#                            connections), and export PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE
#                            and PGSSLMODE for it. LABEL prefixes the messages.
#   pg_cluster_stop STATUS   stop the server (fast, else immediate), print the end of its log when
#                            STATUS is not 0, and remove the directory. Safe to call when nothing was
#                            started, and twice. Call it from the caller's EXIT trap.
#   pg_cluster_url           print postgres://postgres@127.0.0.1:PORT/postgres?sslmode=disable (the
#                            password stays in PGPASSWORD).
#
# and sets pg_cluster_dir, pg_cluster_port, pg_cluster_bin. Uses the binaries under
# /usr/lib/postgresql/<version>/bin (the newest), or POSTGRES_BIN if set; `psql` from there too.

pg_cluster_dir=""
pg_cluster_port=""
pg_cluster_bin=""
pg_cluster_started=0
pg_cluster_label=postgres

if [ "$(id -u)" = 0 ]; then
  pg_cluster_user=postgres
  pg_as_server() { runuser -u postgres -- "$@"; }
else
  pg_cluster_user=$(id -un)
  pg_as_server() { "$@"; }
fi

pg_cluster_start() {
  pg_cluster_label=${1:-postgres}
  pg_cluster_bin=${POSTGRES_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
  if [ -z "$pg_cluster_bin" ] || [ ! -x "$pg_cluster_bin/initdb" ] || [ ! -x "$pg_cluster_bin/pg_ctl" ]; then
    echo "$pg_cluster_label: no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (install the postgresql package)" >&2
    return 1
  fi
  pg_cluster_dir=$(mktemp -d /tmp/cps-postgres.XXXXXX)
  local password="cps-ci-$RANDOM$RANDOM"
  mkdir -p "$pg_cluster_dir/socket"
  printf '%s\n' "$password" > "$pg_cluster_dir/pwfile"
  if [ "$pg_cluster_user" = postgres ] && [ "$(id -u)" = 0 ]; then chown -R postgres: "$pg_cluster_dir"; fi
  chmod 700 "$pg_cluster_dir"

  echo "== initdb ($pg_cluster_bin) in $pg_cluster_dir/data as $pg_cluster_user"
  pg_as_server "$pg_cluster_bin/initdb" -D "$pg_cluster_dir/data" -U postgres --pwfile="$pg_cluster_dir/pwfile" --auth-local=trust \
    --auth-host=scram-sha-256 --encoding=UTF8 --no-locale >"$pg_cluster_dir/initdb.log" 2>&1 \
    || { cat "$pg_cluster_dir/initdb.log" >&2; return 1; }

  # A free port on loopback: the first in the range nobody answers on.
  local candidate
  pg_cluster_port=""
  for candidate in $(seq 54329 54499); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then pg_cluster_port=$candidate; break; fi
  done
  [ -n "$pg_cluster_port" ] || { echo "$pg_cluster_label: no free port in 54329-54499" >&2; return 1; }

  echo "== starting PostgreSQL on 127.0.0.1:$pg_cluster_port (socket in $pg_cluster_dir/socket)"
  pg_cluster_started=1
  pg_as_server "$pg_cluster_bin/pg_ctl" -D "$pg_cluster_dir/data" -l "$pg_cluster_dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $pg_cluster_port -k $pg_cluster_dir/socket -c max_connections=200 -c shared_buffers=32MB" \
    start >/dev/null || return 1
  export PGHOST=127.0.0.1 PGPORT=$pg_cluster_port PGUSER=postgres PGPASSWORD=$password PGDATABASE=postgres PGSSLMODE=disable
}

pg_cluster_url() {
  echo "postgres://postgres@127.0.0.1:$pg_cluster_port/postgres?sslmode=disable"
}

pg_cluster_stop() {
  local status=${1:-0}
  if [ "$pg_cluster_started" = 1 ]; then
    pg_as_server "$pg_cluster_bin/pg_ctl" -D "$pg_cluster_dir/data" -m fast -w stop >/dev/null 2>&1 || {
      echo "$pg_cluster_label: fast stop failed, stopping immediately" >&2
      pg_as_server "$pg_cluster_bin/pg_ctl" -D "$pg_cluster_dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    }
    pg_cluster_started=0
  fi
  if [ "$status" != 0 ] && [ -n "$pg_cluster_dir" ] && [ -f "$pg_cluster_dir/server.log" ]; then
    echo "$pg_cluster_label: last lines of the server log:" >&2
    tail -n 20 "$pg_cluster_dir/server.log" >&2 || true
  fi
  if [ -n "$pg_cluster_dir" ]; then rm -rf "$pg_cluster_dir"; pg_cluster_dir=""; fi
}
