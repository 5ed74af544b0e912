#!/usr/bin/env bash
# The database unit tests again, on Postgres: every test file that uses test/support/temp-db runs
# against a throwaway server (scripts/pg-throwaway.sh), each test file in its own fresh database.
#   bash scripts/test-postgres.sh [test files…] [extra vitest args]
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PG_TEST_PORT:-15433}
out=$(bash scripts/pg-throwaway.sh start "$port")
dir=$(echo "$out" | tail -1)
trap 'bash scripts/pg-throwaway.sh stop "$dir"' EXIT
export TEST_DATABASE_URL=$(echo "$out" | head -1)
mapfile -t files < <(grep -rl --include='*.test.ts' --exclude-dir=node_modules "support/temp-db" lib app scripts tools 2>/dev/null | sort)
# Test files named on the command line narrow the pass to them (vitest would add them to the list).
args=() named=()
for arg in "$@"; do
  if [[ $arg == *.test.ts && -f $arg ]]; then named+=("$arg"); else args+=("$arg"); fi
done
if [ ${#named[@]} -gt 0 ]; then files=("${named[@]}"); fi
echo "Postgres pass on $TEST_DATABASE_URL: ${#files[@]} test files"
npx vitest run "${files[@]}" "${args[@]}"
