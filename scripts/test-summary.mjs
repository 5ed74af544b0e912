// Prints one closing line over the Vitest and Playwright JSON reports: "tests: N passed, N failed".
//   node scripts/test-summary.mjs reports/unit.json reports/unit-postgres.json reports/e2e.json …
// Every report named must exist: a missing one means that stage did not complete, and fails.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;

for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    failed += 1;
    console.error(`No report ${file}: that stage did not complete.`);
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  if ('numPassedTests' in report) {
    // Vitest
    passed += report.numPassedTests ?? 0;
    failed += (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0);
    skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  } else {
    // Playwright. Errors outside any test (a server that did not start, a broken config) fail too.
    passed += (report.stats?.expected ?? 0) + (report.stats?.flaky ?? 0);
    failed += (report.stats?.unexpected ?? 0) + (report.errors?.length ?? 0);
    skipped += report.stats?.skipped ?? 0;
  }
}
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
