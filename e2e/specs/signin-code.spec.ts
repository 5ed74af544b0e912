// Signing in with the 6-digit code of the sign-in e-mail (issue 24): in the browser that asked,
// without JavaScript, once; never in another browser; dead after 5 wrong tries, replaced by a new
// request, expired after 10 minutes; links that cannot work say why; and the account page's
// sensitive changes confirmed with a code on the same page.
import { createHash } from 'node:crypto';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { signIn } from '../../test/support/auth';
import { expectAccessible } from '../../test/support/axe';
import { linkIn, mailFor, waitForMail } from '../../test/support/mailbox';
import { queryAppDb, writeAppDb } from '../../test/support/app-db';
import { uniqueEmail } from '../../test/support/people';
import { APP_URL } from '../../test/support/ports';

const SIGNIN_MAIL = /sign-in link and code/i;
const NONCE_COOKIE = 'sojoourn.signin-code';

/** Asks for a sign-in e-mail from the sign-in page; returns the code and link of the new e-mail. */
async function ask(page: Page, email: string, callbackUrl = '/account') {
  const before = (await mailFor(email)).filter((mail) => SIGNIN_MAIL.test(mail.subject)).length;
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByRole('button', { name: 'E-mail me a sign-in link' }).click();
  await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();
  const mail = await waitForMail(email, { subject: SIGNIN_MAIL, count: before + 1 });
  // The plain-text part shows the code on its own line.
  const code = mail.text.split('\n').find((line) => /^\d{6}$/.test(line.trim()));
  expect(code, mail.text).toBeTruthy();
  return { code: code!.trim(), link: linkIn(mail, '/signin/confirm'), mail };
}

async function typeCode(page: Page, typed: string) {
  if (!page.url().includes('/signin/check-email')) await page.goto('/signin/check-email');
  await page.getByLabel('Sign-in code').fill(typed);
  await page.getByRole('button', { name: 'Sign in with this code' }).click();
}

async function expectCodeError(page: Page, title: string, typed: string) {
  await expect(page.getByTestId('code-error-title')).toHaveText(title);
  await expect(page.getByLabel('Sign-in code')).toHaveValue(typed);
  await expect(page.getByLabel('Sign-in code')).toHaveAttribute('aria-invalid', 'true');
}

const accountLink = (page: Page) =>
  page.getByRole('banner').getByRole('link', { name: 'Your account', exact: true });

/** The same browser (its cookies), with JavaScript off: the code form is a plain POST. */
async function withoutScript(context: BrowserContext): Promise<Page> {
  const browser = context.browser()!;
  const plain = await browser.newContext({
    baseURL: APP_URL,
    javaScriptEnabled: false,
    storageState: await context.storageState(),
  });
  return plain.newPage();
}

test('the code signs in the browser that asked, without JavaScript, once; another browser cannot use it', async ({
  page,
  browser,
}) => {
  const email = uniqueEmail('code');
  const { code, link, mail } = await ask(page, email);
  expect(mail.subject).toBe('Your sign-in link and code for Sojoourn');
  expect(mail.text).toContain('Or use the button below');
  await expect(page.getByLabel('Sign-in code')).toHaveAttribute('autocomplete', 'one-time-code');
  await expect(page.getByLabel('Sign-in code')).toHaveAttribute('inputmode', 'numeric');
  await expectAccessible(page, 'check your inbox');

  // A second browser that never asked: the right code does nothing there.
  const stranger = await browser.newContext({ baseURL: APP_URL });
  const other = await stranger.newPage();
  await typeCode(other, code);
  await expectCodeError(other, 'No code is waiting in this browser', code);
  await expectAccessible(other, 'check your inbox, code refused');
  await other.goto('/account');
  await expect(other).toHaveURL(/\/signin\?callbackUrl=%2Faccount$/);

  // The browser that asked, its script off, the code pasted with a space: signed in.
  const plain = await withoutScript(page.context());
  await typeCode(plain, ` ${code.slice(0, 3)} ${code.slice(3)} `);
  await expect(plain).toHaveURL(`${APP_URL}/account`);
  await expect(plain.getByTestId('account-email')).toHaveText(email);
  await expect(accountLink(plain)).toBeVisible();

  // A second use fails, and the e-mail's link was the same sign-in: it has been used.
  await typeCode(plain, code);
  await expectCodeError(plain, 'No code is waiting in this browser', code);
  await other.goto(link);
  await expect(
    other.getByRole('heading', { name: 'This sign-in link has already been used' }),
  ).toBeVisible();
  await stranger.close();
  await plain.context().close();
});

test('5 wrong codes kill it; asking again gives a new code and the old one fails', async ({
  page,
}) => {
  const email = uniqueEmail('code-wrong');
  const first = await ask(page, email);
  const wrong = (n: number) => String((Number(first.code) + n) % 1_000_000).padStart(6, '0');
  for (let i = 1; i <= 4; i++) {
    await typeCode(page, wrong(i));
    await expectCodeError(page, 'That code is not right', wrong(i));
    await expect(page.getByRole('main').getByRole('alert')).toContainText(`${5 - i} tr`);
  }
  await typeCode(page, wrong(5));
  await expectCodeError(page, 'This code no longer works', wrong(5));
  await expect(page.getByRole('main').getByRole('alert')).toContainText('Ask for a new code');
  await typeCode(page, first.code);
  await expectCodeError(page, 'This code no longer works', first.code);

  const second = await ask(page, email);
  if (second.code !== first.code) {
    await typeCode(page, first.code);
    await expectCodeError(page, 'That code is not right', first.code);
  }
  await typeCode(page, second.code);
  await expect(page).toHaveURL(`${APP_URL}/account`);
  await expect(page.getByTestId('account-email')).toHaveText(email);
});

