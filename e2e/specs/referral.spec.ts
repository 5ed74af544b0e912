// The PartirAssur referral page and the tracked /go/partirassur redirect.
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { queryAppDb } from '../../test/support/app-db';
import { APP_URL } from '../../test/support/ports';

// PARTIRASSUR_URL / PARTIRASSUR_REF in playwright.config.ts appEnv.
const DESTINATION = 'https://partirassur.example/devis';
const REF = 'SOJ-E2E';

// Other specs click /go/partirassur too, from the same pages, while these run: each check counts
// only clicks from a source path that this test alone uses.
const clicksFrom = (sourcePath: string) =>
  queryAppDb<{ n: number }>(
    `SELECT count(*) AS n FROM referral_click WHERE partner = 'partirassur' AND source_path = ?`,
    sourcePath,
  )[0]?.n ?? 0;
const clicksMentioning = (text: string) =>
  queryAppDb<{ n: number }>(
    `SELECT count(*) AS n FROM referral_click WHERE source_path LIKE ?`,
    `%${text}%`,
  )[0]?.n ?? 0;
/** A path of this site's origin no other test uses, ending like `page` (its campaign slug). */
const ownSource = (page: string) => `/e2e-${randomUUID().slice(0, 8)}${page}`;

test('the referral page explains short-stay cover, discloses the referral and links through /go', async ({
  page,
}) => {
  await page.goto('/partners/partirassur');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/less than 3 months/);
  await expect(page.getByRole('complementary', { name: /disclosure/i })).toContainText(
    /refers readers to PartirAssur, and may receive a benefit/,
  );
  await expect(page.getByText('covers at least €30,000;')).toBeVisible();
  await expect(page.getByText(/The EHIC is not travel insurance/)).toBeVisible();
  await expect(
    page.getByRole('link', { name: /health cover for stays of less than 3 months/ }),
  ).toHaveAttribute('href', '/guides/health-cover-short-stays-france');

  const partnerLink = page.getByRole('link', { name: /Visit PartirAssur/ });
  await expect(partnerLink).toHaveAttribute('href', '/go/partirassur');
  const rel = (await partnerLink.getAttribute('rel'))?.split(/\s+/) ?? [];
  expect(rel).toEqual(expect.arrayContaining(['sponsored', 'noopener']));
});

test('following the partner link counts the click and lands on the configured URL with code and UTM', async ({
  page,
}) => {
  // The network is offline: stand in for the partner's site.
  await page.route('https://partirassur.example/**', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html',
      body: '<!doctype html><title>PartirAssur</title><h1>PartirAssur stand-in</h1>',
    }),
  );
  // The browser's click, as it left the page, then under a source path of this test's own (the
  // same last segment, so the same campaign): the count below is this click's alone.
  const source = ownSource('/partners/partirassur');
  const sentReferers: (string | undefined)[] = [];
  await page.route('**/go/partirassur', async (route) => {
    const headers = route.request().headers();
    sentReferers.push(headers.referer);
    // Chromium keeps its own Referer on route.continue: the request is made from here instead,
    // and its answer (the 303) handed back to the browser, which follows it.
    const response = await route.fetch({
      headers: { ...headers, referer: `${APP_URL}${source}` },
      maxRedirects: 0,
    });
    await route.fulfill({ response });
  });
  await page.goto('/partners/partirassur');
  await page.getByRole('link', { name: /Visit PartirAssur/ }).click();
  await expect(page.getByRole('heading', { name: 'PartirAssur stand-in' })).toBeVisible();

  const landed = new URL(page.url());
  expect(`${landed.origin}${landed.pathname}`).toBe(DESTINATION);
  expect(Object.fromEntries(landed.searchParams)).toEqual({
    ref: REF,
    utm_source: 'sojoourn',
    utm_medium: 'referral',
    utm_campaign: 'partirassur',
  });
  expect(sentReferers).toEqual([`${APP_URL}/partners/partirassur`]);
  await expect.poll(() => clicksFrom(source)).toBe(1);
});

test('/go answers 303 to the configured destination only, never cached or indexed', async ({
  request,
}) => {
  const foreignPage = `evil-${randomUUID().slice(0, 8)}`;
  const response = await request.get(
    '/go/partirassur?url=https://evil.example&next=//evil.example',
    {
      maxRedirects: 0,
      headers: { referer: `https://evil.example/${foreignPage}` },
    },
  );
  expect(response.status()).toBe(303);
  const location = new URL(response.headers().location ?? '');
  expect(`${location.origin}${location.pathname}`).toBe(DESTINATION);
  expect(location.toString()).not.toContain('evil');
  expect(location.searchParams.get('utm_campaign')).toBe('site');
  expect(response.headers()['cache-control']).toBe('no-store');
  expect(response.headers()['x-robots-tag']).toMatch(/noindex/);
  expect(response.headers()['set-cookie']).toBeUndefined();
  // A Referer from another site is not stored as the source (nor is its page the campaign).
  expect(clicksMentioning(foreignPage)).toBe(0);

  // A Referer from this site is, as its path only: the query may hold personal data.
  const source = ownSource('/guides/some-guide');
  const ours = await request.get('/go/partirassur', {
    maxRedirects: 0,
    headers: { referer: `${APP_URL}${source}?email=someone%40example.com` },
  });
  expect(ours.status()).toBe(303);
  expect(new URL(ours.headers().location ?? '').searchParams.get('utm_campaign')).toBe(
    'some-guide',
  );
  expect(clicksFrom(source)).toBe(1);
  expect(clicksMentioning('someone')).toBe(0);
});

test('/go/<unknown partner> is 404 and records nothing', async ({ request }) => {
  const total = () =>
    queryAppDb<{ n: number }>(
      'SELECT count(*) AS n FROM referral_click WHERE partner = ?',
      'unknown',
    )[0]?.n ?? 0;
  for (const path of ['/go/unknown', '/go/constructor', '/go/unknown?url=https://evil.example']) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(404);
    expect(response.headers().location).toBeUndefined();
  }
  expect(total()).toBe(0);
});
