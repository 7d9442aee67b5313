#!/usr/bin/env bash
# R-HOST-1, R-HOST-2, R-UOW-1, R-UOW-2 (issue 21 item 6): two portal processes on one PostgreSQL
# database. Starts a throw-away PostgreSQL cluster (Scripts/postgres-cluster.sh, as
# Scripts/postgres-tests.sh does), then two `cps-portal --postgres …` on two loopback ports sharing the
# database, the token-key file and one maildir, both running the library's jobs every 0.5 s with
# invoices due on their issue day (so card invoices are charged during the run). The client
# (Scripts/portal-scale-out.py, Python standard library only) sends every request to the next
# instance in turn: 12 accounts, 6 at a time, each from applying with a PDF through review by the
# development reviewer, the mailed password link, sign-in, products, a card purchase (pages) and a
# bank-transfer purchase (API, one Idempotency-Key sent to both instances at once), while 4 threads
# send reads to both. Beside them the browser journey (Scripts/portal-browser.py, Selenium and
# Debian's chromium as Scripts/portal-tests.sh sets them up) runs with both base URLs. Then, from the database (psql over the record table's JSON payloads) and the maildir:
# every purchase invoiced once, exactly one successful charge (and one attempt) per due card invoice,
# gap-free invoice and credit-note numbers, one outbox mail per state change and per invoice, every
# mail delivered once; from the two logs: both instances ran jobs, and each card invoice was charged
# by one gateway call. Before the instances, the portal's Swift tests of two environments on one
# schema (PortalOnPostgresTests) run on the same cluster. Last, SIGTERM to both: each exits
# 0 within 10 s having closed its store, and the database has no connection left from either.
# Exits non-zero on any violation; every process and the cluster are stopped on exit, also on
# failure. As root (CI) it installs PostgreSQL with apt-get first (idempotent).
#
#   bash Scripts/portal-scale-out.sh            # SCALE_OUT_ACCOUNTS=N, SCALE_OUT_CONCURRENCY=N to change the load;
#                                               # SCALE_OUT_KEEP_LOGS=DIR keeps the instances' logs
set -euo pipefail
cd "$(dirname "$0")/.."
started_at=$(date +%s)
package=Examples/Portal

