// THE leak crawl (ARCHITECTURE rule 1): no sentence of members' text reaches a reader or a
// signed-in non-member through any page, RSC payload, feed, sitemap, metadata, OG image or static
// asset. The self-tests prove the check can fail: the same matcher finds public text as a reader
// and the gated text as a member.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import SQLite from 'better-sqlite3';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { APP_DB_FILE, queryAppDb, writeAppDb } from '../../test/support/app-db';
import { signIn } from '../../test/support/auth';
import {
  contentFile,
  contentFiles,
  decodeEntities,
  detailsIn,
  gatedPhrases,
  isDraftGuide,
  membersChanges,
  pagefindText,
  phrasesIn,
  publicPhrases,
  type GatedPhrase,
} from '../../test/support/gated';
import { becomeMember } from '../../test/support/membership';
import { uniqueEmail } from '../../test/support/people';
import { APP_URL } from '../../test/support/ports';
import { standin } from '../../test/support/standin';

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
  // The viewer's own Carte Vitale file as a calendar: nobody else's, ever.
  '/account/file/calendar.ics',
  // Following guides (issue 23): the result, confirmation and manage pages.
  '/follow',
  '/follow?sent=1&guide=carte-vitale',
  '/follow?error=invalid-email&guide=%2A',
  '/follow/confirm',
  '/follow/manage',
];
/** Pages only a signed-in person has, visited by the non-member crawl. */
const SIGNED_IN_PAGES = [
  '/account',
  '/account/file',
  '/club/join',
  '/club/join?returnTo=%2Fguides%2Fcarte-vitale%23ehic-bonus-tip',
  '/signout',
];

/**
 * The only answers other than 200 a crawl may get, by path: the made-up pages are 404, a calendar
 * file is 401/403 for a non-member, and /signout may send a reader elsewhere. Anything else (a 500,
 * a 404 on a listed page) fails the crawl: a crawl answered by errors proves nothing.
 */
