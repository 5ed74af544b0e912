// The site as a club runs it once it outgrows one machine: Postgres, two instances, nginx in front
// as the readers' cache tier (deploy/nginx.conf), all started by scripts/cluster.ts. One journey,
// in order: readers are served from the cache, a person signs in across instances and joins, the
// member reads the members' tip from both instances, nobody else can then find members' text
// through the cache, the site keeps answering when an instance stops, and after sign-ins, a quote
// and an address change neither nginx's logs nor the instances' hold a token, an address or a name.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  expect,
  request as playwrightRequest,
  test,
  type APIRequestContext,
} from '@playwright/test';
import { CLUSTER_STATE_FILE } from '../../playwright.cluster.config';
import { requestSignInLink, signIn } from '../../test/support/auth';
import {
  fillQuote,
  sendQuote,
  speakFromOwnIp,
  waitLikeAPerson,
} from '../../test/support/contact-form';
import { gatedPhrases, phrasesIn } from '../../test/support/gated';
import { linkIn, mailFor, waitForMail } from '../../test/support/mailbox';
import { payOnCheckout } from '../../test/support/membership';
import { uniqueEmail } from '../../test/support/people';
import { APP_URL } from '../../test/support/ports';

interface ClusterState {
  url: string;
  instances: Array<{ port: number; pid: number }>;
  /** nginx's access and error logs, and each instance's output (app-<port>.log). */
  logDir: string;
}

const GATED = gatedPhrases();
const TIP = GATED.filter((phrase) => phrase.source === 'guides/carte-vitale.mdx#ehic-bonus-tip');
const GUIDE = '/guides/carte-vitale';

function clusterState(): ClusterState {
  return JSON.parse(readFileSync(CLUSTER_STATE_FILE, 'utf8')) as ClusterState;
}

/** A fresh client with no cookies at all: a reader. */
async function readerClient(): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL: APP_URL });
}

test.describe.configure({ mode: 'serial' });

let memberEmail = '';

test('health answers through nginx and on each instance, never cached', async () => {
  const { instances } = clusterState();
  expect(instances).toHaveLength(2);
  const reader = await readerClient();
  for (const base of [APP_URL, ...instances.map(({ port }) => `http://127.0.0.1:${port}`)]) {
    const response = await reader.get(`${base}/api/health`);
    expect(response.status(), base).toBe(200);
    expect(await response.json()).toEqual({ db: 'ok', migrations: 'current' });
    expect(response.headers()['cache-control']).toContain('no-store');
    expect(response.headers()['x-cache-status']).toBeUndefined();
  }
  await reader.dispose();
});

test('rate limits are shared: sign-in requests for one address count on both instances', async ({
  page,
}) => {
  const { instances } = clusterState();
  const bases = instances.map(({ port }) => `http://127.0.0.1:${port}`);
  const email = uniqueEmail('cluster-limit');
  const ask = async (base: string) => {
    await page.goto(`${base}/signin`);
    await page.getByLabel('E-mail address').fill(email);
    await page.getByRole('button', { name: 'E-mail me a sign-in link' }).click();
  };
  // Five requests (the limit per address and hour), alternating between the instances…
  for (let i = 0; i < 5; i++) {
    await ask(bases[i % 2]!);
    await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();
  }
  await expect.poll(async () => (await mailFor(email)).length).toBe(5);
  // …and the sixth is refused, whichever instance it reaches.
  await ask(bases[1]!);
  await expect(page.getByRole('main').getByRole('alert')).toContainText(
    'Too many sign-in requests',
  );
  expect(await mailFor(email)).toHaveLength(5);
});

