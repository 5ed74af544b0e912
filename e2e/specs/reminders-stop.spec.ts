// Issue 22: a file reminder's one-click stop (RFC 8058). A member with an overdue step gets one
// reminder from `npm run reminders`; its List-Unsubscribe link, opened (GET, as a mail scanner
// does), changes nothing and shows a button; a POST of `List-Unsubscribe=One-Click` to it (a mail
// client's one-click, or the button) turns the reminders off without signing in.
import { expect, test } from '@playwright/test';
import { expectAccessible } from '../../test/support/axe';
import { linkIn, mailFor, waitForMail } from '../../test/support/mailbox';
import { becomeMember } from '../../test/support/membership';
import { uniqueEmail } from '../../test/support/people';
import { remindersOn, runReminders, seedFileWithOverdueStep } from '../../test/support/reminders';

const LATE = /Temporary number \(NIA\) is late/;

test('one-click stop: a GET of the link changes nothing; a POST of List-Unsubscribe=One-Click turns reminders off', async ({
  page,
  playwright,
}) => {
  const email = uniqueEmail('reminded');
  await becomeMember(page, email);
  const fileId = seedFileWithOverdueStep(email);

  expect(await runReminders()).toMatch(/^reminders: \d+ sent/);
  const reminder = await waitForMail(email, { subject: LATE });
  expect(reminder.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
  const oneClick = /<(https?:\/\/[^>]+)>/.exec(reminder.headers['list-unsubscribe'] ?? '')?.[1];
  expect(oneClick).toContain('/api/reminders/stop?token=');
  expect(oneClick).not.toContain(encodeURIComponent(email));
  // A second run the same day sends nothing more.
  await runReminders();
  expect((await mailFor(email)).filter((mail) => LATE.test(mail.subject))).toHaveLength(1);

  // Nobody signed in: what a mail client or a scanner would do.
  const anonymous = await playwright.request.newContext();
  try {
    const opened = await anonymous.get(oneClick!, { maxRedirects: 0 });
    expect(opened.status()).toBe(303);
    expect(opened.headers()['location']).toMatch(/^\/reminders\/stop\?token=/);
    const followed = await anonymous.get(oneClick!);
    expect(followed.status()).toBe(200);
    expect(await followed.text()).toContain('Stop the reminders');
    expect(remindersOn(fileId)).toBe(1);

    const refused = await anonymous.post(oneClick!, {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      data: 'something=else',
    });
    expect(refused.status()).toBe(400);
    expect(remindersOn(fileId)).toBe(1);

    const forged = await anonymous.post(oneClick!.replace(/.{4}$/, 'AAAA'), {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      data: 'List-Unsubscribe=One-Click',
    });
    expect(forged.status()).toBe(400);
    expect(remindersOn(fileId)).toBe(1);

    const stopped = await anonymous.post(oneClick!, {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      data: 'List-Unsubscribe=One-Click',
    });
    expect(stopped.status()).toBe(200);
    expect(await stopped.text()).toContain('Reminders are off');
    expect(remindersOn(fileId)).toBe(0);
  } finally {
    await anonymous.dispose();
  }
});

test('the link in the e-mail opens a page whose button stops the reminders, without JavaScript or sign-in', async ({
  browser,
  page,
}) => {
  const email = uniqueEmail('reminded-page');
  await becomeMember(page, email);
  const fileId = seedFileWithOverdueStep(email);
  await runReminders();
  const reminder = await waitForMail(email, { subject: LATE });
  const link = linkIn(reminder, '/reminders/stop?token=');

  // axe runs its script in the page: check the page in a context with JavaScript first.
  const checker = await browser.newContext();
  try {
    const checked = await checker.newPage();
    await checked.goto(link);
    await expectAccessible(checked, '/reminders/stop');
  } finally {
    await checker.close();
  }

  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const visitor = await context.newPage();
    await visitor.goto(link);
    await expect(visitor.getByRole('heading', { level: 1 })).toHaveText(
      'Reminders of your Carte Vitale file',
    );
    await expect(visitor.getByText('switch on')).toBeVisible();
    expect(remindersOn(fileId)).toBe(1);
    await visitor.getByRole('button', { name: 'Stop the reminders' }).click();
    await expect(visitor.getByRole('status')).toContainText('we will send no more reminders');
    await expect(visitor).toHaveURL(/\/reminders\/stop\?done=1$/);
    expect(remindersOn(fileId)).toBe(0);
  } finally {
    await context.close();
  }
});
