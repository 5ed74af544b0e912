// A reader (no account) on the public site: home → guides → article → table of contents →
// related guide; the gate; the 404; mobile navigation; static HTML; SEO files.
import { expect, test, type Page } from '@playwright/test';
import { signIn } from '../../test/support/auth';
import {
  contentFile,
  contentFiles,
  decodeEntities,
  gatedPhrases,
  normalise,
} from '../../test/support/gated';
import { uniqueEmail } from '../../test/support/people';
import { APP_URL } from '../../test/support/ports';

interface SourceGuide {
  slug: string;
  title: string;
  summary: string;
  publishedAt: string;
  tags: string[];
  access: string;
}

/** The published guides as staff wrote them, in the order the site must list them. */
const GUIDES: SourceGuide[] = contentFiles()
  .filter((file) => file.kind === 'guides' && file.data.draft !== true)
  .map((file) => ({
    slug: file.slug,
    title: String(file.data.title),
    summary: String(file.data.summary),
    // YAML reads an unquoted date as a Date.
    publishedAt:
      file.data.publishedAt instanceof Date
        ? file.data.publishedAt.toISOString().slice(0, 10)
        : String(file.data.publishedAt),
    tags: file.data.tags as string[],
    access: String(file.data.access ?? 'public'),
  }))
  .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt) || a.title.localeCompare(b.title));

const CARTE_VITALE = GUIDES.find((guide) => guide.slug === 'carte-vitale')!;
const APP_GUIDE = GUIDES.find((guide) => guide.slug === 'carte-vitale-app')!;
const EHIC = gatedPhrases().filter((p) => p.source === 'guides/carte-vitale.mdx#ehic-bonus-tip');
const APP_GUIDE_BODY = gatedPhrases().filter((p) => p.source === 'guides/carte-vitale-app.mdx');

async function cardTitles(page: Page): Promise<string[]> {
  return page.locator('main article h2, main article h3').allInnerTexts();
}

async function expectNoneOf(page: Page, phrases: { text: string }[]) {
  const text = normalise(await page.locator('body').innerText());
  const shown = phrases.filter((phrase) => text.includes(normalise(phrase.text)));
  expect(shown.map((phrase) => phrase.text)).toEqual([]);
}