test('nginx compresses the pages; the instances behind it send them as they are', async () => {
  const { instances } = clusterState();
  const reader = await readerClient();
  const asked = { 'accept-encoding': 'gzip' };
  // Through nginx: gzip for whoever asks for it, from the cache or not, for readers and members.
  for (let i = 0; i < 2; i++) {
    const page = await reader.fetch(`${APP_URL}${GUIDE}`, { headers: asked });
    expect(page.status()).toBe(200);
    expect(page.headers()['content-encoding']).toBe('gzip');
    expect(page.headers()['vary']).toMatch(/Accept-Encoding/);
    expect(await page.text()).toContain('Carte Vitale');
  }
  // An instance on its own (COMPRESSION_BY_PROXY=1): never gzip, its thread is spared (decision 0022).
  for (const { port } of instances) {
    const direct = await reader.fetch(`http://127.0.0.1:${port}/club`, { headers: asked });
    expect(direct.status()).toBe(200);
    expect(direct.headers()['content-encoding']).toBeUndefined();
    expect(await direct.text()).toContain('</html>');
  }
  await reader.dispose();
});

test("a reader's second visit to a guide is answered from the cache", async ({ page }) => {
  const first = await page.goto(GUIDE);
  expect(first?.status()).toBe(200);
  expect(first?.headers()['cache-control']).toMatch(/^public, .*s-maxage=\d+/);
  expect(first?.headers()['x-cache-status']).toMatch(/^(MISS|EXPIRED|HIT)$/);
  const second = await page.goto(GUIDE);
  expect(second?.headers()['x-cache-status']).toBe('HIT');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Carte Vitale');
  // What the reader gets from the cache is the teaser, not the tip.
  expect(phrasesIn(await page.content(), TIP)).toEqual([]);
});

test('a person signs in across instances, joins, and reads the tip from both instances', async ({
  page,
}) => {
  const { instances } = clusterState();
  const [first, second] = instances.map(({ port }) => `http://127.0.0.1:${port}`) as [
    string,
    string,
  ];
  memberEmail = uniqueEmail('cluster-member');

  // The link is requested from the first instance…
  await page.goto(`${first}/signin?callbackUrl=%2Fclub`);
  await page.getByLabel('E-mail address').fill(memberEmail);
  await page.getByRole('button', { name: 'E-mail me a sign-in link' }).click();
  await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();
  const mail = await waitForMail(memberEmail, { subject: /sign-in link/i });
  const link = new URL(linkIn(mail, '/signin/confirm'));
  expect(link.origin).toBe(APP_URL);

  // …and confirmed on the second one (the token is in the shared database, not in a process).
  await page.goto(`${second}${link.pathname}${link.search}`);
  await page.getByRole('button', { name: 'Sign in to Sojoourn' }).click();
  await page.goto('/account');
  await expect(page.getByText(memberEmail).first()).toBeVisible();

  // Joins through nginx; the stand-in's webhooks land on whichever instance nginx picks.
  await page.goto('/club/join');
  await page.getByRole('button', { name: 'Continue to secure payment' }).click();
  await payOnCheckout(page);
  await expect(page.getByRole('heading', { name: /welcome to the sojoourn club/i })).toBeVisible();

  // The member's guide comes from both instances, each time with the tip, never from the cache.
  const member = page.context().request;
  const upstreams = new Set<string>();
  for (let i = 0; i < 12 && upstreams.size < 2; i++) {
    const response = await member.get(GUIDE);
    expect(response.status()).toBe(200);
    const headers = response.headers();
    expect(headers['cache-control']).toMatch(/^private, .*no-store/);
    expect(headers['x-cache-status']).toBe('BYPASS');
    const body = await response.text();
    expect(phrasesIn(body, TIP).length, `tip from ${headers['x-upstream']}`).toBeGreaterThan(3);
    upstreams.add(headers['x-upstream'] ?? '');
  }
  expect([...upstreams].sort()).toEqual(instances.map(({ port }) => `127.0.0.1:${port}`).sort());
  await page.goto(GUIDE);
  await expect(page.getByText(TIP[0]!.text.slice(0, 40)).first()).toBeVisible();
});

/**
 * One request and, when it redirects, the address it points at (once): every body is checked,
 * redirects included. (An RSC request without Next's `_rsc` cache-busting value is redirected to
 * one with it; browsers always send it.)
 */
