// A member's own account, end to end: the welcome e-mail (once), downloading their data, changing
// their sign-in address through a link sent to the new one (after a recent sign-in; the old
// address can undo it), and deleting the account — the Stripe subscription cancelled at once, the
// data gone under every address they used, every device signed out.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from '../../test/support/axe';
import { queryAppDb, writeAppDb } from '../../test/support/app-db';
import { requestSignInLink, signIn } from '../../test/support/auth';
import {
  expectThanks,
  fillQuote,
  sendQuote,
  speakFromOwnIp,
  waitLikeAPerson,
} from '../../test/support/contact-form';
import { linkIn, mailFor, waitForMail } from '../../test/support/mailbox';
import { becomeMember } from '../../test/support/membership';
import { uniqueEmail } from '../../test/support/people';
import { APP_URL, STAFF_SIGNIN } from '../../test/support/ports';
import { standin } from '../../test/support/standin';

function userIdOf(email: string): string | undefined {
  return queryAppDb<{ id: string }>('SELECT id FROM "User" WHERE email = ?', email)[0]?.id;
}

const count = (sql: string, ...params: unknown[]) =>
  queryAppDb<{ n: number }>(`SELECT count(*) AS n FROM ${sql}`, ...params)[0]!.n;

/** Makes every session of the user look signed into 11 minutes ago (no test waits 10 minutes). */
function ageSignIns(userId: string) {
  const longAgo = new Date(Date.now() - 11 * 60_000).toISOString();
  writeAppDb((db) =>
    db.prepare('UPDATE "Session" SET "signedInAt" = ? WHERE "userId" = ?').run(longAgo, userId),
  );
}

/** A free-quote request sent from /contact under `email`; returns its id. */
async function sendQuoteAs(page: Page, email: string, message: string): Promise<string> {
  await speakFromOwnIp(page);
  await page.goto('/contact');
  await fillQuote(page, { name: 'Quinn Account', email, message });
  await waitLikeAPerson(page);
  await sendQuote(page);
  await expectThanks(page);
  await page.setExtraHTTPHeaders({});
  const [row] = queryAppDb<{ id: string }>(
    'SELECT id FROM contact_request WHERE message = ?',
    message,
  );
  expect(row, 'the quote request is stored').toBeTruthy();
  return row!.id;
}

