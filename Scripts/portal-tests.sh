#!/usr/bin/env bash
# R-HOST-1, R-HOST-2: the CPS portal (Examples/Portal). Builds the package (warnings are errors in
# its manifest), runs its Swift tests over real HTTP on ephemeral loopback ports, then starts the
# built `cps-portal` on a free loopback port with a throw-away data directory and checks, from
# outside: /health, a page in Swedish, and graceful shutdown — SIGTERM sent while a request is being
# uploaded must end the process with status 0 within 10 s, and the data directory must open again
# (a second start answers /health). Then schemathesis 4.32.5 (PyPI, pinned, in a venv under
# .build-portal/) runs against /openapi.json on a live server with a bearer token from
# `cps-portal-demo`: 25 examples per operation, one worker, at most 120 s; it fails on any 5xx, any
# response that does not match the document (status, content type, headers, schema) and any
# undeclared method not answered 405. The browser journey (Scripts/portal-browser.py: Selenium 4.27.1
# from PyPI in the same venv, Debian's chromium and chromium-driver — apt-installed when root and
# missing, unpinned) runs the seed's journey in Swedish on a server started with --dev-mailbox and
# an old CPS account in its legacy-cps.json, failing on any console error or HTTP 5xx; its numbered
# screenshots stay in .build-portal/screenshots. Then the load smoke (Scripts/portal-load.sh: wrk,
# 5 s, 50 connections, debug build) fails on any non-2xx or socket error. Every process it starts is stopped on exit, also on failure.
# Fails unless Swift Testing reports a passing run of at least one test.
#
#   bash Scripts/portal-tests.sh
set -euo pipefail
cd "$(dirname "$0")/.."
package=Examples/Portal
tmp=$(mktemp -d /tmp/cps-portal.XXXXXX)
pid=""
cleanup() {
  status=$?
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  if [ "$status" != 0 ] && [ -f "$tmp/portal.log" ]; then echo "--- portal log"; tail -n 40 "$tmp/portal.log"; fi
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT

echo "== swift build --package-path $package"
swift build --package-path "$package" 2>&1 | tee "$tmp/build.log" | grep -E "error|warning: .*CPSPortal|Compiling CPSPortal|Build complete" || true
if grep -q "error:" "$tmp/build.log"; then cat "$tmp/build.log" | grep -B2 -A6 "error:" | head -60; exit 1; fi

echo "== swift test --package-path $package"
swift test --package-path "$package" 2>&1 | tee "$tmp/test.log" | grep -E "✘|passed after|failed after|Test run" | tail -n 40
if ! grep -Eq 'Test run with [1-9][0-9]* tests? .*passed' "$tmp/test.log"; then echo "the portal's tests failed or none ran"; exit 1; fi

binary="$(swift build --package-path "$package" --show-bin-path)/cps-portal"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
start_portal() {
  "$binary" --data-dir "$tmp/data" --host 127.0.0.1 --port "$port" --password-iterations 1000 "$@" >>"$tmp/portal.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do
    if curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; then return 0; fi
    kill -0 "$pid" 2>/dev/null || { echo "cps-portal exited at start"; return 1; }
    sleep 0.1
  done
  echo "cps-portal did not answer /health within 10 s"; return 1
}

echo "== cps-portal on 127.0.0.1:$port"
start_portal
curl -fsS -H 'Accept-Language: sv' "http://127.0.0.1:$port/apply" | grep -q 'Ansök om ett företagskonto' \
  || { echo "the apply page is not in Swedish"; exit 1; }

echo "== SIGTERM during an upload: exit 0 within 10 s"
head -c 600000 /dev/zero > "$tmp/upload.bin"
curl -sS --limit-rate 200k -o /dev/null -F "evidence=@$tmp/upload.bin" "http://127.0.0.1:$port/apply" >/dev/null 2>&1 &
upload=$!
sleep 1
kill -TERM "$pid"
ended=0
for _ in $(seq 1 100); do
  if ! kill -0 "$pid" 2>/dev/null; then ended=1; break; fi
  sleep 0.1
done
[ "$ended" = 1 ] || { echo "cps-portal still running 10 s after SIGTERM"; exit 1; }
code=0; wait "$pid" || code=$?
pid=""
wait "$upload" 2>/dev/null || true
[ "$code" = 0 ] || { echo "cps-portal exited with $code after SIGTERM (expected 0)"; exit 1; }
grep -q "stopped" "$tmp/portal.log" || { echo "no 'stopped' line: the store was not closed"; exit 1; }

echo "== the data directory opens again"
start_portal
kill -TERM "$pid"; wait "$pid" || { echo "second cps-portal did not exit 0"; exit 1; }
pid=""

venv=.build-portal/venv
[ -x "$venv/bin/pip" ] || python3 -m venv "$venv"
[ -x "$venv/bin/st" ] || "$venv/bin/pip" install -q schemathesis==4.32.5
"$venv/bin/python" -c 'import selenium, sys; sys.exit(selenium.__version__ != "4.27.1")' 2>/dev/null \
  || "$venv/bin/pip" install -q selenium==4.27.1

echo "== the browser journey (Selenium 4.27.1, Debian's chromium and chromedriver, in Swedish)"
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  if [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null 2>&1 \
      || { apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null; }
  else
    echo "the browser journey needs Debian's chromium and chromium-driver: apt-get install chromium chromium-driver (as root)"; exit 1
  fi
fi
# MIGRERA PRODUKTER reads the old CPS account from the data directory's legacy-cps.json: 2,700 points
# there, so that after the migration the account is past the business threshold and the levels page
# shows its ON/OFF switch.
rm -rf "$tmp/data" "$tmp/data-mail" "$tmp/data.keys"; mkdir -p "$tmp/data"
python3 - "$tmp/data/legacy-cps.json" <<'PY'
import json, sys
product = lambda model, serial: {"model": model, "serialNumber": serial, "purchaseDate": "2024-09", "countryOfPurchase": "SE", "dealer": "Foto Stockholm"}
products = [product("RF 24-70mm F2.8 L IS USM", "CD5678")] + [product("EOS R1", "R1-%04d" % n) for n in range(1, 6)]
json.dump([{"membershipNumber": "CPS1234567", "email": "anna@gamla-cps.example", "products": products}], open(sys.argv[1], "w"), indent=1)
PY
screenshots=.build-portal/screenshots
rm -rf "$screenshots"
start_portal --dev-mailbox
"$venv/bin/python" Scripts/portal-browser.py --base-url "http://127.0.0.1:$port" --portal-log "$tmp/portal.log" --screenshots "$screenshots" \
  || { echo "the browser journey failed (screenshots in $screenshots)"; exit 1; }
kill -TERM "$pid"; wait "$pid" || { echo "cps-portal did not exit 0 after the browser journey"; exit 1; }
pid=""

echo "== schemathesis against /openapi.json (bearer token from cps-portal-demo)"
"$(dirname "$binary")/cps-portal-demo" --data-dir "$tmp/api" --password-iterations 1000 > "$tmp/demo.txt"
bearer=$(awk '$1 == "bearer" {print $2}' "$tmp/demo.txt")
[ -n "$bearer" ] || { echo "cps-portal-demo printed no bearer token"; exit 1; }
rm -rf "$tmp/data" "$tmp/data.keys"; cp -r "$tmp/api" "$tmp/data"; cp "$tmp/api.keys" "$tmp/data.keys"
start_portal
"$venv/bin/st" run "http://127.0.0.1:$port/openapi.json" -H "Authorization: Bearer $bearer" -n 25 -w 1 --max-time 120 \
  -c not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance,unsupported_method \
  > "$tmp/schemathesis.log" 2>&1 || { tail -n 60 "$tmp/schemathesis.log"; echo "schemathesis found failures"; exit 1; }
grep -E "generated|passed" "$tmp/schemathesis.log" | tail -n 2
kill -TERM "$pid"; wait "$pid" || true
pid=""

echo "== the load smoke: wrk, 5 s, 50 connections, on the debug build (Scripts/portal-load.sh)"
# The debug build already built: a release build of SwiftNIO would cost CI several minutes more; the
# smoke fails on any non-2xx answer or socket error. The README's figures are from --release, 20 s.
bash Scripts/portal-load.sh --duration 5s --connections 50
echo "== portal: passed"
