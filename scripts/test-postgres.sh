#!/usr/bin/env bash
# The database unit tests again, on Postgres: every test file that uses test/support/temp-db runs
# against a throwaway server (scripts/pg-throwaway.sh), each test file in its own fresh database.
#   bash scripts/test-postgres.sh [extra vitest args]
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PG_TEST_PORT:-15433}
out=$(bash scripts/pg-throwaway.sh start "$port")
dir=$(echo "$out" | tail -1)
trap 'bash scripts/pg-throwaway.sh stop "$dir"' EXIT
export TEST_DATABASE_URL=$(echo "$out" | head -1)
mapfile -t files < <(grep -rl --include='*.test.ts' --exclude-dir=node_modules "support/temp-db" lib app scripts tools 2>/dev/null | sort)
echo "Postgres pass on $TEST_DATABASE_URL: ${#files[@]} test files"
npx vitest run "${files[@]}" "$@"
