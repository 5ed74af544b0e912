// A member's guide is the members' edition, kept once rendered (lib/content/editions.ts): every
// member gets the same page, which names nobody, and nobody else ever gets it, whoever came first.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { signIn } from '../../test/support/auth';
import { becomeMember } from '../../test/support/membership';
import { uniqueEmail } from '../../test/support/people';
import { APP_URL } from '../../test/support/ports';

const GUIDE = '/guides/carte-vitale';
const TIP_SENTENCE =
  'Play it safe and allow at least 20 days between your request and your departure.';
const PRIVATE = 'private, no-cache, no-store, max-age=0, must-revalidate';

async function personIn(browser: Browser) {
  const context = await browser.newContext({ baseURL: APP_URL });
  return { context, page: await context.newPage() };
}

/** The guide's document as this person's browser gets it (their cookies), and its headers. */
async function guideDocument(page: Page) {
  const response = await page.request.get(GUIDE);
  expect(response.status()).toBe(200);
  return { html: await response.text(), headers: response.headers() };
}

test('members share one edition naming nobody; a non-member after them gets the gate', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const anna = { email: uniqueEmail('edition-anna'), ...(await personIn(browser)) };
  const bruno = { email: uniqueEmail('edition-bruno'), ...(await personIn(browser)) };
  const carla = { email: uniqueEmail('edition-carla'), ...(await personIn(browser)) };
  await becomeMember(anna.page, anna.email);
  await becomeMember(bruno.page, bruno.email);
  await signIn(carla.page, carla.email, '/guides');

  await anna.page.goto(GUIDE);
  await expect(anna.page.locator('#ehic-bonus-tip').getByText(TIP_SENTENCE)).toBeVisible();
  await expect(
    anna.page.getByRole('banner').getByRole('link', { name: 'Your account', exact: true }),
  ).toBeVisible();

  const forAnna = await guideDocument(anna.page);
  const forBruno = await guideDocument(bruno.page);
  for (const { html, headers } of [forAnna, forBruno]) {
    expect(html).toContain(TIP_SENTENCE);
    expect(html).toContain('data-audience="member"');
    expect(html).not.toContain(anna.email);
    expect(html).not.toContain(bruno.email);
    expect(headers['cache-control']).toBe(PRIVATE);
    expect(headers['set-cookie']).toBeUndefined();
    expect(headers['content-security-policy']).toContain("default-src 'self'");
  }
  // The same edition, byte for byte, kept from the first render: nothing of Anna's reached Bruno.
  expect(forBruno.headers['x-sojoourn-edition']).toBe('kept');
  expect(forBruno.html).toBe(forAnna.html);

  // Carla, signed in without a membership, after both: the gate, and not a word of the tip.
  await carla.page.goto(GUIDE);
  await expect(
    carla.page.locator('#ehic-bonus-tip').getByRole('link', { name: /join/i }).first(),
  ).toBeVisible();
  const forCarla = await guideDocument(carla.page);
  expect(forCarla.html).not.toContain(TIP_SENTENCE);
  expect(forCarla.html).toContain('data-audience="user"');
  expect(forCarla.headers['cache-control']).toBe(PRIVATE);
  expect(forCarla.headers['x-sojoourn-edition']).toBeUndefined();

  // The editions route asked directly: a reader gets the reader's page, Carla her own.
  const direct = await carla.context.request.get('/api/editions/guides/carte-vitale');
  expect(await direct.text()).not.toContain(TIP_SENTENCE);
  const anonymous = await browser.newContext({ baseURL: APP_URL });
  const asReader = await anonymous.request.get('/api/editions/guides/carte-vitale');
  expect(asReader.status()).toBe(200);
  expect(await asReader.text()).not.toContain(TIP_SENTENCE);
  // A reader forging the page-render header still gets the reader copy.
  const forged = await anonymous.request.get(GUIDE, { headers: { 'x-sojoourn-page-render': '1' } });
  expect(await forged.text()).not.toContain(TIP_SENTENCE);
  await anonymous.close();

  // A member arriving by the client router (an RSC payload, not the edition) reads the tip too.
  await bruno.page.goto('/guides');
  await bruno.page.locator(`main a[href="${GUIDE}"]`).first().click();
  await expect(bruno.page).toHaveURL(`${APP_URL}${GUIDE}`);
  await expect(bruno.page.locator('#ehic-bonus-tip').getByText(TIP_SENTENCE)).toBeVisible();

  for (const person of [anna, bruno, carla]) await person.context.close();
});

test('a member’s query string, name and tracking id never reach another member', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  // A guide no other test of this file opens: Alice's request is the first after start.
  const guide = '/guides/carte-vitale-app';
  const alice = { email: uniqueEmail('edition-query-a'), ...(await personIn(browser)) };
  const bruno = { email: uniqueEmail('edition-query-b'), ...(await personIn(browser)) };
  await becomeMember(alice.page, alice.email);
  await becomeMember(bruno.page, bruno.email);

  // Alice comes from a newsletter link that names her and carries her tracking id.
  const forAlice = await alice.page.request.get(`${guide}?mc_eid=ALICE7f3a&utm_term=Alice+Martin`);
  expect(forAlice.status()).toBe(200);
  const aliceHtml = await forAlice.text();
  expect(aliceHtml).toContain('data-audience="member"');
  expect(aliceHtml).not.toContain('id="members-guide"');

  const forBruno = await bruno.page.request.get(guide);
  expect(forBruno.status()).toBe(200);
  expect(forBruno.headers()['x-sojoourn-edition']).toBe('kept');
  const brunoHtml = await forBruno.text();
  expect(brunoHtml).toContain('data-audience="member"');
  expect(brunoHtml).not.toContain('id="members-guide"');
  for (const personal of ['ALICE7f3a', 'Alice', 'mc_eid', 'utm_term', alice.email, bruno.email])
    expect(brunoHtml, personal).not.toContain(personal);

  // The page the edition is rendered by answers nobody from outside, with a key or without.
  const anonymous = await browser.newContext({ baseURL: APP_URL });
  for (const context of [anonymous, bruno.context]) {
    const direct = await context.request.get('/members-edition/guides/carte-vitale-app');
    expect(direct.status()).toBe(404);
    const forged = await context.request.get(guide, {
      headers: { 'x-sojoourn-edition-key': 'a'.repeat(43) },
    });
    expect(forged.status()).toBe(404);
    expect(await forged.text()).not.toContain('data-audience="member"');
  }
  await anonymous.close();

  // The edition works as a page: Bruno reads it and moves on with the client router.
  await bruno.page.goto(guide);
  await expect(bruno.page.locator('main[data-audience="member"] article.prose')).toBeVisible();
  await bruno.page
    .getByRole('navigation', { name: 'Breadcrumb' })
    .getByRole('link', { name: 'Guides' })
    .click();
  await expect(bruno.page).toHaveURL(`${APP_URL}/guides`);
  await expect(bruno.page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(
    bruno.page.getByRole('banner').getByRole('link', { name: 'Your account', exact: true }),
  ).toBeVisible();

  for (const person of [alice, bruno]) await person.context.close();
});
