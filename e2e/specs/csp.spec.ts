// The Content-Security-Policy holds on the pages people use: Chrome reports no CSP issue (blocked
// script, eval, style, connection or form target) while a page loads and runs its scripts. Zod's
// `Function("")` probe on every page with a form was one (lib/forms/zod.ts). The pages always
// rendered per request carry a per-request nonce instead of 'unsafe-inline', and the policy follows
// the running server's environment, not the build's.
import { expect, test } from '@playwright/test';
import { signIn } from '../../test/support/auth';
import { uniqueEmail } from '../../test/support/people';
import { STAFF_SIGNIN, SIDE_PORTS } from '../../test/support/ports';
import { startSideServer } from '../../test/support/side-server';

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

/** The nonce in a page's script-src, if any; fails the test when 'unsafe-inline' is there too. */
function scriptNonce(policy: string | undefined): string | undefined {
  const scripts = policy?.split(';').find((part) => part.trim().startsWith('script-src')) ?? '';
  expect(scripts).not.toContain("'unsafe-inline'");
  return /'nonce-([A-Za-z0-9+/=]+)'/.exec(scripts)?.[1];
}

// Pages always rendered per request, for one person: a fresh nonce each time, every script of
// Next's carries it, no 'unsafe-inline', and Chrome blocks nothing.
test.describe('nonce-based script policy', () => {
  for (const path of ['/account', '/assistance', '/admin']) {
    test(`${path}: a per-request nonce, no 'unsafe-inline', no CSP issue`, async ({
      page,
      context,
    }) => {
      // Staff for the desk (its sign-in limit is per address: one sign-in a run), anyone else.
      await signIn(page, path === '/admin' ? STAFF_SIGNIN.csp : uniqueEmail('csp'));
      const cdp = await context.newCDPSession(page);
      const issues: string[] = [];
      cdp.on('Audits.issueAdded', ({ issue }) => {
        if (issue.code === 'ContentSecurityPolicyIssue') issues.push(JSON.stringify(issue.details));
      });
      await cdp.send('Audits.enable');
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      const nonce = scriptNonce(response?.headers()['content-security-policy']);
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      // Next wrote it on its scripts (the browser hides the attribute from the DOM: read the HTML).
      const html = await response!.text();
      expect(html.match(/<script\b/g)?.length).toBeGreaterThan(1);
      expect(html.match(/<script\b[^>]*\bnonce="([^"]+)"/g)?.length).toBe(
        html.match(/<script\b/g)?.length,
      );
      expect(html).toContain(`nonce="${nonce}"`);
      await page.waitForLoadState('load');
      await expect(page.locator('main')).toBeVisible();
      await page.waitForTimeout(1_500);
      expect(issues).toEqual([]);
      // Hydrated: the page's scripts ran.
      expect(
        await page.evaluate(() => Array.isArray((self as { __next_f?: unknown[] }).__next_f)),
      ).toBe(true);
      // Another request, another nonce.
      const again = await page.request.get(path);
      expect(scriptNonce(again.headers()['content-security-policy'])).not.toBe(nonce);
    });
  }
});

// The policy comes from the running server's environment, not from the build: the same build
// started with an https site and another stand-in sends HSTS and the other form target.
test('CSP and HSTS follow the environment of `next start`, without a rebuild', async ({
  request,
}) => {
  test.slow();
  const before = await request.get('/');
  expect(before.headers()['strict-transport-security']).toBeUndefined();
  expect(before.headers()['content-security-policy']).not.toContain('upgrade-insecure-requests');

  const standin = 'http://127.0.0.1:39999';
  const server = startSideServer('csp', SIDE_PORTS.cspEnvironment, {
    SITE_URL: 'https://sojoourn.example',
    STRIPE_API_BASE: standin,
  });
  try {
    await server.ready();
    const after = await request.get(`${server.url}/`);
    expect(after.headers()['strict-transport-security']).toMatch(/max-age=31536000/);
    const policy = after.headers()['content-security-policy'] ?? '';
    expect(policy).toContain('upgrade-insecure-requests');
    expect(policy).toMatch(new RegExp(`form-action [^;]*${standin.replace(/[.:/]/g, '\\$&')}`));
  } finally {
    server.stop();
    await server.exited;
  }
});
