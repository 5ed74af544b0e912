// Readers' prerendered copies without the framework's runtime (scripts/reader-copies.ts): each
// stripped copy shows what Next's original shows, loads no runtime chunk, only our small script,
// and its links lead to working pages for readers and for signed-in visitors. The enhancements are
// one implementation (lib/enhance/page-enhancements.ts) that both audiences run. Also the phone
// menu's search box, which stuck out of its panel.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import {
  READER_COPIES_MANIFEST,
  READER_ORIGINALS_DIR,
  type ReaderCopy,
} from '../../lib/reader-copies/copies';
import { distDir } from '../../lib/search/index-files';
import { signIn } from '../../test/support/auth';
import { uniqueEmail } from '../../test/support/people';

const manifest = JSON.parse(readFileSync(path.join(distDir(), READER_COPIES_MANIFEST), 'utf8')) as {
  script: string;
  copies: ReaderCopy[];
};
const stripped = manifest.copies.filter((copy) => copy.stripped);
const RUNTIME_SCRIPT = /\/_next\/static\/chunks\/[^?#]*\.js/;
const GUIDE = '/guides/carte-vitale';

/** What a person sees and can follow once the page is settled: its laid-out text and its links. */
async function shown(page: Page) {
  await expect(page.locator('html[data-enhanced]')).toBeAttached();
  await page.waitForLoadState('networkidle');
  return page.evaluate(() => {
    // A live count of places is fetched after load, and the full app may render the page's own
    // line over it again: its words are checked by the events specs, not compared here.
    for (const live of document.querySelectorAll('[data-places-live]'))
      live.textContent = '[places]';
    return {
      text: document.body.innerText,
      links: [...document.querySelectorAll('a[href]')].map(
        (link) => `${link.getAttribute('href')} ${link.textContent?.trim()}`,
      ),
    };
  });
}

/** The runtime scripts the page asks for. */
function runtimeRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    if (RUNTIME_SCRIPT.test(request.url())) seen.push(request.url());
  });
  return seen;
}

test('the build stripped the readers’ pages it should, and kept the form pages whole', () => {
  const paths = stripped.map((copy) => copy.path);
  for (const page of ['/', '/guides', GUIDE, '/events', '/partners/partirassur']) {
    expect(paths).toContain(page);
  }
  expect(paths.some((p) => p.startsWith('/guides/tags/'))).toBe(true);
  expect(paths.some((p) => p.startsWith('/events/'))).toBe(true);
  const kept = manifest.copies.filter((copy) => !copy.stripped).map((copy) => copy.path);
  expect(kept.sort()).toEqual(['/contact', '/search']);
});

test('every stripped copy shows the text and links of Next’s original, without its runtime', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const context = await browser.newContext();
  for (const copy of stripped) {
    // A page of its own for each load: a hydrated original keeps fetching chunks after it has
    // loaded (prefetches), which must not be counted against the next stripped copy.
    const page = await context.newPage();
    const runtime = runtimeRequests(page);
    // What readers are served: the stripped file, with our script and nothing of the runtime.
    const response = await page.goto(copy.path);
    expect(response?.status(), copy.path).toBe(200);
    const html = await response!.text();
    expect(html, copy.path).not.toMatch(RUNTIME_SCRIPT);
    expect(html, copy.path).not.toContain('self.__next_f');
    expect(html, copy.path).toContain(`<script src="${manifest.script}" defer="">`);
    const served = await shown(page);
    expect(runtime, copy.path).toEqual([]);
    await page.close();

    // Next's original at the same address, runtime and all (hydrated by React).
    const original = readFileSync(path.join(distDir(), READER_ORIGINALS_DIR, copy.file), 'utf8');
    expect(original).toMatch(RUNTIME_SCRIPT);
    const originalPage = await context.newPage();
    const originalRuntime = runtimeRequests(originalPage);
    await originalPage.route(`**${copy.path}`, (route) =>
      route.request().resourceType() === 'document'
        ? route.fulfill({ body: original, contentType: 'text/html; charset=utf-8' })
        : route.fallback(),
    );
    await originalPage.goto(copy.path);
    const full = await shown(originalPage);
    await originalPage.close();
    expect(originalRuntime.length, `${copy.path}: the original loads the runtime`).toBeGreaterThan(
      0,
    );

    expect(served.text, copy.path).toBe(full.text);
    expect(served.links, copy.path).toEqual(full.links);
    expect(served.links.length, copy.path).toBeGreaterThan(10);
  }
  await context.close();
});

