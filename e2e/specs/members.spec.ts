// The members' side: gates that speak to each visitor (reader, signed-in non-member, member whose
// payment failed, member), personalised assistance end to end (form, e-mails, /account, staff
// inbox), a forged assistance POST by a non-member, and members' events with their .ics download.
import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAccessible } from '../../test/support/axe';
import { queryAppDb } from '../../test/support/app-db';
import { signIn } from '../../test/support/auth';
import {
  builtEvent,
  E2E_EVENTS,
  E2E_JOINING_LINK,
  icsUtc,
  parisDateTime,
} from '../../test/support/events';
import { mailFor, waitForMail, waitForMarkerMail } from '../../test/support/mailbox';
import { becomeMember, payOnCheckout } from '../../test/support/membership';
import { uniqueEmail } from '../../test/support/people';
import { APP_URL, STAFF_EMAIL, STAFF_SIGNIN } from '../../test/support/ports';
import type { CapturedMail } from '../../test/support/smtp-capture';
import { standin } from '../../test/support/standin';

const TIP_PAGE = '/guides/carte-vitale';
const TIP_PATH = `${TIP_PAGE}#ehic-bonus-tip`;
const TIP_SENTENCE =
  'Play it safe and allow at least 20 days between your request and your departure.';
// The suite's own events, dated from the build (no spec depends on the sample events' dates).
const WORKSHOP = builtEvent(E2E_EVENTS.workshop);
const EVENT_SLUG = WORKSHOP.slug;
const EVENT_TITLE = WORKSHOP.title;
const JOINING_LINK = E2E_JOINING_LINK;

const tip = (page: Page) => page.locator('#ehic-bonus-tip');
const assistanceGate = (page: Page) => page.locator('#assistance-gate');

/** No WCAG 2.1 AA violation on the page as it is now (forms with errors included). */
/** Staff receive every test's requests: find the one carrying `marker`. */
async function staffMailWith(marker: string): Promise<CapturedMail> {
  let found: CapturedMail | undefined;
  await expect
    .poll(
      async () => {
        found = (await mailFor(STAFF_EMAIL)).find((mail) => mail.text.includes(marker));
        return Boolean(found);
      },
      { timeout: 15_000, message: `staff e-mail containing ${marker}` },
    )
    .toBe(true);
  return found as CapturedMail;
}

function assistanceRowsWith(marker: string) {
  return queryAppDb<{ user_id: string; status: string; email: string }>(
    `SELECT a.user_id, a.status, u.email FROM assistance_request a JOIN "User" u ON u.id = a.user_id
     WHERE a.description LIKE ?`,
    `%${marker}%`,
  );
}

function userId(email: string): string {
  const [row] = queryAppDb<{ id: string }>('SELECT id FROM "User" WHERE email = ?', email);
  if (!row) throw new Error(`no user ${email}`);
  return row.id;
}