async function fetchOnce(client: APIRequestContext, path: string, headers: Record<string, string>) {
  const first = await client.get(path, { headers, maxRedirects: 0 });
  const location = first.headers()['location'];
  if (first.status() < 300 || first.status() >= 400 || !location) return [first];
  return [first, await client.get(location, { headers, maxRedirects: 0 })];
}

/** Every page of the sitemap (plus a few), as HTML and as RSC payloads, through nginx. */
async function crawl(
  client: APIRequestContext,
  rounds = 2,
): Promise<{ findings: string[]; hits: number }> {
  const sitemap = await (await client.get('/sitemap.xml')).text();
  const paths = new Set([
    ...[...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!.trim()).pathname),
    '/',
    '/guides',
    '/events',
    '/club',
    '/signin',
    '/contact',
  ]);
  expect(paths.size).toBeGreaterThan(5);
  const findings: string[] = [];
  let hits = 0;
  for (const path of paths) {
    // The page and its RSC payload (the single-server leak crawl covers every other variant).
    const variants: Record<string, string>[] = [{}, { RSC: '1' }];
    for (const headers of variants) {
      // Twice: the second answer is the one a cache would hand out.
      for (let round = 0; round < rounds; round++) {
        for (const response of await fetchOnce(client, path, headers)) {
          if (response.headers()['x-cache-status'] === 'HIT') hits++;
          for (const phrase of phrasesIn(await response.text(), GATED)) {
            findings.push(
              `${path} ${JSON.stringify(headers)}: "${phrase.text}" (${phrase.source})`,
            );
          }
        }
      }
    }
  }
  return { findings, hits };
}

test('after members browsed, readers and signed-in non-members find no members’ text through the cache', async ({
  browser,
}) => {
  test.slow();
  // Members browse every reader page first: if their pages were stored, the crawls would get them.
  const memberContext = await browser.newContext({ baseURL: APP_URL });
  const memberPage = await memberContext.newPage();
  await signIn(memberPage, memberEmail);
  const memberFindings = await crawl(memberContext.request, 1);
  expect(memberFindings.hits, 'a member is never answered from the cache').toBe(0);
  expect(memberFindings.findings.length, 'the member does see members’ text').toBeGreaterThan(0);
  await memberContext.close();

  const reader = await readerClient();
  const asReader = await crawl(reader);
  expect(asReader.findings, asReader.findings.join('\n')).toEqual([]);
  expect(asReader.hits, 'the reader crawl went through the cache').toBeGreaterThan(10);
  // RSC requests (and Next's redirects of them) never take the place of the page's HTML.
  const html = await reader.get(GUIDE, { maxRedirects: 0 });
  expect(html.status()).toBe(200);
  expect(html.headers()['content-type']).toContain('text/html');
  expect(html.headers()['x-cache-status']).toBe('HIT');
  await reader.dispose();

  const userContext = await browser.newContext({ baseURL: APP_URL });
  await signIn(await userContext.newPage(), uniqueEmail('cluster-nonmember'));
  const asUser = await crawl(userContext.request, 1);
  expect(asUser.findings, asUser.findings.join('\n')).toEqual([]);
  await userContext.close();
});

test('when an instance stops, every following request still answers', async ({ page }) => {
  const { instances } = clusterState();
  const stopped = instances[0]!;
  const survivor = instances[1]!;
  await signIn(page, memberEmail);
  process.kill(stopped.pid, 'SIGTERM');

  // The instance drains and exits well within its grace period.
  await expect
    .poll(
      () => {
        try {
          process.kill(stopped.pid, 0);
          return 'running';
        } catch {
          return 'exited';
        }
      },
      { timeout: 15_000 },
    )
    .toBe('exited');

  const reader = await readerClient();
  const member = page.context().request;
  for (let i = 0; i < 6; i++) {
    for (const [client, path] of [
      [reader, '/api/health'],
      [reader, GUIDE],
      [reader, '/guides'],
      [member, GUIDE],
      [member, '/account'],
    ] as const) {
      const response = await client.get(path, { maxRedirects: 0 });
      expect(response.status(), `${path} after the instance stopped`).toBe(200);
      if (client === member || path === '/api/health') {
        expect(response.headers()['x-upstream']).toContain(`127.0.0.1:${survivor.port}`);
      }
    }
  }
  expect(phrasesIn(await (await member.get(GUIDE)).text(), TIP).length).toBeGreaterThan(3);
  await reader.dispose();
});