test('a reader follows links from copy to copy, and signs in to the full app from one', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  const runtime = runtimeRequests(page);
  await page.goto(GUIDE);
  await expect(page.locator('html[data-enhanced]')).toBeAttached();
  // The checklist's memory and the contents highlight, from the readers' script.
  const checklist = page.locator('[data-checklist]').first();
  await expect(checklist.getByRole('status')).toHaveText(/^0 of \d+ ticked/);
  await checklist.locator('input[type="checkbox"]').first().check();
  await expect(checklist.getByRole('status')).toHaveText(/^1 of \d+ ticked/);
  await page.reload();
  await expect(checklist.locator('input[type="checkbox"]').first()).toBeChecked();
  await expect(page.locator('[data-toc="desktop"] a[aria-current="location"]')).toHaveCount(1);

  // Plain links: each is a full page load of another copy.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Guides' })
    .click();
  await expect(page).toHaveURL('/guides');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page
    .getByRole('link', { name: /Health cover for stays in France/ })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    /Health cover for stays in France/,
  );
  await page.getByRole('link', { name: 'Events', exact: true }).first().click();
  await expect(page).toHaveURL('/events');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(runtime).toEqual([]);

  // "Sign in" from a copy brings the person back to it; signed in, the same address is the full app.
  await page.goto(GUIDE);
  const signInLink = page.getByRole('banner').getByRole('link', { name: 'Sign in' }).first();
  await signInLink.click();
  await expect(page).toHaveURL(`/signin?callbackUrl=${encodeURIComponent(GUIDE)}`);
  await signIn(page, uniqueEmail('reader-copies'), GUIDE);
  await expect(page).toHaveURL(GUIDE);
  runtime.length = 0;
  await page.reload();
  expect(runtime.length, 'signed in, the guide is the full app').toBeGreaterThan(0);
  await expect(page.locator('html[data-enhanced]')).toBeAttached();
  await expect(page.locator('[data-checklist]').first().getByRole('status')).toHaveText(
    /^\d+ of \d+ ticked/,
  );
  // Client navigation, and the enhancements run again on the next page.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Guides' })
    .click();
  await expect(page).toHaveURL('/guides');
  await page
    .getByRole('link', { name: /How to get your Carte Vitale/ })
    .first()
    .click();
  await expect(page).toHaveURL(GUIDE);
  await expect(page.locator('[data-toc="desktop"] a[aria-current="location"]')).toHaveCount(1);
  await expect(
    page.getByRole('banner').getByRole('link', { name: 'Your account', exact: true }),
  ).toBeVisible();
});

test('the phone menu holds its search box inside its panel, and Escape closes it', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/guides');
  await expect(page.locator('html[data-enhanced]')).toBeAttached();
  const menu = page.locator('details[data-mobile-menu]');
  await menu.locator('summary').click();
  const panel = menu.locator('summary + div');
  const button = panel.getByRole('button', { name: 'Search' });
  await expect(button).toBeVisible();
  const outer = (await panel.boundingBox())!;
  for (const part of [button, panel.getByRole('searchbox')]) {
    const box = (await part.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(outer.x);
    expect(box.x + box.width).toBeLessThanOrEqual(outer.x + outer.width - 16); // inside its padding
  }
  await page.keyboard.press('Escape');
  await expect(menu).not.toHaveAttribute('open', /.*/);
});
