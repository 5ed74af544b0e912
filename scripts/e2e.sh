#!/usr/bin/env bash
# Builds the production app and runs the Playwright specs against it, with every external service
# replaced by a local stand-in (SMTP capture, Stripe stand-in) on loopback.
#   E2E_PORT_BASE=3200 scripts/e2e.sh e2e/specs/contact.spec.ts   # a second run beside the first
#   E2E_SKIP_BUILD=1 scripts/e2e.sh                                # reuse the last build
set -euo pipefail
cd "$(dirname "$0")/.."
base=${E2E_PORT_BASE:-3100}
export E2E_APP_PORT=$base
export E2E_SMTP_PORT=$((base + 1)) E2E_MAILBOX_PORT=$((base + 2)) E2E_STANDIN_PORT=$((base + 3))
if [ "$base" = 3100 ]; then export NEXT_DIST_DIR=${NEXT_DIST_DIR:-.next}; else export NEXT_DIST_DIR=${NEXT_DIST_DIR:-.next-$base}; fi
export SITE_URL="http://127.0.0.1:$base" NEXTAUTH_URL="http://127.0.0.1:$base"
# The build fixes the security headers: the stand-in's hosted pages must be an allowed form target.
export STRIPE_API_BASE="http://127.0.0.1:$E2E_STANDIN_PORT"
# The suite's own events, dated from today (lib/content/e2e-events.ts): built, and read by the specs.
export E2E_EVENT_FIXTURES=1
if [ "${E2E_SKIP_BUILD:-0}" != 1 ]; then npx tsx scripts/e2e-events.ts && npm run build; fi
exec npx playwright test "$@"
