// 200 concurrent valid quote requests against the e2e production server: every one is stored,
// exactly once. Same code as `npx tsx scripts/load-contact.ts` (see that file).
import { expect, test } from '@playwright/test';
import { appEnv } from '../../playwright.config';
import { runContactLoad } from '../../scripts/load-contact';
import { APP_DB_FILE } from '../../test/support/app-db';
import { APP_URL } from '../../test/support/ports';

test('200 concurrent submissions store exactly 200 requests', async () => {
  test.setTimeout(90_000);
  const report = await runContactLoad({
    baseUrl: APP_URL,
    secret: appEnv.NEXTAUTH_SECRET,
    dbFile: APP_DB_FILE,
    total: 200,
    concurrency: 50,
    timeLimitMs: 60_000,
  });
  console.log(
    `contact load: ${report.total} posts in ${report.durationMs} ms (p50 ${report.p50Ms} ms, p95 ${report.p95Ms} ms)`,
  );
  expect(report.errors).toEqual([]);
  expect(report.statuses).toEqual({ '303 → /contact/thanks': 200 });
  expect(report.stored).toBe(200);
});
