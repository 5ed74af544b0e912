#!/usr/bin/env bash
# `npm test`: everything CI checks, in order of speed. Ends with one summary line.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p reports
rm -f reports/unit.json reports/e2e.json

bash scripts/ensure-chromium.sh
echo "▶ content"; npm run --silent content:check && npx contentlayer2 build
echo "▶ lint";    npm run --silent lint
echo "▶ types";   npm run --silent typecheck
echo "▶ unit";    npx vitest run --reporter=default --reporter=json --outputFile.json=reports/unit.json
echo "▶ e2e";     status=0; bash scripts/e2e.sh || status=$?

node scripts/test-summary.mjs reports/unit.json reports/e2e.json
exit $status
