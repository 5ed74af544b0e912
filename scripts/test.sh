#!/usr/bin/env bash
# `npm test`: everything CI checks, in order of speed. Ends with one summary line.
set -euo pipefail
cd "$(dirname "$0")/.."
# As in CI: a stray .only fails the run (Playwright's forbidOnly, Vitest's allowOnly).
export CI=${CI:-1}
mkdir -p reports
rm -f reports/unit.json reports/unit-postgres.json reports/e2e.json reports/e2e-cluster.json

bash scripts/ensure-chromium.sh
bash scripts/ensure-services.sh
echo "▶ content"; npm run --silent content:check && npx contentlayer2 build
echo "▶ lint";    npm run --silent lint
echo "▶ types";   npm run --silent typecheck
echo "▶ unit";    npx vitest run --reporter=default --reporter=json --outputFile.json=reports/unit.json
echo "▶ unit, again on a throwaway Postgres (the test files that touch the database)"
bash scripts/test-postgres.sh --reporter=default --reporter=json --outputFile.json=reports/unit-postgres.json
echo "▶ e2e";     status=0; bash scripts/e2e.sh || status=$?
echo "▶ e2e on the cluster (Postgres, 2 instances, nginx), same build"
E2E_SKIP_BUILD=1 bash scripts/e2e-cluster.sh || status=$?

node scripts/test-summary.mjs reports/unit.json reports/unit-postgres.json reports/e2e.json \
  reports/e2e-cluster.json
exit $status
