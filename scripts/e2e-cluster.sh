#!/usr/bin/env bash
# The cluster spec: Postgres + 2 instances + nginx (scripts/cluster.ts), driven by Playwright.
#   E2E_PORT_BASE=3500 scripts/e2e-cluster.sh      # ports: nginx base+10, instances base+11…,
#                                                 # Postgres base+20, SMTP/mailbox/stand-in base+1…3
#   E2E_SKIP_BUILD=1 …                            # reuse the last build of this port base
set -euo pipefail
cd "$(dirname "$0")/.."
base=${E2E_PORT_BASE:-3100}
export E2E_APP_PORT=$((base + 10))
export E2E_SMTP_PORT=$((base + 1)) E2E_MAILBOX_PORT=$((base + 2)) E2E_STANDIN_PORT=$((base + 3))
if [ "$base" = 3100 ]; then export NEXT_DIST_DIR=${NEXT_DIST_DIR:-.next}; else export NEXT_DIST_DIR=${NEXT_DIST_DIR:-.next-$base}; fi
export SITE_URL="http://127.0.0.1:$E2E_APP_PORT" NEXTAUTH_URL="http://127.0.0.1:$E2E_APP_PORT"
if [ "${E2E_SKIP_BUILD:-0}" != 1 ]; then npm run build; fi
exec npx playwright test -c playwright.cluster.config.ts "$@"