if [ "$(id -u)" = 0 ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  echo "== apt-get install postgresql"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends postgresql >/tmp/cps-scale-out-apt.log 2>&1 \
    || { cat /tmp/cps-scale-out-apt.log >&2; exit 1; }
fi

. Scripts/postgres-cluster.sh
tmp=$(mktemp -d /tmp/cps-scale-out.XXXXXX)
pids=()
cleanup() {
  status=$?
  for pid in "${pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  done
  if [ "$status" != 0 ]; then
    for log in "$tmp"/portal-*.log; do
      [ -f "$log" ] || continue
      if grep -q "Program crashed" "$log"; then
        echo "--- $(basename "$log"): the crash"; grep -A 45 -E "Program crashed|Fatal error" "$log" | grep -v "^\s*$" | head -n 60
      else
        echo "--- $(basename "$log") (last 30 lines)"; tail -n 30 "$log"
      fi
    done
  fi
  if [ -n "${SCALE_OUT_KEEP_LOGS:-}" ]; then mkdir -p "$SCALE_OUT_KEEP_LOGS"; cp "$tmp"/*.log "$SCALE_OUT_KEEP_LOGS"/ 2>/dev/null || true; fi
  pg_cluster_stop "$status"
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT

echo "== swift build --package-path $package --product cps-portal"
swift build --package-path "$package" --product cps-portal 2>&1 | tee "$tmp/build.log" | grep -E "error:|Build complete" || true
# Our sources build with warnings as errors; a dependency's own warnings (e.g. unhandled files in a
# checkout under .build/) are not ours to fix and do not fail the check.
if grep -E "error:|: warning:" "$tmp/build.log" | grep -v "/\.build/" | grep -Eq "error:|warning:"; then
  grep -B2 -A6 -E "error:|: warning:" "$tmp/build.log" | head -60; exit 1
fi
binary="$(swift build --package-path "$package" --show-bin-path)/cps-portal"

pg_cluster_start portal-scale-out
url=$(pg_cluster_url)   # the password stays in PGPASSWORD, which cps-portal reads like libpq

echo "== swift test --filter PortalOnPostgresTests (two environments on one schema, on this cluster)"
swift test --package-path "$package" --filter PortalOnPostgresTests 2>&1 | tee "$tmp/test.log" | grep -E "✘|Test run" || true
grep -Eq 'Test run with [1-9][0-9]* tests? .*passed' "$tmp/test.log" || { grep -B2 -A8 -E "error:|✘" "$tmp/test.log" | head -40; exit 1; }
if grep -Eq '(Suite|Test) ".*" skipped' "$tmp/test.log"; then echo "the PostgreSQL tests were skipped although a server was configured"; exit 1; fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
# Instance N on PORT: the shared database, data directory (token keys beside it) and maildir.
start_instance() {
  local name=$1 port=$2
  "$binary" --postgres "$url" --data-dir "$tmp/data" --maildir "$tmp/mail" --host 127.0.0.1 --port "$port" \
    --password-iterations 1000 --dev-mailbox --job-interval 0.5 --invoice-due-days 0 >"$tmp/portal-$name.log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  for _ in $(seq 1 300); do
    if curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; then return 0; fi
    kill -0 "$pid" 2>/dev/null || { echo "cps-portal $name exited at start"; return 1; }
    sleep 0.1
  done
  echo "cps-portal $name did not answer /health within 30 s"; return 1
}
port_a=$(free_port)
port_b=$(free_port)
while [ "$port_b" = "$port_a" ]; do port_b=$(free_port); done
# MIGRATE PRODUCTS in the browser journey reads an old CPS account from the shared data directory.
mkdir -p "$tmp/data"
python3 - "$tmp/data/legacy-cps.json" <<'PY'
import json, sys
product = lambda model, serial: {"model": model, "serialNumber": serial, "purchaseDate": "2024-09", "countryOfPurchase": "SE", "dealer": "Foto Stockholm"}
products = [product("RF 24-70mm F2.8 L IS USM", "CD5678")] + [product("EOS R1", "R1-%04d" % n) for n in range(1, 6)]
json.dump([{"membershipNumber": "CPS1234567", "email": "anna@gamla-cps.example", "products": products}], open(sys.argv[1], "w"), indent=1)
PY
echo "== two cps-portal instances on one database: 127.0.0.1:$port_a (a) and 127.0.0.1:$port_b (b)"
start_instance a "$port_a"
start_instance b "$port_b"
# Each start gives the development reviewer a new password: the second one's is current.
reviewer=$(grep -o 'development reviewer: [^ ]* / [^ ]*' "$tmp/portal-b.log" | tail -n 1)
reviewer_email=$(echo "$reviewer" | awk '{print $3}')
reviewer_password=$(echo "$reviewer" | awk '{print $5}')
[ -n "$reviewer_password" ] || { echo "instance b printed no development reviewer"; exit 1; }
grep -q "store=postgres://" "$tmp/portal-a.log" || grep -q "postgres://postgres@127.0.0.1" "$tmp/portal-a.log" \
  || { echo "instance a does not say it serves from PostgreSQL"; exit 1; }

echo "== journeys and load, alternating between the instances"
browser_pid=""
# The browser journey with both base URLs, beside the client (skipped, and said so, without the script).
if [ -f Scripts/portal-browser.py ]; then
  # The venv and Debian's chromium that Scripts/portal-tests.sh set up (before this script in 80-portal).
  venv=.build-portal/venv
  [ -x "$venv/bin/pip" ] || python3 -m venv "$venv"
  "$venv/bin/python" -c 'import selenium, sys; sys.exit(selenium.__version__ != "4.27.1")' 2>/dev/null \
    || "$venv/bin/pip" install -q selenium==4.27.1
  [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] \
    || { echo "the browser journey needs Debian's chromium and chromium-driver (Scripts/portal-tests.sh installs them as root)"; exit 1; }
  "$venv/bin/python" Scripts/portal-browser.py --base-url "http://127.0.0.1:$port_a" --base-url "http://127.0.0.1:$port_b" \
    --reviewer-email "$reviewer_email" --reviewer-password "$reviewer_password" --screenshots "$tmp/screenshots" \
    >"$tmp/browser.log" 2>&1 &
  browser_pid=$!
  pids+=("$browser_pid")
else
  echo "   (no Scripts/portal-browser.py yet: the browser journey with both base URLs is skipped)"
fi
client_status=0
python3 Scripts/portal-scale-out.py journeys --base-url "http://127.0.0.1:$port_a" --base-url "http://127.0.0.1:$port_b" \
  --reviewer-email "$reviewer_email" --reviewer-password "$reviewer_password" --maildir "$tmp/mail" \
  --accounts "${SCALE_OUT_ACCOUNTS:-12}" --concurrency "${SCALE_OUT_CONCURRENCY:-6}" || client_status=$?
if [ -n "$browser_pid" ]; then
  browser_status=0; wait "$browser_pid" || browser_status=$?
  tail -n 5 "$tmp/browser.log"
  [ "$browser_status" = 0 ] || { echo "the browser journey across both instances failed ($browser_status)"; cat "$tmp/browser.log" | tail -n 40; exit 1; }
  echo "   the browser journey across both instances passed"
fi
[ "$client_status" = 0 ] || { echo "the journeys failed"; exit 1; }

echo "== the database and the maildir after the jobs settle"
python3 Scripts/portal-scale-out.py verify --maildir "$tmp/mail" --accounts "${SCALE_OUT_ACCOUNTS:-12}"

echo "== both instances ran the jobs"
for name in a b; do
  runs=$(grep -c '\bjob ran\b' "$tmp/portal-$name.log" || true)
  jobs=$(grep 'job ran' "$tmp/portal-$name.log" | grep -o 'job=[^ ]*' | sort | uniq -c | awk '{printf "%s %s, ", $2, $1}' || true)
  echo "   instance $name: $runs job rounds with work (${jobs%, })"
  [ "$runs" -gt 0 ] || { echo "instance $name ran no job with work"; exit 1; }
  if grep -Eq 'job failed|conflict given up' "$tmp/portal-$name.log"; then
    grep -E 'job failed|conflict given up' "$tmp/portal-$name.log" | head -5; echo "instance $name: a job failed"; exit 1
  fi
done

# The gateway calls from both logs: each card invoice charged by one call of one instance.
calls=$(cat "$tmp"/portal-a.log "$tmp"/portal-b.log | grep 'call=charge' | grep -o 'subject=[^ ]*' | sort)
twice=$(echo "$calls" | uniq -d)
echo "   gateway charge calls: $(echo "$calls" | grep -c . || true) (a: $(grep -c 'call=charge' "$tmp/portal-a.log" || true), b: $(grep -c 'call=charge' "$tmp/portal-b.log" || true))"
[ -z "$twice" ] || { echo "invoices charged by more than one gateway call: $twice"; exit 1; }

echo "== SIGTERM to both: exit 0 within 10 s, stores closed, no connection left"
for index in 0 1; do kill -TERM "${pids[$index]}"; done
for index in 0 1; do
  pid=${pids[$index]}
  name=$([ "$index" = 0 ] && echo a || echo b)
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && { echo "instance $name still running 10 s after SIGTERM"; exit 1; }
  code=0; wait "$pid" || code=$?
  [ "$code" = 0 ] || { echo "instance $name exited with $code after SIGTERM"; exit 1; }
  grep -q "stopped" "$tmp/portal-$name.log" || { echo "instance $name: no 'stopped' line (the store was not closed)"; exit 1; }
done
left=$(psql -X -A -t -c "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()")
[ "$left" = 0 ] || { echo "$left PostgreSQL connections left after both instances stopped"; exit 1; }
echo "== portal scale-out: passed in $(( $(date +%s) - started_at )) s"
