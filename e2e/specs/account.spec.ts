// A member's own account, end to end: the welcome e-mail (once), downloading their data, changing
// their sign-in address through a link sent to the new one, and deleting the account — the Stripe
// subscription cancelled at once, the data gone, every device signed out.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectAccessible } from '../../test/support/axe';
import { queryAppDb } from '../../test/support/app-db';
import { signIn } from '../../test/support/auth';
import { linkIn, mailFor, waitForMail } from '../../test/support/mailbox';
import { becomeMember } from '../../test/support/membership';
import { uniqueEmail } from '../../test/support/people';
import { APP_URL, STAFF_SIGNIN } from '../../test/support/ports';
import { standin } from '../../test/support/standin';

function userIdOf(email: string): string | undefined {
  return queryAppDb<{ id: string }>('SELECT id FROM "User" WHERE email = ?', email)[0]?.id;
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

    // Change the sign-in address: bad input keeps what was typed; then a link to the new address.
    const sign = page.locator('#sign-in-address');
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
    await waitForMail(email, { subject: /sign-in address was changed/ });
    expect(userIdOf(email)).toBeUndefined();
    const userId = userIdOf(newEmail)!;
    expect(userId).toBeTruthy();

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

    // The data: gone.
    for (const [table, column] of [
      ['"User"', 'id'],
      ['"Session"', '"userId"'],
      ['membership', 'user_id'],
      ['stripe_customer', 'user_id'],
      ['assistance_request', 'user_id'],
      ['event_registration', 'user_id'],
    ] as const) {
      expect(queryAppDb(`SELECT 1 FROM ${table} WHERE ${column} = ?`, userId), table).toEqual([]);
    }

    // Signed out here and on the other device.
    const here = await page.request.get('/account', { maxRedirects: 0 });
    expect(here.status()).toBe(307);
    expect(here.headers().location).toContain('/signin');
    await phone.goto('/account');
    await expect(phone).toHaveURL(/\/signin/);
    await otherDevice.close();
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
