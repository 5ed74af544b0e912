// Free-quote requests: with and without JavaScript, bad input, escaping, and the spam defences.
import { expect, test, type Page } from '@playwright/test';
import {
  contactRowsFor,
  expectThanks,
  fillQuote,
  sendQuote,
  speakFromOwnIp,
  waitLikeAPerson,
} from '../../test/support/contact-form';
import { issueFormToken } from '../../lib/contact/token';
import { appEnv } from '../../playwright.config';
import { signIn } from '../../test/support/auth';
import { mailFor, waitForMail, waitForMarkerMail } from '../../test/support/mailbox';
import { uniqueEmail } from '../../test/support/people';
import { APP_URL, STAFF_EMAIL, STAFF_SIGNIN } from '../../test/support/ports';
import type { CapturedMail } from '../../test/support/smtp-capture';

/** The staff notification about `email`'s request (staff receive every test's requests). */
async function staffMailAbout(email: string): Promise<CapturedMail> {
  let found: CapturedMail | undefined;
  await expect
    .poll(
      async () => {
        found = (await mailFor(STAFF_EMAIL)).find(
          (mail) => /free-quote request/i.test(mail.subject) && mail.text.includes(email),
        );
        return Boolean(found);
      },
      { timeout: 15_000, message: `staff e-mail about ${email}` },
    )
    .toBe(true);
  return found as CapturedMail;
}

async function openForm(page: Page, { js }: { js: boolean }) {
  await speakFromOwnIp(page);
  await page.goto('/contact');
  await expect(page.getByRole('heading', { level: 1, name: 'Ask for a free quote' })).toBeVisible();
  // With JavaScript, the prerendered form fetches its fill-time token when it loads.
  if (js) await expect(page.locator('form[data-token-ready="true"]')).toHaveCount(1);
}

