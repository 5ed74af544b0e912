// axe (WCAG 2.1 A/AA) on every public page, on the members' gates as each visitor sees them, and
// in dark mode. A failure lists each violation with the elements it found.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { signIn } from '../../test/support/auth';
import { becomeMember } from '../../test/support/membership';
import { contentFiles } from '../../test/support/gated';
import { uniqueEmail } from '../../test/support/people';

const guides = contentFiles().filter((f) => f.kind === 'guides' && f.data.draft !== true);
const tags = [...new Set(guides.flatMap((f) => f.data.tags as string[]))].sort();

const PUBLIC_PAGES = [
  '/',
  '/guides',
  ...guides.map((f) => `/guides/${f.slug}`),
  ...tags.map((tag) => `/guides/tags/${tag}`),
  '/club',
  '/events',
  ...contentFiles()
    .filter((f) => f.kind === 'events' && f.data.draft !== true)
    .map((f) => `/events/${f.slug}`),
  '/assistance',
  '/contact',
  '/partners/partirassur',
  '/legal-notice',
  '/privacy',
  '/signin',
  '/search',
  '/guides/carte-vitale/planner',
  '/guides/carte-vitale/planner?nationality=eea&situation=not-working&plan=longer&sofar=under-3-months&family=no&number=yes',
  '/guides/carte-vitale/planner?nationality=other&situation=retired&plan=under-3-months',
  // A follow-up asked after submitting without JavaScript (the question's hint, the message).
  '/guides/carte-vitale/planner?nationality=other&situation=posted',
];

async function expectNoViolations(page: Page, label: string) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const report = violations
    .map(
      (v) =>
        `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n` +
        v.nodes
          .map(
            (node) =>
              `    ${node.target.join(' ')}\n      ${node.failureSummary?.replace(/\n/g, '\n      ')}`,
          )
          .join('\n'),
    )
    .join('\n');
  expect(violations, `${label}: ${violations.length} axe violation(s)\n${report}`).toEqual([]);
}

async function visit(page: Page, path: string, expectedStatus = 200) {
  const response = await page.goto(path);
  expect(response?.status(), `${path} answers ${expectedStatus}`).toBe(expectedStatus);
  // Not 'networkidle': Next keeps prefetching links in the background.
  await page.waitForLoadState('load');
}

test.describe('accessibility (axe, WCAG 2.1 AA)', () => {
  for (const path of PUBLIC_PAGES) {
    test(`reader: ${path}`, async ({ page }) => {
      await visit(page, path);
      await expectNoViolations(page, path);
    });
  }

  test('reader: the 404 page', async ({ page }) => {
    await visit(page, '/guides/does-not-exist', 404);
    await expectNoViolations(page, '404');
  });

  test('reader: the sign-in page after a field error', async ({ page }) => {
    await visit(page, '/signin');
    await page.getByLabel('E-mail address').fill('not-an-address');
    await page.getByRole('button', { name: 'E-mail me a sign-in link' }).click();
    await expect(page.locator('#email-error')).toBeVisible();
    await expectNoViolations(page, '/signin with an error');
  });

  test('reader: the mobile menu, open', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await visit(page, '/');
    await page.locator('summary', { hasText: 'Menu' }).click();
    await expect(page.getByRole('navigation', { name: 'Mobile' })).toBeVisible();
    await expectNoViolations(page, 'mobile menu');
  });

  test('signed-in non-member: the gates, the club and the account', async ({ page }) => {
    test.slow();
    await signIn(page, uniqueEmail('a11y-user'));
    for (const path of [
      '/guides/carte-vitale',
      '/guides/carte-vitale-app',
      '/club',
      '/club/join',
      '/account',
      '/signout',
    ]) {
      await visit(page, path);
      await expectNoViolations(page, `signed in: ${path}`);
    }
  });

  test('member: the open members’ sections and the account', async ({ page }) => {
    test.slow();
    await becomeMember(page, uniqueEmail('a11y-member'));
    await expectNoViolations(page, 'welcome page');
    for (const path of ['/guides/carte-vitale', '/guides/carte-vitale-app', '/account', '/club']) {
      await visit(page, path);
      await expectNoViolations(page, `member: ${path}`);
    }
  });

  for (const path of [
    '/',
    '/guides',
    '/guides/carte-vitale',
    '/guides/carte-vitale-app',
    '/club',
  ]) {
    test(`dark mode: ${path}`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: 'dark' });
      await visit(page, path);
      await expectNoViolations(page, `${path} (dark)`);
    });
  }
});
