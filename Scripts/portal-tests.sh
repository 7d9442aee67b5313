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
# undeclared method not answered 405. Every process it starts is stopped on exit, also on failure.
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
  "$binary" --data-dir "$tmp/data" --host 127.0.0.1 --port "$port" --password-iterations 1000 >>"$tmp/portal.log" 2>&1 &
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

echo "== schemathesis against /openapi.json (bearer token from cps-portal-demo)"
venv=.build-portal/venv
if [ ! -x "$venv/bin/st" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q schemathesis==4.32.5
fi
"$(dirname "$binary")/cps-portal-demo" --data-dir "$tmp/api" --password-iterations 1000 > "$tmp/demo.txt"
bearer=$(awk '$1 == "bearer" {print $2}' "$tmp/demo.txt")
[ -n "$bearer" ] || { echo "cps-portal-demo printed no bearer token"; exit 1; }
rm -rf "$tmp/data"; cp -r "$tmp/api" "$tmp/data"; cp "$tmp/api.keys" "$tmp/data.keys"
start_portal
"$venv/bin/st" run "http://127.0.0.1:$port/openapi.json" -H "Authorization: Bearer $bearer" -n 25 -w 1 --max-time 120 \
  -c not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance,unsupported_method \
  > "$tmp/schemathesis.log" 2>&1 || { tail -n 60 "$tmp/schemathesis.log"; echo "schemathesis found failures"; exit 1; }
grep -E "generated|passed" "$tmp/schemathesis.log" | tail -n 2
kill -TERM "$pid"; wait "$pid" || true
pid=""
echo "== portal: passed"