test('a code older than 10 minutes fails', async ({ page }) => {
  const email = uniqueEmail('code-old');
  const { code } = await ask(page, email);
  // The clock moves on 10 minutes for this code (no test waits): found by this browser's nonce.
  const nonce = (await page.context().cookies()).find((c) => c.name === NONCE_COOKIE)?.value;
  expect(nonce).toBeTruthy();
  const nonceHash = createHash('sha256').update(decodeURIComponent(nonce!)).digest('hex');
  writeAppDb((db) => {
    const moved = db
      .prepare('UPDATE signin_code SET created_at = ?, expires_at = ? WHERE nonce_hash = ?')
      .run(
        new Date(Date.now() - 10 * 60_000 - 1000).toISOString(),
        new Date(Date.now() - 1000).toISOString(),
        nonceHash,
      );
    expect(moved.changes).toBe(1);
  });
  await typeCode(page, code);
  await expectCodeError(page, 'This code has expired', code);
  await page.goto('/account');
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Faccount$/);
});

test('a link that cannot work says whether it was used, has expired or is not valid', async ({
  page,
}) => {
  const email = uniqueEmail('link-states');
  const { link } = await ask(page, email);
  const url = new URL(link);
  const token = url.searchParams.get('token')!;
  const callback = (t: string) =>
    `/api/auth/callback/email?${new URLSearchParams({ token: t, email, callbackUrl: '/account' })}`;

  // Truncated (as a mail app can break it) or made up: not valid, never "already used".
  const truncated = new URL(link);
  truncated.searchParams.set('token', token.slice(0, 20));
  await page.goto(truncated.toString());
  await expect(page.getByRole('heading', { name: 'This sign-in link is not valid' })).toBeVisible();
  await page.goto(callback('0'.repeat(64)));
  await expect(page).toHaveURL(/\/signin\/error\?error=LinkInvalid/);
  await expect(page.getByRole('heading', { name: 'This sign-in link is not valid' })).toBeVisible();

  // Expired: its time is up (moved, not waited for).
  writeAppDb((db) =>
    db
      .prepare('UPDATE "VerificationToken" SET expires = ? WHERE identifier = ?')
      .run(new Date(Date.now() - 60_000).toISOString(), email),
  );
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'This sign-in link has expired' })).toBeVisible();
  await page.goto(callback(token));
  await expect(page.getByRole('heading', { name: 'This sign-in link has expired' })).toBeVisible();

  // Used: a fresh link, used, then opened again and pushed at the callback.
  const fresh = await ask(page, email);
  await page.goto(fresh.link);
  await page.getByRole('button', { name: 'Sign in to Sojoourn' }).click();
  await expect(page.getByTestId('account-email')).toHaveText(email);
  const freshToken = new URL(fresh.link).searchParams.get('token')!;
  await page.goto(fresh.link);
  await expect(
    page.getByRole('heading', { name: 'This sign-in link has already been used' }),
  ).toBeVisible();
  await page.goto(callback(freshToken));
  await expect(
    page.getByRole('heading', { name: 'This sign-in link has already been used' }),
  ).toBeVisible();
});

test('a sensitive change is confirmed with a code on the same page', async ({ page }) => {
  const email = uniqueEmail('code-reauth');
  await signIn(page, email, '/account');
  const userId = queryAppDb<{ id: string }>('SELECT id FROM "User" WHERE email = ?', email)[0]!.id;
  // Every session looks signed into 11 minutes ago (no test waits 10 minutes).
  writeAppDb((db) =>
    db
      .prepare('UPDATE "Session" SET "signedInAt" = ? WHERE "userId" = ?')
      .run(new Date(Date.now() - 11 * 60_000).toISOString(), userId),
  );
  await page.goto('/account');
  const sign = page.locator('#sign-in-address');
  await expect(sign.getByTestId('recent-sign-in-needed')).toContainText(
    'Confirm it is you with a code',
  );
  const newEmail = uniqueEmail('code-reauth-new');
  await sign.getByLabel('New e-mail address').fill(newEmail);

  const before = (await mailFor(email)).filter((mail) => SIGNIN_MAIL.test(mail.subject)).length;
  await sign.getByRole('button', { name: 'Send me a code to confirm' }).click();
  await expect(sign.getByRole('status')).toContainText(
    `We sent a sign-in code and link to ${email}`,
  );
  const mail = await waitForMail(email, { subject: SIGNIN_MAIL, count: before + 1 });
  const code = mail.text.split('\n').find((line) => /^\d{6}$/.test(line.trim()))!;
  await sign.getByLabel('Sign-in code').fill(code);
  await sign.getByRole('button', { name: 'Sign in with this code' }).click();

  await expect(page).toHaveURL(`${APP_URL}/account#sign-in-address`);
  await expect(sign.getByTestId('recent-sign-in-needed')).toHaveCount(0);
  await expect(sign.getByLabel('New e-mail address')).toHaveValue(newEmail);
  await sign.getByRole('button', { name: 'Send a confirmation link' }).click();
  await expect(sign.getByRole('status')).toContainText(newEmail);
  await waitForMail(newEmail, { subject: /Confirm your new Sojoourn sign-in address/ });
});
