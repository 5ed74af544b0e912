// Signing in with a magic link read from the real e-mail, and everything around it: coming back to
// the page you were on, signing out, used links, mail scanners, open redirects, the rate limit,
// typos and bad addresses, and signed-in areas.
import { randomBytes } from 'node:crypto';
import { expect, request as playwrightRequest, test, type Page } from '@playwright/test';
import { requestSignInLink, signIn } from '../../test/support/auth';
import { linkIn, mailFor, waitForMail } from '../../test/support/mailbox';
import { uniqueEmail } from '../../test/support/people';
import { APP_URL, SIDE_PORTS } from '../../test/support/ports';
import { startSideServer } from '../../test/support/side-server';

async function finishSignIn(page: Page, link: string) {
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Finish signing in' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign in to Sojoourn' }).click();
}

/** The header's account link, there when signed in (it names no address: the account page does). */
function headerAccount(page: Page) {
  return page.getByRole('banner').getByRole('link', { name: 'Your account', exact: true });
}

test('sign in from a guide with the e-mailed link, land back on it, and sign out', async ({
  page,
  browser,
}) => {
  const email = uniqueEmail('signin');
  await page.goto('/guides/carte-vitale');
  await page.getByRole('banner').getByRole('link', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(
    `${APP_URL}/signin?callbackUrl=${encodeURIComponent('/guides/carte-vitale')}`,
  );

  await page.getByLabel('E-mail address').fill(email);
  await page.getByRole('button', { name: 'E-mail me a sign-in link' }).click();
  await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText(email);

  const mail = await waitForMail(email, { subject: /sign-in link/i });
  expect(mail.html).toContain('Sign in to Sojoourn');
  const link = linkIn(mail, '/signin/confirm');
  expect(new URL(link).origin).toBe(APP_URL);

  await finishSignIn(page, link);
  await expect(page).toHaveURL(`${APP_URL}/guides/carte-vitale`);
  await expect(headerAccount(page)).toBeVisible();
  await expect(
    page.getByRole('banner').getByRole('link', { name: 'Sign in', exact: true }),
  ).toHaveCount(0);

  await page.goto('/account');
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  await expect(page.getByTestId('account-email')).toHaveText(email);

  // Session cookie: HttpOnly and SameSite=Lax.
  const cookies = await page.context().cookies();
  const session = cookies.find((cookie) => cookie.name.endsWith('next-auth.session-token'));
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe('Lax');

  await page.goto('/signout');
  await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(`${APP_URL}/`);
  await expect(
    page.getByRole('banner').getByRole('link', { name: 'Sign in', exact: true }),
  ).toBeVisible();
  await expect(headerAccount(page)).toHaveCount(0);
  await page.goto('/account');
  await expect(page).toHaveURL(`${APP_URL}/signin?callbackUrl=%2Faccount`);

  // The old session is gone from the database: its cookie, replayed, no longer signs anyone in.
  const replay = await browser.newContext({ baseURL: APP_URL });
  await replay.addCookies([session!]);
  const stale = await replay.request.get('/account', { maxRedirects: 0 });
  expect(stale.status()).toBeGreaterThanOrEqual(300);
  expect(stale.status()).toBeLessThan(400);
  expect(stale.headers().location).toContain('/signin');
  await replay.close();
});

test('the same link used twice is refused with a clear message', async ({ page, browser }) => {
  const email = uniqueEmail('twice');
  const link = await requestSignInLink(page, email, '/account');
  await finishSignIn(page, link);
  await expect(page.getByTestId('account-email')).toHaveText(email);

  // Someone opens the same link again (another browser): it has been used.
  const other = await browser.newContext({ baseURL: APP_URL });
  const second = await other.newPage();
  await second.goto(link);
  await expect(
    second.getByRole('heading', { name: 'This sign-in link has already been used' }),
  ).toBeVisible();
  await expect(second.getByRole('main').getByRole('alert')).toContainText(
    'Each sign-in link works only once',
  );
  await expect(second.getByRole('button', { name: 'Sign in to Sojoourn' })).toHaveCount(0);
  // Even pushing the used token straight at the callback does not sign in.
  const url = new URL(link);
  await second.goto(
    `/api/auth/callback/email?${new URLSearchParams({
      token: url.searchParams.get('token') ?? '',
      email: url.searchParams.get('email') ?? '',
      callbackUrl: '/account',
    })}`,
  );
  await expect(
    second.getByRole('heading', { name: 'This sign-in link has already been used' }),
  ).toBeVisible();
  await second.goto('/account');
  await expect(second).toHaveURL(/\/signin\?callbackUrl=%2Faccount$/);
  await other.close();
});

test('a mail scanner opening the link does not use it up', async ({ page, playwright }) => {
  const email = uniqueEmail('scanner');
  const link = await requestSignInLink(page, email, '/guides/carte-vitale');

  // The scanner fetches the link, as Safe Links does, without pressing any button.
  const scanner = await playwright.request.newContext();
  for (let i = 0; i < 2; i++) {
    const response = await scanner.get(link);
    expect(response.status()).toBe(200);
    expect(await response.text()).toContain('Finish signing in');
  }
  await scanner.dispose();

  await finishSignIn(page, link);
  await expect(page).toHaveURL(`${APP_URL}/guides/carte-vitale`);
  await expect(headerAccount(page)).toBeVisible();
});

test('callbackUrl to another site ends on this site', async ({ page }) => {
  const email = uniqueEmail('evil');
  const link = await requestSignInLink(page, email, 'https://evil.example/');
  expect(link).not.toContain('evil.example');
  await finishSignIn(page, link);
  await expect(headerAccount(page)).toBeVisible();
  expect(new URL(page.url()).origin).toBe(APP_URL);

  // Straight at next-auth's sign-in endpoint too: the e-mailed link never leads away.
  const csrf = (await (await page.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const response = await page.request.post('/api/auth/signin/email', {
    form: { email, callbackUrl: 'https://evil.example/', csrfToken: csrf.csrfToken, json: 'true' },
  });
  expect(response.status()).toBe(200);
  const again = linkIn(
    await waitForMail(email, { subject: /sign-in link/i, count: 2 }),
    '/signin/confirm',
  );
  expect(again).not.toContain('evil.example');
  await finishSignIn(page, again);
  expect(new URL(page.url()).origin).toBe(APP_URL);
});

test('the sixth request for one address in an hour is refused and the form keeps it', async ({
  page,
}) => {
  const email = uniqueEmail('limit');
  for (let i = 1; i <= 5; i++) {
    await page.goto('/signin');
    await page.getByLabel('E-mail address').fill(email);
    await page.getByRole('button', { name: 'E-mail me a sign-in link' }).click();
    await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();
  }
  await expect.poll(async () => (await mailFor(email)).length).toBe(5);

  await page.goto('/signin');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByRole('button', { name: 'E-mail me a sign-in link' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toContainText(
    'Too many sign-in requests',
  );
  await expect(page.getByLabel('E-mail address')).toHaveValue(email);
  await expect(page).toHaveURL(/\/signin/);
  // Another address is not affected: its link arrives…
  const other = uniqueEmail('limit-other');
  await page.getByLabel('E-mail address').fill(other);
  await page.getByRole('button', { name: 'E-mail me a sign-in link' }).click();
  await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();
  await waitForMail(other, { subject: /sign-in link/i });
  // …and by then nothing more was sent to the limited one (a marker, not a sleep).
  expect(await mailFor(email)).toHaveLength(5);
});

test('a mistyped domain gets a suggestion', async ({ page }) => {
  const local = `name-${Date.now().toString(36)}`;
  await page.goto('/signin');
  await page.getByLabel('E-mail address').fill(`${local}@gmial.com`);
  await expect(page.getByText(`Did you mean ${local}@gmail.com?`)).toBeVisible();
  await page.getByRole('button', { name: `${local}@gmail.com` }).click();
  await expect(page.getByLabel('E-mail address')).toHaveValue(`${local}@gmail.com`);
  await expect(page.getByText(/Did you mean/)).toHaveCount(0);
});

test('an invalid address shows an error next to the field and sends nothing', async ({ page }) => {
  const typed = `not-an-address-${Date.now().toString(36)}`;
  await page.goto('/signin');
  const field = page.getByLabel('E-mail address');
  await field.fill(typed);
  await page.getByRole('button', { name: 'E-mail me a sign-in link' }).click();
  await expect(page.locator('#email-error')).toContainText('Check your e-mail address');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAttribute('aria-describedby', 'email-error');
  await expect(field).toHaveValue(typed);
  await expect(page.getByRole('heading', { name: 'Check your inbox' })).toHaveCount(0);

  // The server refuses it too, whatever the browser lets through.
  const csrf = (await (await page.request.get('/api/auth/csrf')).json()).csrfToken as string;
  const response = await page.request.post('/api/auth/signin/email', {
    form: { email: typed, csrfToken: csrf, json: 'true' },
  });
  expect(response.status()).toBe(400);
  expect(((await response.json()) as { url: string }).url).toContain('error=InvalidEmail');
});

test('without its script the form still sends the link and code, and a refusal keeps the address', async ({
  browser,
}) => {
  // JavaScript off, as for anyone who presses the button before the page's script has run.
  const context = await browser.newContext({ baseURL: APP_URL, javaScriptEnabled: false });
  const page = await context.newPage();
  const guide = '/guides/carte-vitale';
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(guide)}`);
  const typed = `not-an-address-${Date.now().toString(36)}`;
  await page.getByLabel('E-mail address').fill(typed);
  await page.getByRole('button', { name: 'E-mail me a sign-in link' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toContainText(
    'Check your e-mail address',
  );
  await expect(page.getByLabel('E-mail address')).toHaveValue(typed);

  const email = uniqueEmail('signin-plain');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByRole('button', { name: 'E-mail me a sign-in link' }).click();
  await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText(email);
  const mail = await waitForMail(email, { subject: /sign-in link/i });
  const code = mail.text
    .split('\n')
    .map((line) => line.trim())
    .find((line) => /^\d{6}$/.test(line));
  expect(code, mail.text).toBeTruthy();
  // The code works here: the plain post gave this browser the cookie that binds the code to it.
  await page.getByLabel('Sign-in code').fill(code!);
  await page.getByRole('button', { name: 'Sign in with this code' }).click();
  await expect(page).toHaveURL(`${APP_URL}${guide}`);
  await expect(headerAccount(page)).toBeVisible();

  // Another site's page cannot make a browser ask for links.
  const other = uniqueEmail('signin-cross-site');
  const crossSite = await page.request.post('/signin/request', {
    headers: { 'sec-fetch-site': 'cross-site' },
    form: { email: other, callbackUrl: '/' },
    maxRedirects: 0,
  });
  expect(crossSite.status()).toBe(403);
  // Links are sent before the answer: a refusal answered means nothing was sent.
  expect(await mailFor(other)).toEqual([]);
  await context.close();
});

test('the account page sends a signed-out visitor to sign in and back', async ({ page }) => {
  const email = uniqueEmail('account');
  await page.goto('/account');
  await expect(page).toHaveURL(`${APP_URL}/signin?callbackUrl=%2Faccount`);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByRole('button', { name: 'E-mail me a sign-in link' }).click();
  await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();
  const link = linkIn(await waitForMail(email, { subject: /sign-in link/i }), '/signin/confirm');
  await finishSignIn(page, link);
  await expect(page).toHaveURL(`${APP_URL}/account`);
  await expect(page.getByTestId('account-email')).toHaveText(email);
});

test('the signIn helper signs a person in', async ({ page }) => {
  const email = uniqueEmail('helper');
  await signIn(page, email, '/guides');
  await expect(page).toHaveURL(`${APP_URL}/guides`);
  await expect(headerAccount(page)).toBeVisible();
});

test.describe('the per-client limit at its real value', () => {
  // The specs' server raises SIGNIN_LIMIT_PER_IP: every spec signs in from 127.0.0.1. This starts a
  // second production server of the same build with the default (20 links an hour per client),
  // on its own port and database; its e-mails go to the same capture.
  test('one client gets 20 links an hour over all addresses, the 21st is refused, another client is not', async () => {
    test.setTimeout(120_000);
    const server = startSideServer('signin-limit', SIDE_PORTS.signinLimit, {
      SIGNIN_LIMIT_PER_IP: undefined,
    });
    const api = await playwrightRequest.newContext({ baseURL: server.url });
    try {
      await server.ready();
      const csrfToken = ((await (await api.get('/api/auth/csrf')).json()) as { csrfToken: string })
        .csrfToken;
      // Each test its own client (the server trusts one proxy: the last X-Forwarded-For entry).
      const client = () => `198.18.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
      const ask = (email: string, from: string) =>
        api.post('/api/auth/signin/email', {
          form: { email, csrfToken, json: 'true' },
          headers: { 'x-forwarded-for': from },
        });

      const busy = client();
      const addresses = Array.from({ length: 21 }, (_, i) => uniqueEmail(`per-client-${i}`));
      const statuses = [];
      for (const email of addresses) statuses.push((await ask(email, busy)).status());
      expect(statuses).toEqual([...Array<number>(20).fill(200), 429]);
      for (const email of addresses.slice(0, 20)) {
        await waitForMail(email, { subject: /sign-in link/i });
      }

      // Another client asks for the refused address: it gets its link, and only that one.
      const refused = addresses[20]!;
      let other = client();
      while (other === busy) other = client();
      expect((await ask(refused, other)).status()).toBe(200);
      await waitForMail(refused, { subject: /sign-in link/i });
      expect(await mailFor(refused)).toHaveLength(1);
    } finally {
      await api.dispose();
      server.stop();
    }
  });
});
