#!/usr/bin/env bash
# `npm test`: everything CI checks, in order of speed. Ends with one summary line.
set -euo pipefail
cd "$(dirname "$0")/.."
# As in CI: a stray .only fails the run (Playwright's forbidOnly, Vitest's allowOnly).
export CI=${CI:-1}
mkdir -p reports
rm -f reports/unit.json reports/unit-clock.json reports/unit-postgres.json reports/e2e.json \
  reports/e2e-cluster.json

bash scripts/ensure-chromium.sh
bash scripts/ensure-services.sh
echo "▶ content"; npm run --silent content:check && npx contentlayer2 build
echo "▶ lint";    npm run --silent lint
echo "▶ types";   npm run --silent typecheck
echo "▶ unit";    npx vitest run --reporter=default --reporter=json --outputFile.json=reports/unit.json
# No test may lean on today's date or on the hour: those that touch events and rate limits run
# again with the clock at a later date, 2 s before an hour turns (faketime: it ticks from there).
echo "▶ unit, again with the clock at 2027-03-01 10:59:58 UTC (the tests of events and rate limits)"
mapfile -t clock_tests < <(bash scripts/clock-tests.sh)
status=0
TZ=UTC faketime '2027-03-01 10:59:58' npx vitest run "${clock_tests[@]}" \
  --reporter=default --reporter=json --outputFile.json=reports/unit-clock.json || status=$?
echo "▶ unit, again on a throwaway Postgres (the test files that touch the database)"
bash scripts/test-postgres.sh --reporter=default --reporter=json --outputFile.json=reports/unit-postgres.json
echo "▶ e2e";     bash scripts/e2e.sh || status=$?
echo "▶ e2e on the cluster (Postgres, 2 instances, nginx), same build"
E2E_SKIP_BUILD=1 bash scripts/e2e-cluster.sh || status=$?

node scripts/test-summary.mjs reports/unit.json reports/unit-clock.json reports/unit-postgres.json \
  reports/e2e.json reports/e2e-cluster.json
exit $status