test.describe('free quote with JavaScript', () => {
  test('a reader asks for a quote: stored, staff and requester e-mailed, thank-you shown', async ({
    page,
  }) => {
    const email = uniqueEmail('quote-js');
    await openForm(page, { js: true });
    await fillQuote(page, {
      name: 'Jane Doe',
      email,
      phone: '+44 7700 900123',
      situation: 'Already in France',
      nationality: 'Another nationality',
      stay: 'More than a year',
      procedures: ['Residence permit', 'Taxes'],
      message: 'I need help renewing my residence permit.',
      language: 'French',
    });
    await waitLikeAPerson(page);
    await sendQuote(page);
    await expectThanks(page);
    // The thank-you says what the e-mail holds, and shows the reference it gives.
    await expect(page.getByText(/does not repeat what you wrote/)).toBeVisible();
    const reference = await page.getByTestId('quote-reference').textContent();
    expect(reference).toBe(contactRowsFor(email)[0]?.id);

    const staffMail = await staffMailAbout(email);
    for (const text of [
      'Jane Doe',
      '+44 7700 900123',
      'Already in France',
      'Another nationality',
      'More than a year',
      'Residence permit, Taxes',
      'I need help renewing my residence permit.',
      'French',
    ]) {
      expect(staffMail.text).toContain(text);
    }
    const confirmation = await waitForMail(email, { subject: /free quote/i });
    expect(confirmation.text).toContain('what happens next');
    // Issue 11: the confirmation repeats nothing typed in the form.
    expect(confirmation.text).not.toContain('I need help renewing my residence permit.');
    expect(confirmation.text).not.toContain('Jane Doe');
    expect(confirmation.text).toContain(`Reference: ${reference}`);

    await expect.poll(() => contactRowsFor(email).map((row) => row.staff_notified)).toEqual([1]);
    expect(contactRowsFor(email)[0]).toMatchObject({
      name: 'Jane Doe',
      situation: 'in-france',
      nationality: 'other',
      stay_length: 'over-1-year',
      procedures: '["residence-permit","taxes"]',
      language: 'fr',
    });
  });

  test('shows the pending state while sending', async ({ page }) => {
    const email = uniqueEmail('quote-pending');
    await openForm(page, { js: true });
    await fillQuote(page, { name: 'Pat Pending', email, message: 'Pending state check.' });
    await waitLikeAPerson(page);
    // Hold the action's answer so the pending state can be seen.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/contact', async (route) => {
      if (route.request().method() === 'POST') await held;
      await route.continue();
    });
    await sendQuote(page);
    const pendingButton = page.getByRole('button', { name: 'Sending your request…' });
    await expect(pendingButton).toBeDisabled();
    release();
    await expectThanks(page);
  });

  test('an invalid e-mail and an empty message show errors next to the fields and keep the rest', async ({
    page,
  }) => {
    await openForm(page, { js: true });
    await expectFieldErrorsKeepValues(page);
  });

  test('an HTML payload in the message arrives escaped in the staff e-mail', async ({ page }) => {
    const email = uniqueEmail('quote-html');
    const payload = '<img src=x onerror=alert(1)><b>bold</b>';
    await openForm(page, { js: true });
    await fillQuote(page, { name: '<i>Mallory</i>', email, message: payload });
    await waitLikeAPerson(page);
    await sendQuote(page);
    await expectThanks(page);

    const staffMail = await staffMailAbout(email);
    expect(staffMail.html).toContain('&lt;b&gt;bold&lt;/b&gt;');
    expect(staffMail.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(staffMail.html).toContain('&lt;i&gt;Mallory&lt;/i&gt;');
    expect(staffMail.html).not.toMatch(/<b>bold|<img src=x|<i>Mallory/);
    expect(staffMail.text).toContain(payload);
    const confirmation = await waitForMail(email, { subject: /free quote/i });
    // Issue 11: the confirmation carries none of it, escaped or not.
    expect(confirmation.html).not.toMatch(/bold|img src|Mallory/);
    expect(contactRowsFor(email)[0]?.message).toBe(payload);
  });

  test('the honeypot silently drops the request: thank-you, no e-mail, nothing stored', async ({
    page,
  }) => {
    const email = uniqueEmail('quote-bot');
    await openForm(page, { js: true });
    await fillQuote(page, { name: 'Robot', email, message: 'Buy cheap watches' });
    // People never see this field; robots fill in every input they find.
    await page.locator('input[name="website"]').evaluate((input: HTMLInputElement) => {
      input.value = 'https://spam.example';
    });
    await waitLikeAPerson(page);
    await sendQuote(page);
    await expectThanks(page);

    await waitForMarkerMail(page.request);
    expect(await mailFor(email)).toEqual([]);
    expect((await mailFor(STAFF_EMAIL)).filter((mail) => mail.text.includes(email))).toEqual([]);
    expect(contactRowsFor(email)).toEqual([]);
  });

  test('a complete form sent faster than a person types (autofill) is kept, flagged for staff', async ({
    page,
    browser,
  }) => {
    const email = uniqueEmail('quote-autofill');
    await openForm(page, { js: true });
    await fillQuote(page, { name: 'Ava Autofill', email, message: 'Filled in by my browser.' });
    // Autofill sends the form within CONTACT_MIN_FILL_MS of showing it. Filling it here takes
    // longer than that, so the form gets a token that says it was shown just now: issued 20 s
    // ahead (within the clock skew the server allows), so a slow machine cannot make it look slow.
    const shownJustNow = issueFormToken(appEnv.NEXTAUTH_SECRET, { now: Date.now() + 20_000 });
    await page
      .locator('input[name="formToken"]')
      .evaluate((input: HTMLInputElement, token) => (input.value = token), shownJustNow);
    await sendQuote(page);
    await expectThanks(page);
    const reference = await page.getByTestId('quote-reference').textContent();
    expect(contactRowsFor(email).map((row) => ({ id: row.id, flag: row.flag }))).toEqual([
      { id: reference, flag: 'fast-fill' },
    ]);
    const confirmation = await waitForMail(email, { subject: /free quote/i });
    expect(confirmation.text).toContain(`Reference: ${reference}`);

    const staffContext = await browser.newContext({ baseURL: APP_URL });
    const staff = await staffContext.newPage();
    await signIn(staff, STAFF_SIGNIN.flagged);
    await staff.goto(`/admin?qq=${encodeURIComponent(email)}`);
    const quote = staff.getByTestId('inbox-quote-request').filter({ hasText: email });
    await expect(quote).toHaveCount(1);
    await expect(quote.getByTestId('quote-flag')).toContainText(
      'sent faster than a person usually types',
    );
    expect((await staffMailAbout(email)).text).toContain('sent faster than a person usually types');
    await staffContext.close();
  });

  test('the thank-you shows only a reference this site set: a forged cookie shows none', async ({
    page,
    context,
  }) => {
    await context.addCookies([
      {
        name: 'sojoourn-quote-ref',
        value: '00000000-0000-4000-8000-000000000000.forged',
        url: `${APP_URL}/contact/thanks`,
      },
    ]);
    await page.goto('/contact/thanks');
    await expect(page.getByRole('heading', { level: 1, name: /thank you/i })).toBeVisible();
    await expect(page.getByTestId('quote-reference')).toHaveCount(0);
    await expect(page.getByText('00000000-0000-4000-8000-000000000000')).toHaveCount(0);
  });

  test('the rate limit per IP answers with its message and keeps what was typed', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await openForm(page, { js: true });
    // CONTACT_LIMIT_PER_IP is 5 in the e2e server: five requests go through from this address.
    for (let i = 1; i <= 5; i++) {
      await fillQuote(page, {
        name: `Busy ${i}`,
        email: uniqueEmail(`quote-limit-${i}`),
        message: `Request ${i}`,
      });
      await waitLikeAPerson(page);
      await sendQuote(page);
      await expectThanks(page);
      await page.goto('/contact');
      await expect(page.locator('form[data-token-ready="true"]')).toHaveCount(1);
    }
    const sixth = uniqueEmail('quote-limit-6');
    await fillQuote(page, { name: 'Busy 6', email: sixth, message: 'One too many' });
    await waitLikeAPerson(page);
    await sendQuote(page);
    await expect(page.getByRole('alert').and(page.locator('#contact-summary'))).toContainText(
      /several requests from your connection/,
    );
    await expect(page.getByRole('alert').and(page.locator('#contact-summary'))).toContainText(
      /try again in about \d+ minutes?/,
    );
    await expect(page.getByLabel('Your name', { exact: true })).toHaveValue('Busy 6');
    await expect(page.getByLabel('E-mail address')).toHaveValue(sixth);
    await expect(page.getByLabel('Your message')).toHaveValue('One too many');
    expect(contactRowsFor(sixth)).toEqual([]);
  });
});

