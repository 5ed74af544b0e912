// What a phone loads and shows for a guide: the icon set answers, links are not all prefetched on
// load, form pages ship no translations nobody reads, the contents start collapsed on a narrow screen and follow the reading on a wide one, and a
// guide prints as the article alone.
import { expect, test, type Page } from '@playwright/test';

const GUIDE = '/guides/carte-vitale';

/** RSC prefetches Next fires for links (a request with the prefetch header or an _rsc query). */
function countPrefetches(page: Page): () => string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    const headers = request.headers();
    if (headers['next-router-prefetch'] || request.url().includes('_rsc='))
      seen.push(request.url());
  });
  return () => seen;
}

test.describe('icons', () => {
  for (const [path, type] of [
    ['/favicon.ico', 'image/'],
    ['/icon.svg', 'image/svg+xml'],
    ['/apple-icon.png', 'image/png'],
    ['/manifest.webmanifest', 'application/manifest+json'],
  ] as const) {
    test(`${path} answers 200`, async ({ request }) => {
      const response = await request.get(path);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toContain(type);
    });
  }

  test('pages link the icons and the manifest', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('head link[rel="icon"]').first()).toHaveAttribute('href', /icon/);
    await expect(page.locator('head link[rel="apple-touch-icon"]')).toHaveAttribute(
      'href',
      /apple-icon/,
    );
    await expect(page.locator('head link[rel="manifest"]')).toHaveAttribute(
      'href',
      '/manifest.webmanifest',
    );
  });
});

test.describe('form pages', () => {
  // Zod's translations of its messages (the site speaks English and writes its own). Before
  // lib/forms/zod.ts re-exported Zod name by name, every form page shipped all of them: ≈ 90 KB
  // gzip more on /contact.
  const OTHER_LANGUAGES = ['Nieprawidłow', 'Ungültige', '無効'];
  for (const path of ['/contact', '/signin', '/guides/carte-vitale/planner']) {
    test(`${path} ships none of Zod's other languages`, async ({ page }) => {
      const bodies: Promise<string>[] = [];
      page.on('response', (response) => {
        if (response.request().resourceType() === 'script') bodies.push(response.text());
      });
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      const scripts = await Promise.all(bodies);
      expect(scripts.length).toBeGreaterThan(3);
      const bundle = scripts.join('\n');
      // Zod itself is there: the form checks its fields in the browser.
      expect(bundle).toContain('ZodError');
      for (const word of OTHER_LANGUAGES) expect(bundle, word).not.toContain(word);
    });
  }
});

test.describe('prefetching', () => {
  // Before: 14 on a guide (every tag, footer and nav link). Now only the header's own links (logo,
  // four nav links, "Join the club"); Next may ask for one page twice (route tree, then segments).
  const MAX_PREFETCHES = 6;
  for (const path of ['/', '/guides', GUIDE]) {
    test(`${path} fires at most ${MAX_PREFETCHES} prefetches on load`, async ({ page }) => {
      await page.setViewportSize({ width: 1280, height: 900 });
      const prefetches = countPrefetches(page);
      await page.goto(path);
      await page.waitForLoadState('load');
      await page.waitForTimeout(2_000);
      const pages = new Set(prefetches().map((url) => new URL(url).pathname));
      expect(pages.size, prefetches().join('\n')).toBeLessThanOrEqual(MAX_PREFETCHES);
      expect(prefetches().length, prefetches().join('\n')).toBeLessThanOrEqual(2 * MAX_PREFETCHES);
    });
  }
});

test.describe('table of contents', () => {
  test('starts collapsed on a phone and opens without JavaScript', async ({ browser }) => {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 390, height: 844 },
    });
    const page = await context.newPage();
    await page.goto(GUIDE);
    const contents = page.locator('details[data-toc="mobile"]');
    await expect(contents).toBeVisible();
    await expect(contents).not.toHaveAttribute('open', /.*/);
    const firstLink = contents.locator('a').first();
    await expect(firstLink).toBeHidden();
    await expect(page.locator('[data-toc="desktop"]')).toBeHidden();
    await contents.locator('summary').click();
    await expect(firstLink).toBeVisible();
    await context.close();
  });

  test('highlights the section being read on a wide screen', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(GUIDE);
    const toc = page.getByRole('navigation', { name: 'In this guide' });
    await expect(toc).toBeVisible();
    await expect(page.locator('details[data-toc="mobile"]')).toBeHidden();
    const links = toc.locator('a[href^="#"]');
    expect(await links.count()).toBeGreaterThan(2);
    const third = links.nth(2);
    const id = decodeURIComponent((await third.getAttribute('href'))!.slice(1));
    await page.evaluate((target) => document.getElementById(target)?.scrollIntoView(), id);
    await expect(third).toHaveAttribute('aria-current', 'location');
    await expect(toc.locator('[aria-current="location"]')).toHaveCount(1);
  });
});

test('a guide prints as the article alone, with its dates, links and address', async ({ page }) => {
  await page.goto(GUIDE);
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('h1')).toBeVisible();
  await expect(page.locator('article.prose')).toBeVisible();
  await expect(page.getByRole('banner')).toBeHidden();
  await expect(page.getByRole('contentinfo')).toBeHidden();
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toBeHidden();
  await expect(page.locator('[data-toc]').first()).toBeHidden();
  await expect(page.getByRole('link', { name: 'Ask for a free quote' })).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Related guides' })).toBeHidden();
  await expect(page.locator('header time').first()).toBeVisible();
  await expect(page.locator('[data-print-address]')).toBeVisible();
  await expect(page.locator('[data-print-address]')).toContainText(GUIDE);
  const official = page.locator('[data-print-urls] a').first();
  const href = await official.getAttribute('href');
  const after = await official.evaluate((link) => getComputedStyle(link, '::after').content);
  expect(after).toContain(href!);

  await page.emulateMedia({ media: 'screen' });
  await expect(page.locator('[data-print-address]')).toBeHidden();
});
