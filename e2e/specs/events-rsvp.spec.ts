// Members register for an event: places up to the capacity in the event's frontmatter, then a
// waiting list; cancelling gives the place to the first waiting member (who is e-mailed); the
// calendar file after registering, and by e-mail; staff see who comes. Everyone sees how
// registration works and how many places are left. Partner offers: members only.
import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { signIn } from '../../test/support/auth';
import { builtEvent, E2E_EVENTS, icsUtc, parisDateTime } from '../../test/support/events';
import { contentFiles } from '../../test/support/gated';
import { waitForMail } from '../../test/support/mailbox';
import { becomeMember } from '../../test/support/membership';
import { uniqueEmail } from '../../test/support/people';
import { APP_URL, STAFF_SIGNIN } from '../../test/support/ports';

// The suite's own 2-place event, dated from the build (a spec never depends on the samples).
const EVENT = `/events/${E2E_EVENTS.twoPlaces.slug}`;
const EVENT_TITLE = E2E_EVENTS.twoPlaces.title;
const BUILT = builtEvent(E2E_EVENTS.twoPlaces);

async function memberPage(browser: Browser, label: string): Promise<{ page: Page; email: string }> {
  const context = await browser.newContext({ baseURL: APP_URL });
  const page = await context.newPage();
  const email = uniqueEmail(label);
  await becomeMember(page, email);
  return { page, email };
}

const panel = (page: Page) => page.locator('#registration');
const rules = (page: Page) => page.locator('#how-registration-works');

/** The reader's count, asked for by the prerendered page: "… (at 14:05, Paris time)…". */
const AT_PARIS_TIME = String.raw`\(at \d\d:\d\d, Paris time\)`;

test.describe('registering for an event', () => {
  test.describe.configure({ timeout: 420_000 });

  test('two places, a waiting list, a cancellation that promotes, the .ics, and the staff list', async ({
    browser,
    page,
  }) => {
    // A reader sees no registration form (the page's gate speaks to them), but how registration
    // works and how many places are left: the static page says the total, the browser asks for
    // the count and says when it was taken.
    const readerHtml = (await (await page.goto(EVENT))?.text()) ?? '';
    expect(readerHtml).not.toContain('id="registration"');
    expect(readerHtml).toContain('2 places in all.');
    await expect(panel(page)).toHaveCount(0);
    await expect(rules(page)).toContainText('Registering is for Sojoourn Club members');
    await expect(rules(page)).toContainText('members can join the waiting list');
    await expect(rules(page)).toContainText('You can cancel until the event starts');
    await expect(rules(page).getByTestId('places-left')).toHaveText(
      new RegExp(`^2 of 2 places left ${AT_PARIS_TIME}\\.$`),
    );

    const ana = await memberPage(browser, 'rsvp-ana');
    await ana.page.goto(EVENT);
    await expect(panel(ana.page).getByTestId('registration-places')).toHaveText(
      '0 of 2 places taken.',
    );
    await panel(ana.page).getByRole('button', { name: 'Register' }).click();
    await expect(panel(ana.page).getByTestId('registration-notice')).toHaveText(
      'You are registered. See you there!',
    );
    await expect(panel(ana.page).getByTestId('registration-status')).toHaveText(
      'You are registered.',
    );
    const [download] = await Promise.all([
      ana.page.waitForEvent('download'),
      panel(ana.page)
        .getByRole('link', { name: /calendar file/ })
        .click(),
    ]);
    const ics = readFileSync((await download.path())!, 'utf8');
    expect(ics).toContain('BEGIN:VEVENT');
    expect(ics.replace(/\r\n /g, '')).toContain(`SUMMARY:${EVENT_TITLE}`);
    // And by e-mail: the date and time in Paris, the place, the same calendar file.
    const placeMail = await waitForMail(ana.email, { subject: /^You are registered: / });
    expect(placeMail.text).toContain(`When: ${parisDateTime(BUILT.startsAt)}`);
    expect(placeMail.text).toContain('Where: Paris');
    expect(placeMail.attachments).toHaveLength(1);
    const mailedIcs = placeMail.attachments[0]!.content.replace(/\r\n /g, '');
    expect(mailedIcs).toContain(`DTSTART:${icsUtc(BUILT.startsAt)}`);
    expect(mailedIcs).toContain('LOCATION:Paris');
    expect(mailedIcs).toContain(`SUMMARY:${EVENT_TITLE}`);

    // A notice named in the address that is not one of ours shows nothing (was a 500 for
    // prototype names); a repeated one shows the first.
    for (const odd of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const response = await ana.page.goto(`${EVENT}?registration=${odd}`);
      expect(response?.status(), odd).toBe(200);
      await expect(panel(ana.page).getByTestId('registration-notice')).toHaveCount(0);
    }
    await ana.page.goto(`${EVENT}?registration=cancelled&registration=__proto__`);
    await expect(panel(ana.page).getByTestId('registration-notice')).toHaveText(
      'Your registration is cancelled.',
    );

    const ben = await memberPage(browser, 'rsvp-ben');
    await ben.page.goto(EVENT);
    await panel(ben.page).getByRole('button', { name: 'Register' }).click();
    await expect(panel(ben.page).getByTestId('registration-places')).toHaveText(
      '2 of 2 places taken — the event is full.',
    );
    await expect(rules(ben.page).getByTestId('places-left')).toHaveText(
      'All 2 places are taken: members can join the waiting list.',
    );
    // The reader's page is the same static file; the count it asks for is fresh.
    await page.reload();
    await expect(rules(page).getByTestId('places-left')).toHaveText(
      new RegExp(`^All 2 places are taken ${AT_PARIS_TIME}: members can join the waiting list\\.$`),
    );

    const cy = await memberPage(browser, 'rsvp-cy');
    await cy.page.goto(EVENT);
    await expect(panel(cy.page).getByRole('button', { name: 'Register' })).toHaveCount(0);
    await panel(cy.page).getByRole('button', { name: 'Join the waiting list' }).click();
    await expect(panel(cy.page).getByTestId('registration-status')).toHaveText(
      'You are on the waiting list (number 1).',
    );
    await expect(panel(cy.page).getByRole('link', { name: /calendar file/ })).toHaveCount(0);
    const turnMail = await waitForMail(cy.email, { subject: /^You are on the waiting list: / });
    expect(turnMail.text).toContain('waiting list: number 1');
    expect(turnMail.text).toContain(`When: ${parisDateTime(BUILT.startsAt)}`);
    expect(turnMail.attachments).toEqual([]);

    // Staff see who comes.
    const staffContext = await browser.newContext({ baseURL: APP_URL });
    const staff = await staffContext.newPage();
    await signIn(staff, STAFF_SIGNIN.registrations);
    await staff.goto(EVENT);
    const rows = panel(staff).getByTestId('event-attendees').locator('tbody tr');
    await expect(rows).toHaveCount(3);
    await expect(rows.nth(0)).toContainText(ana.email);
    await expect(rows.nth(0)).toContainText('Registered');
    await expect(rows.nth(2)).toContainText(cy.email);
    await expect(rows.nth(2)).toContainText('On the waiting list');
    // Members do not see the others.
    await expect(panel(ana.page).getByTestId('event-attendees')).toHaveCount(0);

    // Ana cancels, after a confirmation that says her place goes to the next person: Cy moves
    // up and is told by e-mail, with the date, the time and the calendar file.
    await ana.page.goto(EVENT);
    const cancel = panel(ana.page).getByTestId('cancel-registration');
    await cancel.locator('summary', { hasText: 'Cancel my registration' }).click();
    await expect(cancel.getByTestId('cancel-consequence')).toContainText(
      'This event is full: if you cancel, your place is given away at once to the first person on the waiting list',
    );
    await cancel.getByRole('button', { name: /^Yes, give up my place/ }).click();
    await expect(panel(ana.page).getByTestId('registration-notice')).toHaveText(
      'Your registration is cancelled.',
    );
    await expect(
      panel(ana.page).getByRole('button', { name: 'Join the waiting list' }),
    ).toBeVisible();
    const mail = await waitForMail(cy.email, { subject: /A place opened up/ });
    expect(mail.text).toContain(`${APP_URL}${EVENT}`);
    expect(mail.text).toContain(`When: ${parisDateTime(BUILT.startsAt)}`);
    expect(mail.attachments.map((file) => file.filename)).toEqual([`${BUILT.slug}.ics`]);
    expect(mail.attachments[0]!.content).toContain(`DTSTART:${icsUtc(BUILT.startsAt)}`);
    await cy.page.reload();
    await expect(panel(cy.page).getByTestId('registration-status')).toHaveText(
      'You are registered.',
    );
    await staff.reload();
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(1)).toContainText(cy.email);
    await expect(rows.nth(1)).toContainText('Registered');

    for (const context of [ana, ben, cy].map((p) => p.page.context())) await context.close();
    await staffContext.close();
  });
});

