// The Content-Security-Policy holds on the pages people use: Chrome reports no CSP issue (blocked
// script, eval, style, connection or form target) while a page loads and runs its scripts. Zod's
// `Function("")` probe on every page with a form was one (lib/forms/zod.ts).
import { expect, test } from '@playwright/test';

const PAGES = [
  '/',
  '/guides',
  '/guides/carte-vitale',
  '/guides/carte-vitale/planner',
  '/club',
  '/events',
  '/contact',
  '/signin',
  '/search?q=carte',
];

for (const path of PAGES) {
  test(`no CSP issue on ${path}`, async ({ page, context }) => {
    const cdp = await context.newCDPSession(page);
    const issues: string[] = [];
    cdp.on('Audits.issueAdded', ({ issue }) => {
      if (issue.code === 'ContentSecurityPolicyIssue') issues.push(JSON.stringify(issue.details));
    });
    await cdp.send('Audits.enable');
    await page.goto(path);
    await page.waitForLoadState('load');
    // Scripts that run after load (hydration, the search index) have their say too.
    await expect(page.locator('main')).toBeVisible();
    await page.waitForTimeout(1_500);
    expect(issues).toEqual([]);
  });
}
