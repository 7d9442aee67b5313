#!/usr/bin/env bash
# R-ADP-1 on PostgreSQL (Examples/PostgresStore): installs PostgreSQL from Debian's packages (idempotent:
# apt-get installs it or finds it installed), then Scripts/postgres-tests.sh initialises a throw-away
# cluster in a temporary directory as the `postgres` user, starts it on 127.0.0.1, runs the adapter's
# tests (the StorageConformance suite, race tests, dropped connection) and the walkthrough example
# against it, and stops it on exit. Fails if no test ran. Runs as root in CI.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "$(id -u)" = 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  echo "== apt-get install postgresql"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends postgresql >/tmp/cps-ci-apt-postgresql.log 2>&1 \
    || { cat /tmp/cps-ci-apt-postgresql.log >&2; exit 1; }
else
  echo "== not root: using the installed PostgreSQL (apt-get needs root)"
fi
bash Scripts/postgres-tests.sh
