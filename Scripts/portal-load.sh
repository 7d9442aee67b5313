#!/usr/bin/env bash
# R-HOST-1: a bounded load run of the CPS portal with wrk (Debian's `wrk`, apt-installed when root
# and missing) on loopback. It starts the built `cps-portal` on a free loopback port over a fresh
# data directory made by `cps-portal-demo` (an approved account with 500 points), signs in through
# the sign-in form for a session cookie, and runs wrk with a Lua script that alternates the levels
# page (`/levels`, with the cookie) and an API read (`/api/v1/levels`, with the demo's bearer token).
# It prints requests/s, p50 and p99 latency and the errors, and exits non-zero on any non-2xx answer
# or socket error (connect, read, write, timeout).
#
# The figures of the package README come from a release build (--release, 20 s, 50 connections).
# CI (Scripts/portal-tests.sh) runs a 5 s smoke on the debug build it has already built: a release
# build of SwiftNIO and Hummingbird would cost CI several more minutes on two cores, and the smoke is
# there to fail on errors, not to measure.
#
#   bash Scripts/portal-load.sh [--duration 20s] [--connections 50] [--threads 2] [--release] [--bin-dir DIR]
# (--bin-dir: the built cps-portal and cps-portal-demo of another build directory)
set -euo pipefail
cd "$(dirname "$0")/.."
package=Examples/Portal
duration=20s
connections=50
threads=2
configuration=debug
bin=""
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --release) configuration=release; shift ;;
    --bin-dir) bin="$2"; shift 2 ;;
    *) echo "usage: $0 [--duration 20s] [--connections 50] [--threads 2] [--release] [--bin-dir DIR]" >&2; exit 64 ;;
  esac
done

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq --no-install-recommends wrk >/dev/null 2>&1 \
      || { apt-get update -qq && apt-get install -y -qq --no-install-recommends wrk >/dev/null; }
  else
    echo "the load run needs wrk: apt-get install wrk (as root)"; exit 1
  fi
fi

tmp=$(mktemp -d /tmp/cps-portal-load.XXXXXX)
pid=""
cleanup() {
  status=$?
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  if [ "$status" != 0 ] && [ -f "$tmp/portal.log" ]; then echo "--- portal log"; tail -n 20 "$tmp/portal.log"; fi
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT

if [ -z "$bin" ]; then
  bin="$(swift build --package-path "$package" -c "$configuration" --show-bin-path)"
  [ -x "$bin/cps-portal" ] || swift build --package-path "$package" -c "$configuration" >/dev/null
fi
"$bin/cps-portal-demo" --data-dir "$tmp/data" --password-iterations 1000 > "$tmp/demo.txt"
bearer=$(awk '$1 == "bearer" {print $2}' "$tmp/demo.txt")
[ -n "$bearer" ] || { echo "cps-portal-demo printed no bearer token"; exit 1; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
base="http://127.0.0.1:$port"
"$bin/cps-portal" --data-dir "$tmp/data" --host 127.0.0.1 --port "$port" --password-iterations 1000 >"$tmp/portal.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
  curl -fsS "$base/health" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { echo "cps-portal exited at start"; exit 1; }
  sleep 0.1
done

# A session cookie through the sign-in form: the browser cookie and its CSRF token, then the post.
jar="$tmp/cookies"
csrf=$(curl -fsS -c "$jar" "$base/sign-in" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
[ -n "$csrf" ] || { echo "no CSRF token on /sign-in"; exit 1; }
curl -fsS -b "$jar" -c "$jar" -o /dev/null --data-urlencode "csrf=$csrf" --data-urlencode "email=anna@ljusbild.example" \
  --data-urlencode "password=Ljus-och-bild-2026" "$base/sign-in"
session=$(awk '$6 == "cps_session" {print $7}' "$jar")
[ -n "$session" ] || { echo "the sign-in gave no session cookie"; exit 1; }
curl -fsS -o /dev/null -H "Cookie: cps_session=$session" "$base/levels" || { echo "the session cookie does not open /levels"; exit 1; }

cat > "$tmp/load.lua" <<'LUA'
-- Alternates the levels page (session cookie) and an API read (bearer token); counts every answer
-- that is not 2xx, per thread, and sums them in done().
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args)
  cookie = args[1]
  bearer = args[2]
  turn = 0
  non2xx = 0
end
function request()
  turn = turn + 1
  if turn % 2 == 0 then
    return wrk.format("GET", "/levels", { ["Cookie"] = "cps_session=" .. cookie, ["Accept-Language"] = "sv" })
  end
  return wrk.format("GET", "/api/v1/levels", { ["Authorization"] = "Bearer " .. bearer, ["Accept"] = "application/json" })
end
function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end
function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do bad = bad + thread:get("non2xx") end
  local errors = summary.errors
  io.write(string.format("CPS-LOAD requests=%d seconds=%.1f rps=%.0f p50_ms=%.2f p99_ms=%.2f non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, bad,
    errors.connect + errors.read + errors.write + errors.timeout))
end
LUA

echo "== wrk: $connections connections, $duration, $threads threads, $configuration build, $base (/levels and /api/v1/levels)"
wrk --latency -t "$threads" -c "$connections" -d "$duration" --timeout 10s -s "$tmp/load.lua" "$base" -- "$session" "$bearer" \
  | tee "$tmp/wrk.txt"
line=$(grep '^CPS-LOAD ' "$tmp/wrk.txt") || { echo "wrk printed no summary"; exit 1; }
value() { echo "$line" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
echo "== requests/s $(value rps), p50 $(value p50_ms) ms, p99 $(value p99_ms) ms, non-2xx $(value non2xx), socket errors $(value socket_errors) ($(value requests) requests)"
[ "$(value requests)" -gt 0 ] || { echo "no request was answered"; exit 1; }
[ "$(value non2xx)" = 0 ] || { echo "answers that were not 2xx"; exit 1; }
[ "$(value socket_errors)" = 0 ] || { echo "socket errors"; exit 1; }
echo "== load run: passed"