test.describe('partner offers', () => {
  test.describe.configure({ timeout: 240_000 });
  const offers = contentFiles().filter((file) => file.kind === 'offers');

  test('readers and signed-in non-members get a gate; members get the offers and their codes', async ({
    page,
    browser,
  }) => {
    const asReader = await page.goto('/club/offers');
    const readerHtml = (await asReader?.text()) ?? '';
    for (const offer of offers) expect(readerHtml).not.toContain(String(offer.data.code));
    await expect(
      page.locator('#offers-gate').getByRole('link', { name: 'Sign in' }),
    ).toHaveAttribute('href', '/signin?callbackUrl=%2Fclub%2Foffers');
    expect(asReader?.headers()['cache-control'] ?? '').not.toContain('public');

    await signIn(page, uniqueEmail('offers-user'));
    const asUser = await page.goto('/club/offers');
    const userHtml = (await asUser?.text()) ?? '';
    for (const offer of offers) expect(userHtml).not.toContain(String(offer.data.code));
    await expect(
      page.locator('#offers-gate').getByRole('link', { name: /^Join the club — €\d/ }),
    ).toHaveAttribute('href', '/club/join?returnTo=%2Fclub%2Foffers');

    const member = await memberPage(browser, 'offers-member');
    await member.page.goto('/account');
    await member.page.getByRole('link', { name: 'See the partner offers' }).click();
    await expect(member.page).toHaveURL(`${APP_URL}/club/offers`);
    const cards = member.page.getByTestId('partner-offer');
    await expect(cards).toHaveCount(offers.length);
    for (const offer of offers) {
      const card = cards.filter({ hasText: String(offer.data.title) });
      await expect(card.getByTestId('offer-code')).toHaveText(String(offer.data.code));
    }
    await member.page.context().close();
  });
});