test('reader journey: home → all guides → tag filter → article → contents anchor → related guide', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.getByRole('link', { name: /see all guides/i }).click();
  await expect(page).toHaveURL(`${APP_URL}/guides`);
  await expect(page.getByRole('heading', { level: 1, name: 'Guides' })).toBeVisible();

  // Newest first, every published guide.
  expect(await cardTitles(page)).toEqual(GUIDES.map((guide) => guide.title));

  // A tag narrows the list to the guides carrying it.
  const tag = 'uk-nationals';
  const tagged = GUIDES.filter((guide) => guide.tags.includes(tag));
  expect(tagged.length).toBeGreaterThan(0);
  expect(tagged.length).toBeLessThan(GUIDES.length);
  await page
    .getByRole('navigation', { name: 'Filter guides by topic' })
    .getByRole('link', { name: /^uk nationals/i })
    .click();
  await expect(page).toHaveURL(`${APP_URL}/guides/tags/${tag}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/uk nationals/i);
  await expect.poll(() => cardTitles(page)).toEqual(tagged.map((guide) => guide.title));

  // Back to all guides, then the Carte Vitale guide.
  await page
    .getByRole('navigation', { name: 'Filter guides by topic' })
    .getByRole('link', { name: 'All guides' })
    .click();
  await expect(page).toHaveURL(`${APP_URL}/guides`);
  await page.getByRole('link', { name: CARTE_VITALE.title }).click();
  await expect(page).toHaveURL(`${APP_URL}/guides/carte-vitale`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(CARTE_VITALE.title);

  // A table-of-contents anchor scrolls to its heading.
  const toc = page.getByRole('navigation', { name: 'In this guide' });
  await toc.getByRole('link', { name: 'Ordering your Carte Vitale' }).click();
  await expect(page).toHaveURL(`${APP_URL}/guides/carte-vitale#ordering-your-carte-vitale`);
  await expect(page.locator('#ordering-your-carte-vitale')).toBeInViewport();
  await expect(page.getByRole('heading', { level: 1 })).not.toBeInViewport();

  // A related guide.
  const related = page.getByRole('region', { name: 'Related guides' });
  const first = related.getByRole('link').first();
  const relatedTitle = (await first.innerText()).trim();
  const relatedGuide = GUIDES.find((guide) => guide.title === relatedTitle);
  expect(relatedGuide, `related guide "${relatedTitle}" is a real guide`).toBeDefined();
  expect(relatedGuide!.tags.some((t) => CARTE_VITALE.tags.includes(t))).toBe(true);
  await first.click();
  await expect(page).toHaveURL(`${APP_URL}/guides/${relatedGuide!.slug}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(relatedGuide!.title);
});

test('a guide page shows its title, dates, reading time and official links', async ({ page }) => {
  await page.goto('/guides/carte-vitale');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(CARTE_VITALE.title);
  await expect(page.getByText(CARTE_VITALE.summary).first()).toBeVisible();
  const facts = page.locator('main header dl');
  const day = (value: unknown) =>
    new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(value instanceof Date ? value : `${String(value)}T00:00:00Z`),
    );
  const front = contentFile('guides/carte-vitale.mdx').data;
  await expect(facts).toContainText(`Published ${day(front.publishedAt)}`);
  await expect(facts).toContainText(
    `Facts checked against official sources on ${day(front.reviewedAt)}`,
  );
  await expect(facts).toContainText(/\d+ min read/);

  const official = page.getByRole('region', { name: 'Official pages' });
  const hrefs = await official
    .getByRole('link')
    .evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href));
  expect(hrefs.some((href) => /^https:\/\/www\.ameli\.fr\//.test(href))).toBe(true);
  expect(hrefs.some((href) => /^https:\/\/www\.service-public\.(gouv\.)?fr\//.test(href))).toBe(
    true,
  );
  const source = contentFile('guides/carte-vitale.mdx').data.officialLinks as { url: string }[];
  expect(hrefs).toEqual(source.map((link) => link.url));
});

test('"What changed" lists a guide\'s changes newest first, reached from its dates at the top', async ({
  page,
}) => {
  // Whichever published public guide lists the most changes, as its frontmatter gives them.
  const dayOf = (value: unknown) =>
    value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
  const [file] = contentFiles()
    .filter((f) => f.kind === 'guides' && f.data.draft !== true && f.data.access === 'public')
    .sort(
      (a, b) =>
        ((b.data.changes as unknown[]) ?? []).length - ((a.data.changes as unknown[]) ?? []).length,
    );
  const changes = (
    (file!.data.changes as { date: unknown; summary: string; members?: boolean }[]) ?? []
  )
    .map((change) => ({ ...change, date: dayOf(change.date) }))
    .sort((a, b) => b.date.localeCompare(a.date));
  await page.goto(`/guides/${file!.slug}`);
  const section = page.getByRole('region', { name: 'What changed' });
  if (!changes.length) {
    await expect(section).toContainText('No changes listed since it was published');
    return;
  }
  await page.locator('main header dl').getByRole('link').first().click();
  await expect(page).toHaveURL(/#what-changed$/);
  await expect(section).toBeInViewport();
  const items = section.getByRole('listitem');
  await expect(items).toHaveCount(changes.length);
  expect(
    await section
      .locator('time')
      .evaluateAll((times) => times.map((t) => t.getAttribute('datetime'))),
  ).toEqual(changes.map((change) => change.date));
  for (const [index, change] of changes.entries()) {
    await expect(items.nth(index)).toContainText(
      change.members ? "A members' section was updated." : change.summary,
    );
  }
});

for (const path of ['/guides/does-not-exist', '/nope']) {
  test(`the friendly 404 for ${path}`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(
      page.getByRole('heading', { level: 1, name: 'We couldn’t find that page' }),
    ).toBeVisible();
    await page.getByRole('link', { name: 'Browse the guides' }).click();
    await expect(page).toHaveURL(`${APP_URL}/guides`);
  });
}

test('a reader sees the EHIC bonus tip as a teaser, never its text', async ({ page }) => {
  expect(EHIC.length).toBeGreaterThan(5);
  await page.goto('/guides/carte-vitale');
  const tip = page.locator('#ehic-bonus-tip');
  await expect(
    tip.getByRole('heading', { name: /Bonus tip: your free European Health Insurance Card/ }),
  ).toBeVisible();
  await expect(tip).toContainText('There is one more card worth asking for once you are settled.');
  const back = encodeURIComponent('/guides/carte-vitale#ehic-bonus-tip');
  await expect(tip.getByRole('link', { name: 'Sign in' })).toHaveAttribute(
    'href',
    `/signin?callbackUrl=${back}`,
  );
  await expect(tip.getByRole('link', { name: 'Join the club' })).toHaveAttribute(
    'href',
    `/signin?callbackUrl=${encodeURIComponent(`/club/join?returnTo=${back}`)}`,
  );
  await expectNoneOf(page, EHIC);
  expect(await page.content()).not.toContain('Play it safe and allow at least 20 days');
});

test('a members-only guide shows readers its title, summary and the gate only', async ({
  page,
}) => {
  await page.goto('/guides/carte-vitale-app');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(APP_GUIDE.title);
  await expect(page.getByText(APP_GUIDE.summary).first()).toBeVisible();
  const gate = page.locator('#members-guide');
  await expect(gate.getByRole('link', { name: 'Sign in' })).toBeVisible();
  await expect(gate.getByRole('link', { name: 'Join the club' })).toBeVisible();
  await expect(page.locator('article.prose')).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'In this guide' })).toHaveCount(0);
  expect(APP_GUIDE_BODY.length).toBeGreaterThan(10);
  await expectNoneOf(page, APP_GUIDE_BODY);
});

test('mobile navigation opens from the Menu disclosure at 390px', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  const mobile = page.getByRole('navigation', { name: 'Mobile' });
  await expect(mobile).toBeHidden();
  await page.locator('summary', { hasText: 'Menu' }).click();
  await expect(mobile).toBeVisible();
  for (const label of ['Guides', 'Events', 'Sojoourn Club', 'Free quote']) {
    await expect(mobile.getByRole('link', { name: label })).toBeVisible();
  }
  await mobile.getByRole('link', { name: 'Guides' }).click();
  await expect(page).toHaveURL(`${APP_URL}/guides`);
});

test('readers get prerendered HTML; a signed-in response is never stored', async ({
  page,
  request,
}) => {
  const reader = await request.get('/guides/carte-vitale');
  expect(reader.status()).toBe(200);
  const headers = reader.headers();
  expect(
    'x-nextjs-cache' in headers || 'x-nextjs-prerender' in headers,
    `prerender headers in ${JSON.stringify(headers)}`,
  ).toBe(true);
  // The reader copy may sit in a shared cache for a short while (a cache in front bypasses itself
  // when the session cookie is present: deploy/nginx.conf); browsers revalidate.
  expect(headers['cache-control']).toBe(
    'public, max-age=0, s-maxage=60, stale-while-revalidate=600',
  );
  // Pages that are not reader copies stay out of shared caches even without a session.
  const signin = await request.get('/signin');
  expect(signin.headers()['cache-control'] ?? '').toMatch(/^private/);
  // Nor does an address shaped unlike any guide (no reader copy: rendered per request, a 404).
  const odd = await request.get('/guides/Not_A_Slug');
  expect(odd.status()).toBe(404);
  expect(odd.headers()['cache-control'] ?? '').not.toMatch(/public/);

  await signIn(page, uniqueEmail('reader-cache'));
  const signedIn = await page.context().request.get('/guides/carte-vitale');
  expect(signedIn.status()).toBe(200);
  expect(signedIn.headers()['cache-control'] ?? '').toMatch(/^private, .*no-store/);
  expect(signedIn.headers()['x-nextjs-cache']).toBeUndefined();
  // Really the signed-in render: the header names the person.
  expect(await signedIn.text()).toContain('Sign out');
});

test('the article carries its SEO metadata and an Open Graph image', async ({ page, request }) => {
  await page.goto('/guides/carte-vitale');
  await expect(page).toHaveTitle(new RegExp(CARTE_VITALE.title));
  const meta = (selector: string) => page.locator(selector).getAttribute('content');
  expect(await meta('meta[name="description"]')).toBe(CARTE_VITALE.summary);
  expect(await page.locator('link[rel="canonical"]').getAttribute('href')).toBe(
    `${APP_URL}/guides/carte-vitale`,
  );
  expect(await meta('meta[property="og:title"]')).toBe(CARTE_VITALE.title);
  expect(await meta('meta[property="og:type"]')).toBe('article');
  expect(await meta('meta[name="twitter:card"]')).toBe('summary_large_image');
  const image = await meta('meta[property="og:image"]');
  expect(image).toBeTruthy();
  const png = await request.get(image!);
  expect(png.status()).toBe(200);
  expect(png.headers()['content-type']).toBe('image/png');
  expect((await png.body()).subarray(1, 4).toString('latin1')).toBe('PNG');
});

test('sitemap.xml, robots.txt and feed.xml respond with the guides', async ({ request }) => {
  const sitemap = await request.get('/sitemap.xml');
  expect(sitemap.status()).toBe(200);
  const locs = [...(await sitemap.text()).matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
  for (const guide of GUIDES) expect(locs).toContain(`${APP_URL}/guides/${guide.slug}`);
  expect(locs).toContain(`${APP_URL}/`);

  const robots = await request.get('/robots.txt');
  expect(robots.status()).toBe(200);
  const rules = await robots.text();
  expect(rules).toContain(`Sitemap: ${APP_URL}/sitemap.xml`);
  expect(rules).toMatch(/Disallow: \/account/);

  const feed = await request.get('/feed.xml');
  expect(feed.status()).toBe(200);
  expect(feed.headers()['content-type']).toMatch(/xml/);
  const xml = await feed.text();
  expect(xml).toMatch(/<rss[^>]+version="2\.0"/);
  const text = normalise(decodeEntities(xml.replace(/<!\[CDATA\[|\]\]>/g, '')));
  for (const guide of GUIDES) expect(text).toContain(normalise(guide.title));
  for (const guide of GUIDES) expect(text).toContain(`${APP_URL}/guides/${guide.slug}`);
});

test('every address in the sitemap is a page that answers 200', async ({ request }) => {
  const sitemap = await (await request.get('/sitemap.xml')).text();
  const paths = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
  const broken: string[] = [];
  for (const path of paths) {
    const status = (await request.get(path)).status();
    if (status !== 200) broken.push(`${path} → ${status}`);
  }
  expect(broken).toEqual([]);
});
