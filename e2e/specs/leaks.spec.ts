// THE leak crawl (ARCHITECTURE rule 1): no sentence of members' text reaches a reader or a
// signed-in non-member through any page, RSC payload, feed, sitemap, metadata, OG image or static
// asset. The self-tests prove the check can fail: the same matcher finds public text as a reader
// and the gated text as a member.
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { signIn } from '../../test/support/auth';
import {
  contentFile,
  contentFiles,
  gatedPhrases,
  isDraftGuide,
  pagefindText,
  phrasesIn,
  publicPhrases,
  type GatedPhrase,
} from '../../test/support/gated';
import { becomeMember } from '../../test/support/membership';
import { uniqueEmail } from '../../test/support/people';
import { APP_URL } from '../../test/support/ports';

const GATED = gatedPhrases();
/** Draft guides' addresses: crawled like any page, they must answer 404 with none of their text. */
const DRAFT_PATHS = contentFiles()
  .filter(isDraftGuide)
  .flatMap((file) => [`/guides/${file.slug}`, `/og/guides/${file.slug}`]);
const DIST_DIR = process.env.NEXT_DIST_DIR ?? '.next';
const TEXT_TYPES = /text|javascript|json|xml|x-component|svg/i;
const TEXT_FILES = new Set([
  '.js',
  '.mjs',
  '.cjs',
  '.css',
  '.json',
  '.txt',
  '.html',
  '.map',
  '.svg',
  '.rsc',
  '.xml',
]);

/** Pages every crawl visits on top of the sitemap (sign-in and club pages are linked everywhere). */
const EXTRA_PAGES = [
  '/signin',
  '/club',
  '/events',
  '/assistance',
  '/contact/thanks',
  '/guides/does-not-exist',
  '/nope',
  ...DRAFT_PATHS,
  // Partner offers: the page exists for everyone, its offers only for members.
  '/club/offers',
  // Each event's calendar file: event details are members' text too.
  ...contentFiles()
    .filter((file) => file.kind === 'events')
    .map((file) => `/api/events/${file.slug}/ics`),
];
/** Pages only a signed-in person has, visited by the non-member crawl. */
const SIGNED_IN_PAGES = [
  '/account',
  '/club/join',
  '/club/join?returnTo=%2Fguides%2Fcarte-vitale%23ehic-bonus-tip',
  '/signout',
];

interface Finding {
  url: string;
  phrase: GatedPhrase;
}

/** Fetches like a browser would and remembers what it saw; every text body is searched. */
class LeakCrawl {
  readonly seen = new Set<string>();
  readonly findings: Finding[] = [];
  readonly statuses = new Map<string, number>();
  readonly assets = new Set<string>();
  readonly pending: string[] = [];
  readonly pages = new Set<string>();
  readonly pagesPending: string[] = [];

  constructor(
    private readonly request: APIRequestContext,
    private readonly phrases: GatedPhrase[] = GATED,
  ) {}

  check(url: string, body: string) {
    for (const phrase of phrasesIn(body, this.phrases)) this.findings.push({ url, phrase });
  }

  /** GET one URL (once per header set); returns its text, or null for binary bodies. */
  async get(path: string, headers: Record<string, string> = {}): Promise<string | null> {
    const key = `${path} ${JSON.stringify(headers)}`;
    if (this.seen.has(key)) return null;
    this.seen.add(key);
    const response = await this.request.get(path, { headers, maxRedirects: 10 });
    this.statuses.set(key, response.status());
    const type = response.headers()['content-type'] ?? '';
    const buffer = await response.body();
    if (
      !TEXT_TYPES.test(type) &&
      !/\.(js|css|json|txt|xml)$/.test(new URL(path, APP_URL).pathname)
    ) {
      // Images and fonts: searched as latin1 anyway, so text stored inside one is still found.
      this.check(path, buffer.toString('latin1'));
      return null;
    }
    const body = buffer.toString('utf8');
    this.check(headers.RSC ? `${path} (RSC payload)` : path, body);
    return body;
  }