test('after sign-in, a quote and an address change, no log holds a token, an address or a name', async ({
  page,
}) => {
  test.slow();
  const { logDir } = clusterState();
  const email = uniqueEmail('cluster-logs');
  const newEmail = uniqueEmail('cluster-logs-moved');
  const name = 'Ottoline Quarrendon';
  const tokens: string[] = [];
  const tokenOf = (link: string) => new URL(link).searchParams.get('token') ?? '';

  // Sign-in, every step through nginx: the form, /signin/check-email, the link with its token.
  const link = await requestSignInLink(page, email);
  tokens.push(tokenOf(link));
  await page.goto(link);
  await page.getByRole('button', { name: 'Sign in to Sojoourn' }).click();
  await expect(
    page.getByRole('banner').getByRole('link', { name: 'Your account', exact: true }),
  ).toBeAttached();

  // A free-quote request with a name (the staff e-mail's subject carries it).
  await speakFromOwnIp(page);
  await page.goto('/contact');
  await expect(page.locator('form[data-token-ready="true"]')).toHaveCount(1);
  await fillQuote(page, { name, email, message: 'Help with my Carte Vitale, please.' });
  await waitLikeAPerson(page);
  await sendQuote(page);
  await expect(page.getByRole('heading', { level: 1, name: /thank you/i })).toBeVisible();

  // The sign-in address changes: the confirmation link (a token) is opened through nginx.
  await page.goto('/account');
  const sign = page.locator('#sign-in-address');
  await sign.getByLabel('New e-mail address').fill(newEmail);
  await sign.getByRole('button', { name: 'Send a confirmation link' }).click();
  const confirm = linkIn(
    await waitForMail(newEmail, { subject: /Confirm your new Sojoourn sign-in address/ }),
    '/account/email/confirm',
  );
  tokens.push(tokenOf(confirm));
  await page.goto(confirm);
  await page.getByRole('button', { name: 'Confirm my new address' }).click();
  await expect(page.getByTestId('account-email')).toHaveText(newEmail);
  expect(tokens.every((token) => token.length >= 20)).toBe(true);

  const secrets = [
    ...tokens,
    ...[email, newEmail, memberEmail]
      .filter(Boolean)
      .flatMap((address) => [address, encodeURIComponent(address)]),
    name,
    'Quarrendon',
  ];
  const logs = () =>
    readdirSync(logDir).map((file) => ({
      file,
      text: readFileSync(path.join(logDir, file), 'utf8'),
    }));
  const accessLog = () => logs().find(({ file }) => file === 'sojoourn-access.log')?.text ?? '';
  // nginx writes its access log out every second: wait for the last request to be in it.
  await expect.poll(accessLog).toContain('/account/email/confirm');
  expect(logs().map(({ file }) => file)).toEqual(
    expect.arrayContaining([
      'sojoourn-access.log',
      'sojoourn-error.log',
      expect.stringMatching(/^app-\d+\.log$/),
    ]),
  );
  const leaks = logs().flatMap(({ file, text }) =>
    secrets
      .filter((secret) => text.toLowerCase().includes(secret.toLowerCase()))
      .map((secret) => `${file}: ${secret}`),
  );
  expect(leaks).toEqual([]);
  // What the access log says instead: the path, and the query's names with their values masked.
  expect(accessLog()).toMatch(/"path":"\/signin\/confirm","query":"[^"]*\btoken=\*/);
  expect(accessLog()).toContain('"path":"/account/email/confirm","query":"token=*"');
});