test('a signed-in visitor gets the per-request form with their address filled in', async ({
  page,
}) => {
  const email = uniqueEmail('quote-signed-in');
  await signIn(page, email);
  await speakFromOwnIp(page);
  await page.goto('/contact');
  // Rendered per request: the fill-time token is in the HTML, no fetch needed.
  await expect(page.locator('form[data-token-ready="true"] input[name="formToken"]')).toHaveCount(
    1,
  );
  await expect(page.getByLabel('E-mail address')).toHaveValue(email);
  await fillQuote(page, { name: 'Signed In', email, message: 'Asking while signed in.' });
  await waitLikeAPerson(page);
  await sendQuote(page);
  await expectThanks(page);
  await waitForMail(email, { subject: /free quote/i });
  expect(contactRowsFor(email)).toHaveLength(1);
});

test.describe('free quote without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a reader asks for a quote with a plain form post: stored, both e-mails, thank-you', async ({
    page,
  }) => {
    const email = uniqueEmail('quote-nojs');
    await openForm(page, { js: false });
    await fillQuote(page, { name: 'No Script', email, message: 'Plain HTML form, please.' });
    await waitLikeAPerson(page);
    await sendQuote(page);
    // The prerendered page cannot hold a per-visit token: the server keeps everything and asks
    // for one more press, with a fresh token in the page.
    await expect(page.getByRole('alert').and(page.locator('#contact-summary'))).toContainText(
      /press “Send my request” again/,
    );
    await expect(page.getByLabel('Your name', { exact: true })).toHaveValue('No Script');
    await expect(page.getByLabel('Your message')).toHaveValue('Plain HTML form, please.');
    await expect(page.getByRole('checkbox', { name: /I agree/ })).toBeChecked();
    await sendQuote(page);
    await expectThanks(page);
    await expect(page.getByTestId('quote-reference')).toHaveText(contactRowsFor(email)[0]!.id);

    const staffMail = await staffMailAbout(email);
    expect(staffMail.text).toContain('Plain HTML form, please.');
    const confirmation = await waitForMail(email, { subject: /free quote/i });
    expect(confirmation.text).toContain('what happens next');
    expect(contactRowsFor(email)).toHaveLength(1);
  });

  test('field errors show next to the fields and keep the rest, without JavaScript', async ({
    page,
  }) => {
    await openForm(page, { js: false });
    await expectFieldErrorsKeepValues(page);
  });
});

async function expectFieldErrorsKeepValues(page: Page) {
  const email = 'not-an-email';
  await fillQuote(page, {
    name: 'Kept Name',
    email,
    phone: '+33 6 12 34 56 78',
    situation: 'Already in France',
    nationality: 'EU, EEA or Swiss',
    stay: 'Less than 3 months',
    procedures: ['Bank account', 'Driving licence'],
    message: 'x',
    language: 'French',
  });
  await page.getByLabel('Your message').fill('');
  await waitLikeAPerson(page);
  await sendQuote(page);

  const emailInput = page.getByLabel('E-mail address');
  await expect(emailInput).toHaveAttribute('aria-invalid', 'true');
  await expect(emailInput).toHaveAttribute('aria-describedby', 'email-error');
  await expect(page.locator('#email-error')).toHaveText(/check your e-mail address/i);
  const message = page.getByLabel('Your message');
  await expect(message).toHaveAttribute('aria-invalid', 'true');
  await expect(message).toHaveAttribute('aria-describedby', 'message-error');
  await expect(page.locator('#message-error')).toHaveText(
    /tell us briefly what you need help with/i,
  );
  await expect(page.getByRole('alert').and(page.locator('#contact-summary'))).toContainText(
    '2 answers need your attention',
  );

  await expect(emailInput).toHaveValue(email);
  await expect(page.getByLabel('Your name', { exact: true })).toHaveValue('Kept Name');
  await expect(page.getByLabel('Phone')).toHaveValue('+33 6 12 34 56 78');
  for (const choice of ['Already in France', 'EU, EEA or Swiss', 'Less than 3 months', 'French']) {
    await expect(page.getByRole('radio', { name: choice, exact: true })).toBeChecked();
  }
  await expect(page.getByRole('checkbox', { name: 'Bank account' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Driving licence' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Taxes' })).not.toBeChecked();
  await expect(page.getByRole('checkbox', { name: /I agree/ })).toBeChecked();
  await expect(page.getByLabel('Your name', { exact: true })).not.toHaveAttribute(
    'aria-invalid',
    'true',
  );
  expect(contactRowsFor(email)).toEqual([]);
}