function uniqueMarker(label: string): string {
  return `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

async function fillAssistance(
  page: Page,
  {
    topic,
    description,
    contact = 'E-mail',
    phone,
    language = 'English',
  }: {
    topic: string;
    description: string;
    contact?: 'E-mail' | 'Phone';
    phone?: string;
    language?: 'English' | 'French';
  },
) {
  await page.getByLabel('Topic').selectOption({ label: topic });
  await page.getByLabel('Your situation').fill(description);
  await page.getByRole('radio', { name: contact }).check();
  if (phone !== undefined) await page.getByLabel(/Phone number/).fill(phone);
  await page.getByRole('radio', { name: language }).check();
}

/** A second browser context carrying the same session, with JavaScript off. */
async function withoutJavaScript(browser: Browser, page: Page): Promise<Page> {
  const context = await browser.newContext({
    baseURL: APP_URL,
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
  });
  return context.newPage();
}

test.describe('gates that know the visitor', () => {
  test('a reader is asked to sign in or join, and signing in leads back to the exact section', async ({
    page,
  }) => {
    const response = await page.goto(TIP_PATH);
    expect(await response?.text()).not.toContain(TIP_SENTENCE);
    await expect(tip(page)).toHaveAttribute('data-members-section', 'locked');
    await expect(tip(page).getByRole('heading', { name: /Bonus tip/ })).toBeVisible();
    const signInLink = tip(page).getByRole('link', { name: 'Sign in' });
    await expect(signInLink).toHaveAttribute(
      'href',
      `/signin?callbackUrl=${encodeURIComponent(TIP_PATH)}`,
    );
    await expect(tip(page).getByRole('link', { name: 'Join the club' })).toHaveAttribute(
      'href',
      `/signin?callbackUrl=${encodeURIComponent(`/club/join?returnTo=${encodeURIComponent(TIP_PATH)}`)}`,
    );
    await expect(tip(page).getByText(TIP_SENTENCE)).toHaveCount(0);

    // Guide cards mark the guide with a members' section without showing it.
    await page.goto('/guides');
    const card = page.locator('article', { hasText: 'Carte Vitale' }).filter({
      has: page.getByRole('link', { name: /social security number/i }),
    });
    await expect(card.getByText('★ Includes a members’ tip')).toBeVisible();
    await expect(page.getByText('★ Members only').first()).toBeVisible();

    await page.goto('/assistance');
    await expect(
      page.getByRole('heading', { level: 1, name: 'Personalised assistance' }),
    ).toBeVisible();
    await expect(assistanceGate(page).getByRole('link', { name: 'Sign in' })).toHaveAttribute(
      'href',
      '/signin?callbackUrl=%2Fassistance',
    );
    await expect(assistanceGate(page).getByRole('link', { name: 'Join the club' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Send my request' })).toHaveCount(0);
    await expect(page.getByLabel('Your situation')).toHaveCount(0);

    // Following the gate's "Sign in" brings the person back to the section itself.
    await page.goto(TIP_PATH);
    await tip(page).getByRole('link', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(`/signin?callbackUrl=${encodeURIComponent(TIP_PATH)}`);
    const email = uniqueEmail('gate-reader');
    await signIn(page, email, TIP_PATH);
    await expect(page).toHaveURL(`${APP_URL}${TIP_PATH}`);
    // Now signed in without a membership: the same section asks them to join, with the price.
    await expect(tip(page).getByRole('link', { name: /^Join the club — €\d/ })).toBeVisible();
  });

  test('a signed-in non-member is asked to join with the price, and paying leads back to the section', async ({
    page,
  }) => {
    const email = uniqueEmail('gate-user');
    await signIn(page, email);

    await page.goto(TIP_PATH);
    const join = tip(page).getByRole('link', { name: /^Join the club — €\d+\.\d{2} \/ month$/ });
    await expect(join).toBeVisible();
    await expect(join).toHaveAttribute(
      'href',
      `/club/join?returnTo=${encodeURIComponent(TIP_PATH)}`,
    );
    await expect(tip(page).getByRole('link', { name: 'Sign in' })).toHaveCount(0);
    expect(await page.content()).not.toContain(TIP_SENTENCE);

    await page.goto('/assistance');
    await expect(
      assistanceGate(page).getByRole('link', { name: /^Join the club — €\d/ }),
    ).toHaveAttribute('href', '/club/join?returnTo=%2Fassistance');
    await expect(page.getByRole('button', { name: 'Send my request' })).toHaveCount(0);

    // Joining from the gate: pay, then "Continue where you left off" lands on the section.
    await page.goto(TIP_PATH);
    await tip(page)
      .getByRole('link', { name: /^Join the club — / })
      .click();
    await page.getByRole('button', { name: 'Continue to secure payment' }).click();
    await payOnCheckout(page);
    await expect(
      page.getByRole('heading', { name: /welcome to the sojoourn club/i }),
    ).toBeVisible();
    await page.getByRole('link', { name: 'Continue where you left off' }).click();
    await expect(page).toHaveURL(`${APP_URL}${TIP_PATH}`);
    await expect(tip(page).getByText(TIP_SENTENCE)).toBeVisible();
  });

  test('a member whose renewal failed is asked to update their card', async ({ page }) => {
    const email = uniqueEmail('gate-past-due');
    await becomeMember(page, email);
    await page.goto(TIP_PATH);
    await expect(tip(page).getByText(TIP_SENTENCE)).toBeVisible();

    const [membership] = queryAppDb<{ subscription_id: string }>(
      'SELECT subscription_id FROM membership WHERE user_id = ?',
      userId(email),
    );
    expect(membership?.subscription_id).toMatch(/^sub_/);
    await standin.failRenewal(membership!.subscription_id);

    // The webhook syncs the subscription; the page follows. (Reloaded without the anchor: going to
    // the same address with a fragment would only scroll, not fetch the page again.)
    await expect(async () => {
      await page.goto(TIP_PAGE);
      await expect(tip(page).getByRole('button', { name: 'Update your card' })).toBeVisible({
        timeout: 1000,
      });
    }).toPass({ timeout: 20_000 });
    await expect(tip(page).getByText(TIP_SENTENCE)).toHaveCount(0);
    await expect(tip(page).getByText(/payment did not go through/)).toBeVisible();

    await page.goto('/assistance');
    await expect(
      assistanceGate(page).getByRole('button', { name: 'Update your card' }),
    ).toBeVisible();
    await expect(page.getByRole('button', { name: 'Send my request' })).toHaveCount(0);
  });
});

test.describe('personalised assistance', () => {
  test('a member asks for help; staff and member are e-mailed; staff move it along', async ({
    page,
    browser,
  }) => {
    // The longest journey: joining, a refused and an accepted request, two inboxes, three axe
    // checks. It needs more than the default minute on a busy machine.
    test.slow();
    const email = uniqueEmail('assist-member');
    await becomeMember(page, email);

    await page.goto(TIP_PATH);
    await expect(tip(page).getByText(TIP_SENTENCE)).toBeVisible();
    await expect(tip(page)).toHaveAttribute('data-members-section', 'open');

    await page.goto('/assistance');
    await expect(assistanceGate(page)).toHaveCount(0);

    // Bad input: errors beside the fields, and what was typed stays.
    await fillAssistance(page, {
      topic: 'Housing',
      description: 'Too short',
      contact: 'Phone',
      phone: '',
    });
    await page.getByRole('button', { name: 'Send my request' }).click();
    await expect(page.locator('#description-error')).toHaveText(/at least 20 characters/);
    await expect(page.locator('#phone-error')).toHaveText(/phone number/i);
    await expect(page.getByLabel('Your situation')).toHaveValue('Too short');
    await expect(page.getByLabel('Your situation')).toHaveAttribute(
      'aria-describedby',
      'description-error',
    );
    await expect(page.getByLabel('Topic')).toHaveValue('housing');
    await expect(page.getByRole('radio', { name: 'Phone' })).toBeChecked();
    await expectAccessible(page, '/assistance with errors');

    const marker = uniqueMarker('lease');
    const description = `My landlord keeps my deposit <b>two months</b> after I left & will not answer. Ref ${marker}.`;
    await fillAssistance(page, {
      topic: 'Housing',
      description,
      contact: 'Phone',
      phone: '+33 6 12 34 56 78',
      language: 'French',
    });
    await page.getByRole('button', { name: 'Send my request' }).click();
    await expect(
      page.getByRole('heading', { name: 'Thank you, your request has been sent' }),
    ).toBeVisible();
    await expect(page.getByRole('status')).toContainText('by phone, in French');

    const staffMail = await staffMailWith(marker);
    expect(staffMail.subject).toBe('New assistance request: Housing');
    for (const text of [email, 'Housing', 'Phone: +33 6 12 34 56 78', 'French', description]) {
      expect(staffMail.text).toContain(text);
    }
    expect(staffMail.html).not.toContain('<b>two months</b>');
    expect(staffMail.html).toContain('&lt;b&gt;two months&lt;/b&gt;');

    const confirmation = await waitForMail(email, {
      subject: /We received your assistance request/,
    });
    expect(confirmation.text).toContain(description);
    expect(confirmation.text).toContain('by phone on +33 6 12 34 56 78, in French');

    expect(assistanceRowsWith(marker)).toEqual([{ user_id: userId(email), status: 'new', email }]);

    await page.goto('/account');
    const mine = page.locator('#assistance-requests [data-testid="assistance-request"]');
    await expect(mine).toHaveCount(1);
    await expect(mine.first()).toContainText('Housing');
    await expect(mine.first().getByTestId('assistance-status')).toHaveText('New');
    await expectAccessible(page, '/account with a request');

    // Staff work the inbox.
    const staffContext = await browser.newContext({ baseURL: APP_URL });
    const staffPage = await staffContext.newPage();
    await signIn(staffPage, STAFF_SIGNIN.assistance);
    // Staff find the member's requests by their address, as in a busy inbox.
    await staffPage.goto(`/admin?aq=${encodeURIComponent(email)}`);
    await expect(staffPage.getByRole('heading', { level: 1, name: 'Staff inbox' })).toBeVisible();
    const item = staffPage.getByTestId('inbox-assistance-request').filter({ hasText: marker });
    await expect(item).toHaveCount(1);
    await expect(item).toContainText(email);
    await expect(item).toContainText('Phone, +33 6 12 34 56 78');
    await expect(item).toContainText('French');
    // The member's markup is shown as text, never as markup.
    await expect(item).toContainText('<b>two months</b>');
    await expect(item.locator('b')).toHaveCount(0);
    await expect(item.getByTestId('inbox-status')).toHaveText('New');
    await expectAccessible(staffPage, '/admin');
    await item.getByLabel('Change status').selectOption({ label: 'In progress' });
    await item.getByRole('button', { name: 'Update status' }).click();
    await expect(staffPage.getByRole('status')).toHaveText('Status updated.');
    await expect(
      staffPage
        .getByTestId('inbox-assistance-request')
        .filter({ hasText: marker })
        .getByTestId('inbox-status'),
    ).toHaveText('In progress');
    // Back on the list as they had filtered it.
    await expect(
      staffPage
        .getByRole('search', { name: 'Filter assistance requests' })
        .getByLabel('Name or e-mail'),
    ).toHaveValue(email);
    expect(new URL(staffPage.url()).searchParams.get('aq')).toBe(email);
    await staffContext.close();

    expect(assistanceRowsWith(marker)[0]?.status).toBe('in_progress');
    await page.goto('/account');
    await expect(mine.first().getByTestId('assistance-status')).toHaveText('In progress');
  });

  test('the inbox is for staff only', async ({ page, request }) => {
    const anonymous = await request.get('/admin', { maxRedirects: 0 });
    expect(anonymous.status()).toBe(307);
    expect(anonymous.headers().location).toContain('/signin?callbackUrl=%2Fadmin');

    await signIn(page, uniqueEmail('not-staff'));
    const response = await page.goto('/admin');
    expect(response?.status()).toBe(404);
    await expect(page.getByText('Staff inbox')).toHaveCount(0);
  });

  test('without JavaScript a member can ask; a non-member replaying that POST stores nothing', async ({
    page,
    browser,
  }) => {
    const memberEmail = uniqueEmail('assist-nojs');
    await becomeMember(page, memberEmail);
    const noJs = await withoutJavaScript(browser, page);
    await noJs.goto('/assistance');

    const marker = uniqueMarker('forged');
    await fillAssistance(noJs, {
      topic: 'Taxes',
      description: `How do I declare my first French tax return? Ref ${marker}.`,
    });
    const [post] = await Promise.all([
      noJs.waitForRequest(
        (r) => r.method() === 'POST' && new URL(r.url()).pathname === '/assistance',
      ),
      noJs.getByRole('button', { name: 'Send my request' }).click(),
    ]);
    await expect(
      noJs.getByRole('heading', { name: 'Thank you, your request has been sent' }),
    ).toBeVisible();
    const body = post.postDataBuffer();
    const headers = await post.allHeaders();
    await noJs.context().close();
    await staffMailWith(marker);
    expect(assistanceRowsWith(marker)).toHaveLength(1);

    expect(headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(body?.toString()).toMatch(/\$ACTION_(ID|REF)_/);

    const replay = (context: { request: Page['request'] }) =>
      context.request.post('/assistance', {
        headers: { 'content-type': headers['content-type']!, origin: APP_URL },
        data: body!,
        maxRedirects: 0,
      });

    // Control: the same bytes replayed with the member's own session are a valid action call
    // (a second request is stored), so what follows tests the access check, not a broken replay.
    expect((await replay(page)).status()).toBe(200);
    await expect.poll(() => assistanceRowsWith(marker).length).toBe(2);
    await expect
      .poll(async () => (await mailFor(STAFF_EMAIL)).filter((m) => m.text.includes(marker)).length)
      .toBe(2);

    // The same bytes, posted with a signed-in non-member's session.
    const nonMemberEmail = uniqueEmail('assist-forger');
    const forgerContext = await browser.newContext({ baseURL: APP_URL });
    const forger = await forgerContext.newPage();
    await signIn(forger, nonMemberEmail);
    const forged = await replay(forger);
    expect(forged.status()).toBeLessThan(500);
    await forgerContext.close();

    // Nothing stored for the non-member, and no further staff e-mail.
    await waitForMarkerMail(page.request);
    const forgerId = userId(nonMemberEmail);
    expect(queryAppDb('SELECT id FROM assistance_request WHERE user_id = ?', forgerId)).toEqual([]);
    expect(assistanceRowsWith(marker).map((row) => row.email)).toEqual([memberEmail, memberEmail]);
    expect((await mailFor(STAFF_EMAIL)).filter((mail) => mail.text.includes(marker))).toHaveLength(
      2,
    );
    expect(
      await mailFor(nonMemberEmail).then((mails) => mails.map((m) => m.subject)),
    ).not.toContain('We received your assistance request');
  });
});

test.describe("members' events", () => {
  test('readers see the events but not the joining details; the .ics is refused', async ({
    page,
    request,
  }) => {
    await page.goto('/events');
    await expect(page.getByRole('heading', { level: 1, name: 'Members’ events' })).toBeVisible();
    const upcoming = page.locator('section', { has: page.locator('#upcoming-events') });
    const past = page.locator('section', { has: page.locator('#past-events') });
    const upcomingTitles = await upcoming.getByRole('heading', { level: 3 }).allTextContents();
    expect(upcomingTitles.indexOf(EVENT_TITLE)).toBeGreaterThanOrEqual(0);
    // Soonest first: the workshop (in 30 days) before the meetup (in 45 days).
    expect(upcomingTitles.indexOf(EVENT_TITLE)).toBeLessThan(
      upcomingTitles.indexOf(E2E_EVENTS.twoPlaces.title),
    );
    await expect(past.getByRole('heading', { name: E2E_EVENTS.past.title })).toBeVisible();
    expect(upcomingTitles).not.toContain(E2E_EVENTS.past.title);
    const card = upcoming.getByTestId('event-card').filter({ hasText: EVENT_TITLE });
    await expect(card.getByText('Example event', { exact: true })).toBeVisible();
    await expect(card).toContainText(parisDateTime(WORKSHOP.startsAt));
    await expect(card).toContainText('Online');
    await expect(card).toContainText('An online workshop for members');
    await expect(
      upcoming.getByTestId('event-card').filter({ hasText: E2E_EVENTS.twoPlaces.title }),
    ).toContainText('Where: Paris');

    const response = await page.goto(`/events/${EVENT_SLUG}`);
    const html = (await response?.text()) ?? '';
    expect(html).not.toContain(JOINING_LINK);
    expect(html).not.toContain('/ics');
    await expect(page.getByRole('heading', { level: 1, name: EVENT_TITLE })).toBeVisible();
    const details = page.locator('#event-details');
    await expect(details).toHaveAttribute('data-members-section', 'locked');
    await expect(details).toContainText('Members see the exact place (or joining link)');
    await expect(details.getByRole('link', { name: 'Sign in' })).toHaveAttribute(
      'href',
      `/signin?callbackUrl=${encodeURIComponent(`/events/${EVENT_SLUG}#event-details`)}`,
    );
    await expect(details.getByRole('link', { name: 'Join the club' })).toBeVisible();
    await expect(page.getByRole('link', { name: /Add to calendar/ })).toHaveCount(0);

    const ics = await request.get(`/api/events/${EVENT_SLUG}/ics`);
    expect(ics.status()).toBe(403);
    expect(await ics.text()).not.toContain('BEGIN:VCALENDAR');
  });

  test('event pages and the assistance page pass axe for readers', async ({ page }) => {
    for (const path of [
      '/events',
      `/events/${EVENT_SLUG}`,
      `/events/${E2E_EVENTS.past.slug}`,
      '/assistance',
    ]) {
      await page.goto(path);
      await expectAccessible(page, path);
    }
  });

  test('a signed-in non-member is asked to join on the event details', async ({
    page,
    request,
  }) => {
    await signIn(page, uniqueEmail('events-user'));
    const response = await page.goto(`/events/${EVENT_SLUG}`);
    expect(await response?.text()).not.toContain(JOINING_LINK);
    await expect(
      page.locator('#event-details').getByRole('link', { name: /^Join the club — €\d/ }),
    ).toBeVisible();
    const ics = await page.request.get(`/api/events/${EVENT_SLUG}/ics`);
    expect(ics.status()).toBe(403);
    // And a reader's request for an unknown event is refused before anything is looked up.
    expect((await request.get('/api/events/nope/ics')).status()).toBe(403);
  });

  test('members see the joining link and download the event for their calendar', async ({
    page,
  }) => {
    await becomeMember(page, uniqueEmail('events-member'));
    await page.goto(`/events/${EVENT_SLUG}`);
    const details = page.locator('#event-details');
    await expect(details).toHaveAttribute('data-members-section', 'open');
    await expect(details).toContainText(JOINING_LINK);
    await expect(details).toContainText('Open the joining link a few minutes early');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /Add to calendar/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${EVENT_SLUG}.ics`);
    const file = readFileSync((await download.path())!, 'utf8');
    expect(file).toContain('BEGIN:VCALENDAR');
    expect(file).toContain('BEGIN:VEVENT');
    expect(file.replace(/\r\n /g, '')).toContain(`SUMMARY:${EVENT_TITLE}`);
    expect(file).toContain(`DTSTART:${icsUtc(WORKSHOP.startsAt)}`);
    expect(file).toContain('LOCATION:Online');

    const response = await page.request.get(`/api/events/${EVENT_SLUG}/ics`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^text\/calendar/);
    expect(response.headers()['cache-control']).toContain('private');
    expect((await page.request.get('/api/events/no-such-event/ics')).status()).toBe(404);
  });
});
