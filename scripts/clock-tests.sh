#!/usr/bin/env bash
# Prints the unit test files that touch events, file reminders or rate limits, one a line: scripts/test.sh runs
# them again with the clock moved (faketime), so a test that leans on today's date or on the hour
# fails in CI, not on the day it comes.
set -euo pipefail
cd "$(dirname "$0")/.."
roots=(lib app scripts tools components test)
{
  find lib/events -name '*.test.ts' 2>/dev/null
  find lib/file -name 'reminders*.test.ts' 2>/dev/null
  grep -rliE --include='*.test.ts' --exclude-dir=node_modules "rate.?limit" "${roots[@]}" 2>/dev/null || true
  grep -rlE --include='*.test.ts' --exclude-dir=node_modules \
    "lib/events|\.\./events/|content/events|allEvents|upcoming|calendar" "${roots[@]}" 2>/dev/null || true
} | sort -u
