#!/usr/bin/env bash
# The README's second command (`npm run test:all`): installs what the real test servers need,
# checks the code, runs every suite against real Postgres, Kafka-protocol broker and S3, and
# proves that no server process outlives the run.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -d node_modules ] || npm ci --no-audit --no-fund
if [ -z "${DATABASE_URL:-}${KAFKA_BROKERS:-}${S3_ENDPOINT:-}" ]; then
  if [ "$(id -u)" -eq 0 ] || command -v sudo >/dev/null; then
    bash deploy/local/install.sh
  else
    echo "test-all: not root and no sudo; expecting kcat and radosgw to be installed" >&2
  fi
fi

npm run lint
# The console: its component tests (Vitest), and its build, which the e2e suites serve.
npm run console:test
npm run console:build
export NX_DAEMON=false NX_NO_CLOUD=true
# The servers this run starts are recorded here, for the reaper and the check below.
export CUSTOS_RUN_STATE="$PWD/.custos/test-run/servers-$$.json"
rm -f "$CUSTOS_RUN_STATE"
status=0
npx jest --ci --reporters=default --reporters=./libs/testing/src/summary-reporter.js "$@" || status=$?
node libs/testing/bin/check-no-leftovers.js || status=1
# The README's first command, as a newcomer runs it: every service answers /health/ready.
node -r @swc-node/register deploy/embedded/smoke.ts || status=1
exit $status