  /** Static assets and OG images a document refers to, queued for fetching. */
  collect(body: string, base: string) {
    const found = new Set<string>();
    for (const m of body.matchAll(/\/_next\/static\/[^"'\s<>)\\`]+/g)) found.add(m[0]);
    for (const m of body.matchAll(/(?<![\w/.-])static\/(?:chunks|css|media)\/[^"'\s<>)\\`]+/g)) {
      found.add(`/_next/${m[0]}`);
    }
    for (const m of body.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)) {
      const ref = m[1] ?? '';
      if (!ref.startsWith('data:')) found.add(new URL(ref, new URL(base, APP_URL)).pathname);
    }
    for (const m of body.matchAll(
      /<meta[^>]+(?:property|name)="(?:og:image|twitter:image)(?::url)?"[^>]*content="([^"]+)"/g,
    )) {
      const url = new URL((m[1] ?? '').replace(/&amp;/g, '&'), APP_URL);
      if (url.origin === new URL(APP_URL).origin) found.add(`${url.pathname}${url.search}`);
    }
    for (const ref of found) {
      const clean = ref.replace(/&amp;/g, '&');
      // A chunk name put together in code ("static/chunks/" + id) is not an address; the disk
      // check covers those files.
      if (clean.startsWith('/_next/') && !/\.[a-z0-9]+$/i.test(clean)) continue;
      if (!this.assets.has(clean)) {
        this.assets.add(clean);
        this.pending.push(clean);
      }
    }
  }

  /** Pages this site links to, queued like a crawler would (side-effect routes left out). */
  follow(html: string) {
    for (const m of html.matchAll(/<a\b[^>]*\bhref="(\/[^"#]*)/g)) {
      const path = (m[1] ?? '').replace(/&amp;/g, '&');
      if (/^\/(?:_next|api|go|og)\/|^\/feed\.xml/.test(path) || this.pages.has(path)) continue;
      this.pages.add(path);
      this.pagesPending.push(path);
    }
  }

  /** Visits `start` and every page reachable from them by links. */
  async site(start: string[]) {
    for (const path of start) {
      if (!this.pages.has(path)) this.pagesPending.push(path);
      this.pages.add(path);
    }
    while (this.pagesPending.length) await this.page(this.pagesPending.shift() as string);
  }

  /** A page as HTML, as its RSC payload and as its RSC prefetch, plus everything they reference. */
  async page(path: string) {
    const html = await this.get(path);
    if (html) {
      this.collect(html, path);
      this.follow(html);
    }
    const variants: Record<string, string>[] = [
      { RSC: '1' },
      { RSC: '1', 'Next-Router-Prefetch': '1' },
    ];
    for (const headers of variants) {
      const payload = await this.get(path, headers);
      if (payload) this.collect(payload, path);
    }
  }

  /** Fetches queued assets, following the chunks and files they reference in turn. */
  async drain() {
    while (this.pending.length) {
      const path = this.pending.shift() as string;
      const body = await this.get(path);
      if (body) this.collect(body, path);
    }
  }

  report(): string {
    return this.findings
      .map(({ url, phrase }) => `  ${url}\n    "${phrase.text}" (from ${phrase.source})`)
      .join('\n');
  }
}

async function sitemapPaths(request: APIRequestContext): Promise<string[]> {
  const response = await request.get('/sitemap.xml');
  expect(response.status()).toBe(200);
  const xml = await response.text();
  const paths = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => {
    const url = new URL((m[1] ?? '').trim());
    return `${url.pathname}${url.search}`;
  });
  expect(paths.length, 'the sitemap lists pages').toBeGreaterThan(5);
  return paths;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

test.describe('no members’ text leaks', () => {
  test.describe.configure({ timeout: 240_000 });

  test('the extractor finds the gated text in the sources', () => {
    const sources = new Set(GATED.map((phrase) => phrase.source.replace(/#.*$/, '')));
    // Every members-only guide and every file with a MembersOnly block contributes phrases.
    for (const file of contentFiles()) {
      const gated =
        (file.kind === 'guides' && file.data.access === 'members') ||
        file.body.includes('<MembersOnly');
      if (gated) expect(sources, `gated phrases from ${file.file}`).toContain(file.file);
    }
    expect(GATED.map((phrase) => phrase.text)).toEqual(
      expect.arrayContaining([
        'Play it safe and allow at least 20 days between your request and your departure.',
        'https://example.com/sojoourn-workshop',
      ]),
    );
    // A draft's title, summary and body are secret too (only staff read drafts).
    const drafts = contentFiles().filter(isDraftGuide);
    expect(drafts.length, 'the example draft guide').toBeGreaterThan(0);
    for (const draft of drafts) {
      expect(sources, `phrases from the draft ${draft.file}`).toContain(draft.file);
      expect(GATED.map((phrase) => phrase.text)).toContain(String(draft.data.title));
    }
    // Every partner offer gives its code, title, address and body sentences.
    const offers = contentFiles().filter((file) => file.kind === 'offers');
    expect(offers.length).toBeGreaterThan(0);
    for (const offer of offers) {
      const texts = GATED.map((phrase) => phrase.text);
      expect(texts).toEqual(
        expect.arrayContaining([
          String(offer.data.code),
          String(offer.data.title),
          String(offer.data.url),
        ]),
      );
      expect(GATED.filter((phrase) => phrase.source === offer.file).length).toBeGreaterThan(1);
    }
  });

  test('the matcher sees a sentence however a page spells it', () => {
    const phrase = GATED.find((p) => p.text.includes("France's version"));
    expect(phrase).toBeDefined();
    const text = phrase!.text;
    const spellings = [
      // React escapes apostrophes in HTML; RSC and JS chunks carry JSON strings.
      `<p>${text.replace(/'/g, '&#x27;')}</p>`,
      `self.__next_f.push([1,${JSON.stringify(JSON.stringify({ children: text }))}])`,
      `"${text.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`,
      `<p>${text.toUpperCase().replace(/ /g, '\n   ')}</p>`,
    ];
    for (const body of spellings) expect(phrasesIn(body, [phrase!]), body).toHaveLength(1);
    expect(phrasesIn('<p>Nothing to see here.</p>', GATED)).toHaveLength(0);
  });

  test('a reader finds the public text of the Carte Vitale guide, and none of the gated text', async ({
    request,
  }) => {
    const guide = contentFile('guides/carte-vitale.mdx');
    const publicOnes = publicPhrases(guide).map((text) => ({ text, source: guide.file }));
    expect(publicOnes.length).toBeGreaterThan(50);
    const crawl = new LeakCrawl(request, publicOnes);
    await crawl.get('/guides/carte-vitale');
    const found = new Set(crawl.findings.map((finding) => finding.phrase.text));
    const missing = publicOnes.filter((phrase) => !found.has(phrase.text)).map((p) => p.text);
    // Nearly every public sentence is found as it is written in the source; a broken extractor or
    // matcher would find few or none.
    expect(
      found.size / publicOnes.length,
      `public phrases not found:\n${missing.join('\n')}`,
    ).toBeGreaterThan(0.9);
    expect([...found]).toContain(
      'You are covered through your job from your first day of work, and there is no minimum amount of work to reach.',
    );

    const gatedCrawl = new LeakCrawl(request);
    await gatedCrawl.get('/guides/carte-vitale');
    expect(gatedCrawl.findings, gatedCrawl.report()).toEqual([]);
  });

  test('a reader crawl of every page, payload, feed and static asset finds no gated sentence', async ({
    request,
  }) => {
    const crawl = new LeakCrawl(request);
    const pages = [...new Set([...(await sitemapPaths(request)), ...EXTRA_PAGES])];
    expect(pages).toEqual(
      expect.arrayContaining(['/guides/carte-vitale', '/guides/carte-vitale-app']),
    );
    await crawl.site(pages);
    for (const path of ['/feed.xml', '/robots.txt', '/sitemap.xml', '/og']) {
      const body = await crawl.get(path);
      if (body) crawl.collect(body, path);
    }
    await crawl.drain();

    // The crawl really reached the pages' code and the guides' OG images.
    const assets = [...crawl.assets];
    expect(assets.filter((a) => a.endsWith('.js')).length, 'JS chunks fetched').toBeGreaterThan(3);
    expect(
      assets.some((a) => a.endsWith('.css')),
      'a stylesheet fetched',
    ).toBe(true);
    expect(assets, 'OG images fetched').toEqual(
      expect.arrayContaining(['/og/guides/carte-vitale', '/og/guides/carte-vitale-app']),
    );
    expect(crawl.statuses.get(`/guides/carte-vitale {}`)).toBe(200);
    expect(crawl.statuses.get(`/guides/carte-vitale {"RSC":"1"}`)).toBe(200);
    for (const path of DRAFT_PATHS) expect(crawl.statuses.get(`${path} {}`), path).toBe(404);
    test.info().annotations.push({
      type: 'crawl',
      description: `${crawl.seen.size} responses, ${assets.length} assets; not 200: ${[
        ...crawl.statuses,
      ]
        .filter(([, status]) => status !== 200)
        .map(([key, status]) => `${key} → ${status}`)
        .join('; ')}`,
    });

    expect(crawl.findings, `gated text reachable by a reader:\n${crawl.report()}`).toEqual([]);
  });

  test('the build’s static directory on disk holds no gated sentence', () => {
    const root = join(process.cwd(), DIST_DIR, 'static');
    const files = filesUnder(root);
    expect(
      files.filter((file) => file.endsWith('.js')).length,
      `JS files in ${root}`,
    ).toBeGreaterThan(3);
    const findings: string[] = [];
    for (const file of files) {
      const raw = readFileSync(file);
      const body = TEXT_FILES.has(extname(file)) ? raw.toString('utf8') : raw.toString('latin1');
      for (const phrase of phrasesIn(body, GATED)) {
        findings.push(`  ${file}\n    "${phrase.text}" (from ${phrase.source})`);
      }
    }
    expect(findings, `gated text in static files:\n${findings.join('\n')}`).toEqual([]);
  });

  test('the search index (Pagefind, on disk and as served) holds no gated sentence', async ({
    request,
  }) => {
    const root = join(process.cwd(), DIST_DIR, 'pagefind');
    const files = filesUnder(root).map((file) => file.slice(root.length + 1));
    const fragments = files.filter((file) => file.endsWith('.pf_fragment'));
    const publicGuides = contentFiles().filter(
      (file) => file.kind === 'guides' && file.data.access !== 'members' && !file.data.draft,
    );
    expect(fragments.length, `fragments in ${root}`).toBeGreaterThanOrEqual(publicGuides.length);

    const findings: string[] = [];
    const texts: string[] = [];
    for (const file of files) {
      const onDisk = pagefindText(file, readFileSync(join(root, file)));
      const response = await request.get(`/pagefind/${file}`);
      expect(response.status(), `/pagefind/${file}`).toBe(200);
      const served = pagefindText(file, await response.body());
      expect(served, `/pagefind/${file} is the file on disk`).toBe(onDisk);
      texts.push(onDisk);
      for (const phrase of phrasesIn(onDisk, GATED)) {
        findings.push(`  pagefind/${file}\n    "${phrase.text}" (from ${phrase.source})`);
      }
    }
    // The check can fail: the fragments hold the guides' public text, read the same way.
    const guide = contentFile('guides/carte-vitale.mdx');
    const publicOnes = publicPhrases(guide).map((text) => ({ text, source: guide.file }));
    const all = texts.join('\n');
    const found = phrasesIn(all, publicOnes);
    expect(found.length / publicOnes.length, 'public sentences found in the index').toBeGreaterThan(
      0.8,
    );
    expect(all).toContain('médecin traitant');
    expect(findings, `gated text in the search index:\n${findings.join('\n')}`).toEqual([]);
  });

  test('a signed-in non-member crawl of the pages and their payloads finds no gated sentence', async ({
    page,
  }) => {
    const email = uniqueEmail('leak-user');
    await signIn(page, email);
    const request = page.context().request;
    // The crawl really is signed in: the account page answers with this person's address.
    const account = await request.get('/account', { maxRedirects: 0 });
    expect(account.status()).toBe(200);
    expect(await account.text()).toContain(email);

    const crawl = new LeakCrawl(request);
    const pages = [
      ...new Set([...(await sitemapPaths(request)), ...EXTRA_PAGES, ...SIGNED_IN_PAGES]),
    ];
    await crawl.site(pages);
    await crawl.drain();
    expect(crawl.statuses.get(`/guides/carte-vitale {}`)).toBe(200);
    for (const path of DRAFT_PATHS) expect(crawl.statuses.get(`${path} {}`), path).toBe(404);
    expect(
      crawl.findings,
      `gated text reachable by a signed-in non-member:\n${crawl.report()}`,
    ).toEqual([]);
  });

  test('a member does get the gated text, so the sentences looked for are real', async ({
    page,
  }) => {
    test.slow();
    await becomeMember(page, uniqueEmail('leak-member'));
    const crawl = new LeakCrawl(page.context().request);
    await crawl.page('/guides/carte-vitale');
    await crawl.page('/guides/carte-vitale-app');
    const events = contentFiles().filter((file) => file.kind === 'events');
    for (const event of events) await crawl.page(`/events/${event.slug}`);
    await crawl.page('/club/offers');
    const offers = contentFiles().filter((file) => file.kind === 'offers');
    for (const offer of offers) {
      const found = crawl.findings.filter((f) => f.phrase.source.startsWith(offer.file));
      expect(
        found.map((f) => f.phrase.text),
        `${offer.file} for a member`,
      ).toEqual(expect.arrayContaining([String(offer.data.code), String(offer.data.title)]));
    }
    const sources = [
      'guides/carte-vitale.mdx#ehic-bonus-tip',
      'guides/carte-vitale-app.mdx',
      ...events.map((event) => `${event.file}#event-details`),
    ];
    for (const source of sources) {
      const expected = GATED.filter((phrase) => phrase.source === source);
      const found = new Set(
        crawl.findings.filter((f) => f.phrase.source === source).map((f) => f.phrase.text),
      );
      const missing = expected.filter((phrase) => !found.has(phrase.text)).map((p) => p.text);
      expect(expected.length, source).toBeGreaterThan(3);
      expect(
        found.size / expected.length,
        `${source}: not found for a member:\n${missing.join('\n')}`,
      ).toBeGreaterThan(0.9);
    }
  });
});