test.describe('your account', () => {
  test.describe.configure({ timeout: 300_000 });

  test('a new member is welcomed once, downloads their data, moves to a new address and deletes the account', async ({
    page,
    browser,
    request,
  }) => {
    const email = uniqueEmail('account-member');
    await becomeMember(page, email);

    // The welcome e-mail: what members now have, with links — once, whatever the webhooks replay.
    const welcome = await waitForMail(email, { subject: /Welcome to the Sojoourn Club/ });
    for (const path of ['/guides', '/assistance', '/events', '/club/offers', '/account']) {
      expect(welcome.text).toContain(`${APP_URL}${path}`);
    }
    await standin.flush();
    const [subscription] = queryAppDb<{ subscription_id: string }>(
      'SELECT subscription_id FROM membership WHERE user_id = ?',
      userIdOf(email),
    );
    const created = (await standin.events()).filter(
      (event) => event.object_id === subscription?.subscription_id,
    );
    expect(created.length).toBeGreaterThan(0);
    await standin.resendEvent(created[0]!.id);
    await standin.flush();
    expect(
      (await mailFor(email)).filter((mail) => /Welcome to the Sojoourn Club/.test(mail.subject)),
    ).toHaveLength(1);

    // Something of theirs to find in the export: an assistance request.
    await page.goto('/assistance');
    await page.getByLabel('Topic').selectOption({ label: 'Banking' });
    const description = `Which bank opens an account without a French address? ${email}`;
    await page.getByLabel('Your situation').fill(description);
    await page.getByRole('button', { name: 'Send my request' }).click();
    await expect(
      page.getByRole('heading', { name: 'Thank you, your request has been sent' }),
    ).toBeVisible();

    // Download the data.
    await page.goto('/account');
    await expectAccessible(page, '/account for a member');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download my data' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^sojoourn-data-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(data.profile.email).toBe(email);
    expect(data.membership.status).toBe('active');
    expect(data.assistanceRequests.map((r: { description: string }) => r.description)).toEqual([
      description,
    ]);
    expect(data.quoteRequests).toEqual([]);
    expect(data.eventRegistrations).toEqual([]);
    // Nobody else can fetch it: a reader gets no file.
    const anonymous = await request.get('/account/export', { maxRedirects: 0 });
    expect(anonymous.status()).toBe(307);
    expect(await anonymous.text()).not.toContain(email);

    // Another device, signed in too: it is signed out by the deletion below.
    const otherDevice = await browser.newContext({ baseURL: APP_URL });
    const phone = await otherDevice.newPage();
    await signIn(phone, email);

    // A free-quote request under the current address: deleting the account later, after the
    // address changed, erases it too.
    const oldQuoteId = await sendQuoteAs(page, email, `Quote before moving ${email}`);
    await page.goto('/account');

    // Change the sign-in address (the sign-in above is recent: no new link is asked for): bad
    // input keeps what was typed; then a link to the new address.
    const sign = page.locator('#sign-in-address');
    await expect(sign.getByTestId('recent-sign-in-needed')).toHaveCount(0);
    await sign.getByLabel('New e-mail address').fill('not-an-address');
    await sign.getByRole('button', { name: 'Send a confirmation link' }).click();
    await expect(page.locator('#email-error')).toBeVisible();
    await expect(sign.getByLabel('New e-mail address')).toHaveValue('not-an-address');
    const newEmail = uniqueEmail('account-moved');
    await sign.getByLabel('New e-mail address').fill(newEmail);
    await sign.getByRole('button', { name: 'Send a confirmation link' }).click();
    await expect(sign.getByRole('status')).toContainText(newEmail);
    await expect(page.getByTestId('account-email')).toHaveText(email);
    const confirm = await waitForMail(newEmail, {
      subject: /Confirm your new Sojoourn sign-in address/,
    });
    await page.goto(linkIn(confirm, '/account/email/confirm'));
    await page.getByRole('button', { name: 'Confirm my new address' }).click();
    await expect(page).toHaveURL(/\/account\?notice=email-changed/);
    await expect(page.getByTestId('account-email')).toHaveText(newEmail);
    const notice = await waitForMail(email, { subject: /sign-in address was changed/ });
    expect(linkIn(notice, '/account-restore?token=')).toBeTruthy();
    expect(userIdOf(email)).toBeUndefined();
    const userId = userIdOf(newEmail)!;
    expect(userId).toBeTruthy();
    // The other device was signed out by the change; this one stays signed in.
    await phone.goto('/account');
    await expect(phone).toHaveURL(/\/signin/);
    await signIn(phone, newEmail);
    const newQuoteId = await sendQuoteAs(page, newEmail, `Quote after moving ${newEmail}`);
    await page.goto('/account');

    // Delete: said plainly first; a wrong confirmation deletes nothing and keeps what was typed.
    const danger = page.locator('#delete-account');
    await expect(danger.getByTestId('delete-cancels-subscription')).toContainText(
      'cancelled at once',
    );
    await danger.getByLabel('Type DELETE to confirm').fill('delete');
    await danger.getByRole('button', { name: 'Delete my account' }).click();
    await expect(page.locator('#confirmation-error')).toContainText('capital letters');
    await expect(danger.getByLabel('Type DELETE to confirm')).toHaveValue('delete');
    expect(userIdOf(newEmail)).toBe(userId);
    await expectAccessible(page, '/account with a deletion error');

    await danger.getByLabel('Type DELETE to confirm').fill('DELETE');
    await danger.getByRole('button', { name: 'Delete my account' }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: 'Your account is deleted' }),
    ).toBeVisible();
    await waitForMail(newEmail, { subject: /Your Sojoourn account is deleted/ });

    // Stripe: the subscription was cancelled there, at once.
    await standin.flush();
    const deleted = (await standin.events()).filter(
      (event) =>
        event.type === 'customer.subscription.deleted' &&
        event.object_id === subscription?.subscription_id,
    );
    expect(deleted).toHaveLength(1);

    // The data: gone, from every table that holds personal data (lib/db/schema.ts), under the
    // current address and the earlier one. (rate_limit holds keyed hashes only; referral_click
    // and stripe_event hold nothing about a person.)
    for (const [table, column] of [
      ['"User"', 'id'],
      ['"Session"', '"userId"'],
      ['"Account"', '"userId"'],
      ['membership', 'user_id'],
      ['membership_welcome', 'user_id'],
      ['stripe_customer', 'user_id'],
      ['assistance_request', 'user_id'],
      ['event_registration', 'user_id'],
      ['email_change_token', 'user_id'],
      ['email_change_undo', 'user_id'],
      ['former_email', 'user_id'],
    ] as const) {
      expect(count(`${table} WHERE ${column} = ?`, userId), table).toBe(0);
    }
    for (const address of [email, newEmail]) {
      expect(count('contact_request WHERE lower(email) = ?', address), address).toBe(0);
      expect(count('"VerificationToken" WHERE identifier = ?', address), address).toBe(0);
      expect(count('mail_outbox WHERE recipients LIKE ?', `%${address}%`), address).toBe(0);
      expect(count('mail_outbox WHERE text_body LIKE ?', `%${address}%`), address).toBe(0);
    }
    expect(count('request_event WHERE request_id IN (?, ?)', oldQuoteId, newQuoteId)).toBe(0);

    // Signed out here and on the other device.
    const here = await page.request.get('/account', { maxRedirects: 0 });
    expect(here.status()).toBe(307);
    expect(here.headers().location).toContain('/signin');
    await phone.goto('/account');
    await expect(phone).toHaveURL(/\/signin/);
    await otherDevice.close();
  });

  test('an older sign-in must be confirmed by a fresh link before the address changes, and the old address can undo the change', async ({
    page,
    browser,
  }) => {
    const email = uniqueEmail('reauth');
    await signIn(page, email, '/account');
    const userId = userIdOf(email)!;
    const otherDevice = await browser.newContext({ baseURL: APP_URL });
    const phone = await otherDevice.newPage();
    await signIn(phone, email);
    ageSignIns(userId);

    // The page says so, and the form refuses, keeping what was typed.
    await page.goto('/account');
    const sign = page.locator('#sign-in-address');
    await expect(sign.getByTestId('recent-sign-in-needed')).toContainText('last 10 minutes');
    await expect(
      page.locator('#delete-account').getByTestId('recent-sign-in-needed'),
    ).toBeVisible();
    const newEmail = uniqueEmail('reauth-new');
    await sign.getByLabel('New e-mail address').fill(newEmail);
    await sign.getByRole('button', { name: 'Send a confirmation link' }).click();
    await expect(sign.getByTestId('recent-sign-in-needed')).toBeVisible();
    await expect(sign.getByLabel('New e-mail address')).toHaveValue(newEmail);
    // Deleting is refused too: the account is still there.
    const danger = page.locator('#delete-account');
    await danger.getByLabel('Type DELETE to confirm').fill('DELETE');
    await danger.getByRole('button', { name: 'Delete my account' }).click();
    await expect(danger.getByTestId('recent-sign-in-needed')).toBeVisible();
    await expect(danger.getByLabel('Type DELETE to confirm')).toHaveValue('DELETE');
    expect(userIdOf(email)).toBe(userId);

    // A pending sign-in link for the old address, asked for elsewhere (it stops working below).
    const elsewhere = await browser.newContext({ baseURL: APP_URL });
    const pendingOld = await requestSignInLink(await elsewhere.newPage(), email);

    // "Send me a code to confirm": its e-mail's link brings the person back with what they typed.
    const links = (await mailFor(email)).filter((mail) => /sign-in link/i.test(mail.subject));
    await sign.getByRole('button', { name: 'Send me a code to confirm' }).click();
    await expect(sign.getByRole('status')).toContainText(
      `We sent a sign-in code and link to ${email}`,
    );
    const fresh = await waitForMail(email, { subject: /sign-in link/i, count: links.length + 1 });
    await page.goto(linkIn(fresh, '/signin/confirm'));
    await page.getByRole('button', { name: 'Sign in to Sojoourn' }).click();
    await expect(page).toHaveURL(`${APP_URL}/account#sign-in-address`);
    await expect(sign.getByLabel('New e-mail address')).toHaveValue(newEmail);
    await expect(sign.getByTestId('recent-sign-in-needed')).toHaveCount(0);
    await sign.getByRole('button', { name: 'Send a confirmation link' }).click();
    await expect(sign.getByRole('status')).toContainText(newEmail);
    const confirm = await waitForMail(newEmail, {
      subject: /Confirm your new Sojoourn sign-in address/,
    });
    await page.goto(linkIn(confirm, '/account/email/confirm'));
    await page.getByRole('button', { name: 'Confirm my new address' }).click();
    await expect(page.getByTestId('account-email')).toHaveText(newEmail);

    // Every other session ended; the old address's pending link no longer signs anyone in.
    await phone.goto('/account');
    await expect(phone).toHaveURL(/\/signin/);
    expect(count('"Session" WHERE "userId" = ?', userId)).toBe(1);
    expect(count('"VerificationToken" WHERE identifier = ?', email)).toBe(0);
    const stale = await elsewhere.newPage();
    await stale.goto(pendingOld);
    await expect(
      stale.getByRole('heading', { name: 'This sign-in link is not valid' }),
    ).toBeVisible();
    // Even pushed straight at next-auth's callback, its token signs nobody in.
    const callback = new URL('/api/auth/callback/email', APP_URL);
    const pendingUrl = new URL(pendingOld);
    for (const key of ['token', 'email']) {
      callback.searchParams.set(key, pendingUrl.searchParams.get(key) ?? '');
    }
    await stale.goto(callback.toString());
    await expect(stale).toHaveURL(/\/signin\/error/);
    expect(userIdOf(email)).toBeUndefined();
    await elsewhere.close();

    // The old address is told, with a link that undoes the change — no session needed.
    const notice = await waitForMail(email, { subject: /sign-in address was changed/ });
    const undo = linkIn(notice, '/account-restore?token=');
    await phone.goto(undo);
    await expectAccessible(phone, '/account-restore');
    await phone.getByRole('button', { name: 'Undo the change' }).click();
    await expect(phone.getByRole('status')).toContainText('back at your old address');
    expect(userIdOf(email)).toBe(userId);
    expect(userIdOf(newEmail)).toBeUndefined();
    // Every session ended, this one too; the link works once.
    expect(count('"Session" WHERE "userId" = ?', userId)).toBe(0);
    await page.goto('/account');
    await expect(page).toHaveURL(/\/signin/);
    await phone.goto(undo);
    await phone.getByRole('button', { name: 'Undo the change' }).click();
    await expect(phone.getByRole('main').getByRole('alert')).toContainText('not valid any more');
    await otherDevice.close();
  });

  test('the confirmation page answers odd query values with its page, not an error', async ({
    page,
  }) => {
    await signIn(page, uniqueEmail('confirm-query'));
    for (const error of ['__proto__', 'constructor', 'toString', 'nope']) {
      const response = await page.goto(
        `/account/email/confirm?token=x&error=${encodeURIComponent(error)}`,
      );
      expect(response?.status(), error).toBe(200);
      await expect(
        page.getByRole('heading', { level: 1, name: 'Confirm your new sign-in address' }),
      ).toBeVisible();
    }
    for (const error of ['__proto__', 'hasOwnProperty']) {
      const response = await page.goto(`/account-restore?token=x&error=${error}`);
      expect(response?.status(), error).toBe(200);
    }
  });

  test('a member whose assistance request changes status is e-mailed', async ({
    page,
    browser,
  }) => {
    const email = uniqueEmail('status-mail');
    await becomeMember(page, email);
    await page.goto('/assistance');
    await page.getByLabel('Topic').selectOption({ label: 'Taxes' });
    const marker = `status-${Date.now().toString(36)}`;
    await page.getByLabel('Your situation').fill(`When is the French tax return due? ${marker}`);
    await page.getByRole('button', { name: 'Send my request' }).click();
    await expect(
      page.getByRole('heading', { name: 'Thank you, your request has been sent' }),
    ).toBeVisible();

    const staffContext = await browser.newContext({ baseURL: APP_URL });
    const staffPage = await staffContext.newPage();
    await signIn(staffPage, STAFF_SIGNIN.statusMail);
    await staffPage.goto(`/admin?aq=${encodeURIComponent(email)}`);
    const item = staffPage.getByTestId('inbox-assistance-request').filter({ hasText: marker });
    await item.getByLabel('Change status').selectOption({ label: 'Answered' });
    await item.getByRole('button', { name: 'Update status' }).click();
    await expect(staffPage.getByRole('status')).toHaveText('Status updated.');
    await staffContext.close();

    const mail = await waitForMail(email, { subject: /Your assistance request is now: Answered/ });
    expect(mail.text).toContain('Taxes');
    expect(mail.text).toContain(marker);
    expect(mail.text).toContain(`${APP_URL}/account#assistance-requests`);
  });
});