const EXPECTED_STATUS: [RegExp, number[]][] = [
  [/^\/(?:nope|guides\/does-not-exist)(?:[?#]|$)/, [404]],
  // Drafts are staff's: everyone else gets a 404 (page, payloads and OG image).
  // (slugs are letters, digits and hyphens: nothing to escape).
  ...DRAFT_PATHS.map((path): [RegExp, number[]] => [new RegExp(`^${path}(?:[?#]|$)`), [404]]),
  [/^\/api\/events\/[^/]+\/ics(?:[?#]|$)/, [401, 403]],
  // A Carte Vitale file's calendar: 401 signed out, 404 for someone with no file.
  [/^\/account\/file\/calendar\.ics(?:[?#]|$)/, [401, 404]],
];

/**
 * A member's Carte Vitale file is their personal data (issue 22): seeded straight into the app's
 * database for someone who is not the crawler, with a note no page of the site could hold. Every
 * crawl by someone else looks for it beside the gated text; its owner finds it (the self-test).
 */
const FILE_OWNER = uniqueEmail('leak-file-owner');
const FILE_NOTE: GatedPhrase = {
  text: 'Dossier QX-7781 handled by Madame Leclerc at the Lyon office on the third floor',
  source: 'a member’s Carte Vitale file (private note)',
};
const PRIVATE = [...GATED, FILE_NOTE];

function seedMemberFile() {
  writeAppDb((db) => {
    // beforeAll runs again for each batch of this file's tests a worker takes: seed once.
    if (db.prepare('SELECT 1 FROM "User" WHERE email = ?').get(FILE_OWNER)) return;
    const userId = crypto.randomUUID();
    const fileId = crypto.randomUUID();
    const now = new Date().toISOString();
    db.prepare('INSERT INTO "User" (id, email) VALUES (?, ?)').run(userId, FILE_OWNER);
    db.prepare(
      'INSERT INTO member_file (id, user_id, answers, route_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(
      fileId,
      userId,
      JSON.stringify({
        nationality: 'eea',
        situation: 'employed',
        sofar: 'over-3-months',
        plan: 'longer',
        number: 'no',
      }),
      'work',
      now,
      now,
    );
    db.prepare(
      'INSERT INTO member_file_step (file_id, step_id, done_on, done_by, note, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(fileId, 'apply', now.slice(0, 10), 'member', FILE_NOTE.text, now);
  });
}
const SESSION_COOKIE = 'next-auth.session-token';

interface Finding {
  url: string;
  phrase: GatedPhrase;
}

/** Fetches like a browser would and remembers what it saw; every text body is searched. */
class LeakCrawl {
  readonly seen = new Set<string>();
  readonly findings: Finding[] = [];
  readonly statuses = new Map<string, number>();
  /** Content type of each answer, by the same key as statuses. */
  readonly types = new Map<string, string>();
  /** RSC requests answered 200 with something other than text/x-component. */
  readonly rscTypeProblems: string[] = [];
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
    this.types.set(key, type);
    if (headers.RSC && response.status() === 200 && !/^text\/x-component\b/.test(type)) {
      this.rscTypeProblems.push(`${key} → ${type || '(no content type)'}`);
    }
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
    // A link to something that is not a page (the account's JSON download) has no RSC payload: its
    // body was searched above, like every answer.
    if (!/^text\/html\b/.test(this.types.get(`${path} {}`) ?? 'text/html')) return;
    const variants: Record<string, string>[] = [
      { RSC: '1' },
      { RSC: '1', 'Next-Router-Prefetch': '1' },
      // Next 16's per-segment prefetches: the route tree and the whole page (every segment file
      // on disk is read by the prerendered-outputs test).
      ...['/_tree', '/_full'].map((segment) => ({
        RSC: '1',
        'Next-Router-Prefetch': '1',
        'Next-Router-Segment-Prefetch': segment,
      })),
    ];
    // The router adds `_rsc=<hash>` to every RSC request (cache busting): a different URL to caches.
    const withRsc = `${path}${path.includes('?') ? '&' : '?'}_rsc=leakcrawl`;
    for (const [url, headers] of [
      ...variants.map((headers) => [path, headers] as const),
      [withRsc, { RSC: '1' }] as const,
    ]) {
      const payload = await this.get(url, headers);
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

  /** Every answer that is neither 200 nor an expected status for its path. */
  statusProblems(): string[] {
    return [...this.statuses]
      .filter(([key, status]) => {
        if (status === 200) return false;
        const path = key.slice(0, key.indexOf(' '));
        const expected = EXPECTED_STATUS.find(([pattern]) => pattern.test(path))?.[1];
        return !expected?.includes(status);
      })
      .map(([key, status]) => `${key} → ${status}`);
  }

  /** The crawl's own health: it got real answers, and RSC requests got RSC. */
  expectHealthy() {
    expect(this.statusProblems(), 'unexpected statuses in the crawl').toEqual([]);
    expect(this.rscTypeProblems, 'RSC requests not answered as text/x-component').toEqual([]);
  }

  report(): string {
    return this.findings
      .map(({ url, phrase }) => `  ${url}\n    "${phrase.text}" (from ${phrase.source})`)
      .join('\n');
  }
}

/** The stored membership of the person signed in with `email`, or undefined. */
const membershipOf = (email: string) =>
  queryAppDb<{ status: string; subscription_id: string }>(
    'SELECT m.status, m.subscription_id FROM membership m JOIN "User" u ON u.id = m.user_id WHERE lower(u.email) = ?',
    email.toLowerCase(),
  )[0];
const membershipStatus = (email: string) => membershipOf(email)?.status ?? null;
const subscriptionIdOf = (email: string) => membershipOf(email)!.subscription_id;

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

/** Every gated phrase found in the files under `root` (text files as UTF-8, others as latin1). */
function gatedInFiles(files: string[]): string[] {
  const findings: string[] = [];
  for (const file of files) {
    const raw = readFileSync(file);
    const textual = TEXT_FILES.has(extname(file)) || /\.(?:rsc|meta|body|segment\.rsc)$/.test(file);
    const body = textual ? raw.toString('utf8') : raw.toString('latin1');
    for (const phrase of phrasesIn(body, GATED)) {
      findings.push(`  ${file}\n    "${phrase.text}" (from ${phrase.source})`);
    }
  }
  return findings;
}

/**
 * A crawl as the person signed in on `page`, over every page and payload. Static assets are the
 * same files for everyone: the reader crawl and the disk checks read them, so they are not fetched
 * again here unless `assets` is set.
 */
async function crawlSignedIn(
  page: Page,
  extra: string[] = [],
  { assets = false }: { assets?: boolean } = {},
): Promise<LeakCrawl> {
  const request = page.context().request;
  const crawl = new LeakCrawl(request, PRIVATE);
  await crawl.site([...new Set([...(await sitemapPaths(request)), ...EXTRA_PAGES, ...extra])]);
  if (assets) await crawl.drain();
  expect(crawl.statuses.get(`/guides/carte-vitale {}`)).toBe(200);
  return crawl;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

test.describe('no members’ text leaks', () => {
  // Each crawl asks for every page six ways (HTML, RSC, prefetch, two segment prefetches, _rsc).
  test.describe.configure({ timeout: 480_000 });
  test.beforeAll(seedMemberFile);

  test('a member’s own file shows them their note (the file check can fail)', async ({ page }) => {
    await signIn(page, FILE_OWNER);
    const crawl = new LeakCrawl(page.context().request, [FILE_NOTE]);
    await crawl.page('/account/file');
    expect(crawl.findings.map((f) => f.url)).toContain('/account/file');
  });

  test('the extractor finds the gated text in the sources', () => {
    const sources = new Set(GATED.map((phrase) => phrase.source.replace(/#.*$/, '')));
    // Every members-only guide and every file with a MembersOnly block contributes phrases.
    for (const file of contentFiles()) {
      const gated =
        (file.kind === 'guides' && file.data.access !== 'public') ||
        file.body.includes('<MembersOnly');
      if (gated) expect(sources, `gated phrases from ${file.file}`).toContain(file.file);
    }
    expect(GATED.map((phrase) => phrase.text)).toEqual(
      expect.arrayContaining([
        'Play it safe and allow at least 20 days between your request and your departure.',
        'https://example.com/sojoourn-workshop',
        // Short lines count too.
        'Open questions from members.',
      ]),
    );
    // And short details: a phone number, a time, a street address, however few their words.
    expect(detailsIn('Call 01 23 45 67 89 before 19:00, or come to 12 rue de Rivoli.')).toEqual([
      '01 23 45 67 89',
      '12 rue de Rivoli',
      '19:00',
    ]);
    // The EHIC tip's 36 46 is public now (the médecin traitant guide's one-liner on the phone line):
    // text a reader can see is no secret, so it is not a gated phrase.
    expect(GATED.map((phrase) => phrase.text)).not.toContain('36 46');
    // A draft's title, summary and body are secret too (only staff read drafts).
    const drafts = contentFiles().filter(isDraftGuide);
    expect(drafts.length, 'the example draft guide').toBeGreaterThan(0);
    for (const draft of drafts) {
      expect(sources, `phrases from the draft ${draft.file}`).toContain(draft.file);
      expect(GATED.map((phrase) => phrase.text)).toContain(String(draft.data.title));
    }
    // Every members' change summary ("What changed", issue 23) is looked for whole; readers see
    // only "A members' section was updated." (lib/content/what-changed.test.ts on fixtures).
    for (const change of membersChanges()) {
      expect(
        GATED.map((phrase) => phrase.text),
        change.file,
      ).toContain(change.summary);
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

  test("a reader's guide page and the feed say a members' section was updated, never what", async ({
    request,
  }) => {
    const changes = membersChanges();
    const bodies = [await (await request.get('/feed.xml')).text()];
    for (const slug of new Set(changes.map((change) => change.slug))) {
      const response = await request.get(`/guides/${slug}`);
      expect(response.status(), slug).toBe(200);
      const html = await response.text();
      expect(html, slug).toContain('id="what-changed"');
      bodies.push(html);
    }
    for (const body of bodies) {
      const text = decodeEntities(body);
      if (changes.length) expect(text).toContain("A members' section was updated.");
      const leaked = phrasesIn(
        body,
        changes.map((change) => ({ text: change.summary })),
      );
      expect(leaked).toEqual([]);
    }
  });

  test('a reader crawl of every page, payload, feed and static asset finds no gated sentence', async ({
    request,
  }) => {
    const crawl = new LeakCrawl(request, PRIVATE);
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

    expect(
      crawl.statuses.get(
        `/guides/carte-vitale {"RSC":"1","Next-Router-Prefetch":"1","Next-Router-Segment-Prefetch":"/_tree"}`,
      ),
      'segment prefetches were requested',
    ).toBeDefined();
    crawl.expectHealthy();
    expect(crawl.findings, `gated text reachable by a reader:\n${crawl.report()}`).toEqual([]);
  });

  test('a crawl answered by errors fails (the status check itself works)', async () => {
    // A server that answers every request with a 500 page, and one that answers RSC with HTML.
    const fake = (status: number, type: string) =>
      ({
        get: async () => ({
          status: () => status,
          headers: () => ({ 'content-type': type }),
          body: async () => Buffer.from('<html>Internal Server Error</html>'),
        }),
      }) as unknown as APIRequestContext;
    const broken = new LeakCrawl(fake(500, 'text/html'));
    await broken.page('/guides/carte-vitale');
    expect(broken.findings).toEqual([]); // no leak found…
    expect(broken.statusProblems().length).toBeGreaterThan(3); // …but the crawl is not healthy
    expect(() => broken.expectHealthy()).toThrow();
    const htmlForRsc = new LeakCrawl(fake(200, 'text/html'));
    await htmlForRsc.page('/guides/carte-vitale');
    expect(htmlForRsc.statusProblems()).toEqual([]);
    expect(htmlForRsc.rscTypeProblems.length).toBeGreaterThan(3);
    expect(() => htmlForRsc.expectHealthy()).toThrow();
  });

  test('the build’s static directory on disk holds no gated sentence', () => {
    const root = join(process.cwd(), DIST_DIR, 'static');
    const files = filesUnder(root);
    expect(
      files.filter((file) => file.endsWith('.js')).length,
      `JS files in ${root}`,
    ).toBeGreaterThan(3);
    const findings = gatedInFiles(files);
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

  test('the prerendered outputs on disk (html, rsc, segment files) hold no gated sentence', () => {
    const root = join(process.cwd(), DIST_DIR, 'server', 'app');
    expect(existsSync(root), `${root} exists (NEXT_DIST_DIR=${DIST_DIR})`).toBe(true);
    const files = filesUnder(root).filter((file) =>
      /\.(?:html|rsc|meta|body|txt|json)$/.test(file),
    );
    // The readers' copies really are there, with their payloads and per-segment prefetch files.
    expect(
      files.filter((file) => file.endsWith('.html')).length,
      'prerendered HTML',
    ).toBeGreaterThan(5);
    expect(files.filter((file) => file.endsWith('.rsc')).length, 'RSC payloads').toBeGreaterThan(5);
    expect(
      files.some((file) => /\.segments[/\\]/.test(file)),
      'per-segment prefetch files (.segments/)',
    ).toBe(true);
    expect(
      files.some((file) => /reader[/\\]guides[/\\]carte-vitale\.html$/.test(file)),
      "the Carte Vitale guide's reader copy",
    ).toBe(true);
    // The check can fail: the same gated sentence, written into a copy of a page, is found.
    const [phrase] = GATED;
    expect(phrasesIn(`<p>${phrase!.text}</p>`, GATED)).toContain(phrase);
    const findings = gatedInFiles(files);
    expect(findings, `gated text in prerendered files:\n${findings.join('\n')}`).toEqual([]);
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

    const crawl = await crawlSignedIn(page, SIGNED_IN_PAGES, { assets: true });
    for (const path of DRAFT_PATHS) expect(crawl.statuses.get(`${path} {}`), path).toBe(404);
    crawl.expectHealthy();
    expect(
      crawl.findings,
      `gated text reachable by a signed-in non-member:\n${crawl.report()}`,
    ).toEqual([]);
  });

  test('a past-due member after the paid period finds no gated sentence', async ({ page }) => {
    test.slow();
    const email = uniqueEmail('leak-past-due');
    await becomeMember(page, email);
    // The renewal fails: Stripe starts the new (unpaid) period now, so the paid one is over.
    await standin.failRenewal(subscriptionIdOf(email));
    await standin.flush();
    await expect.poll(() => membershipStatus(email)).toBe('past_due');
    await page.goto('/account');
    await expect(page.getByTestId('membership-status')).not.toHaveText('Active');
    const crawl = await crawlSignedIn(page, SIGNED_IN_PAGES);
    crawl.expectHealthy();
    expect(crawl.findings, `gated text reachable past due:\n${crawl.report()}`).toEqual([]);
  });

  test('a lapsed member (subscription ended) finds no gated sentence', async ({ page }) => {
    test.slow();
    const email = uniqueEmail('leak-lapsed');
    await becomeMember(page, email);
    await standin.deleteSubscription(subscriptionIdOf(email));
    await standin.flush();
    await expect.poll(() => membershipStatus(email)).toBe('canceled');
    const crawl = await crawlSignedIn(page, SIGNED_IN_PAGES);
    crawl.expectHealthy();
    expect(crawl.findings, `gated text reachable once lapsed:\n${crawl.report()}`).toEqual([]);
  });

  test('a visitor with an expired or a forged session cookie finds no gated sentence', async ({
    page,
    browser,
  }) => {
    test.slow();
    // Expired: a real member's session whose expiry has passed.
    const email = uniqueEmail('leak-expired');
    await becomeMember(page, email);
    const cookies = await page.context().cookies();
    const token = cookies.find((cookie) => cookie.name === SESSION_COOKIE)?.value;
    expect(token, 'a session cookie after signing in').toBeTruthy();
    const db = new SQLite(APP_DB_FILE);
    try {
      db.prepare('UPDATE "Session" SET expires = ? WHERE "sessionToken" = ?').run(
        '2001-01-01T00:00:00.000Z',
        token,
      );
    } finally {
      db.close();
    }
    const expired = await crawlSignedIn(page);
    expired.expectHealthy();
    expect(expired.findings, `gated text with an expired session:\n${expired.report()}`).toEqual(
      [],
    );

    // Forged: a cookie the server never issued.
    const context = await browser.newContext({ baseURL: APP_URL });
    await context.addCookies([
      {
        name: SESSION_COOKIE,
        value: `forged-${crypto.randomUUID()}`,
        url: APP_URL,
        httpOnly: true,
        sameSite: 'Lax',
      },
    ]);
    const forgedPage = await context.newPage();
    const forged = await crawlSignedIn(forgedPage);
    await context.close();
    forged.expectHealthy();
    expect(forged.findings, `gated text with a forged session:\n${forged.report()}`).toEqual([]);
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
    // The members' change summaries are on their guides' "What changed" for a member.
    const changes = membersChanges();
    for (const slug of new Set(changes.map((change) => change.slug))) {
      await crawl.page(`/guides/${slug}`);
    }
    const seenTexts = new Set(crawl.findings.map((f) => f.phrase.text));
    for (const change of changes) {
      expect(seenTexts, `${change.file}: members' change for a member`).toContain(change.summary);
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
