// A member's home: /club is theirs once they join (their file, their assistance requests, their
// events with a cancel behind a confirmation, the offers, billing), the header's club link leads
// there, and /account lists their events too. Registering is confirmed by an e-mail with the date,
// the place and the .ics. Everyone else still gets the club's page.
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from '../../test/support/axe';
import { queryAppDb, writeAppDb } from '../../test/support/app-db';
import { signIn } from '../../test/support/auth';
import { builtEvent, E2E_EVENTS, icsUtc, parisDateTime } from '../../test/support/events';
import { waitForMail } from '../../test/support/mailbox';
import { becomeMember } from '../../test/support/membership';
import { uniqueEmail } from '../../test/support/people';
import { APP_URL } from '../../test/support/ports';

// The suite's 30-place online workshop (the two-place meetup is events-rsvp.spec.ts's).
const WORKSHOP = builtEvent(E2E_EVENTS.workshop);

const myEvents = (page: Page) => page.locator('#my-events [data-testid="my-event"]');

/** The VEVENT's properties of an .ics: lines unfolded (RFC 5545 §3.1), parameters dropped. */
function icsProperties(ics: string): Record<string, string> {
  const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n');
  const event = lines.slice(lines.indexOf('BEGIN:VEVENT') + 1, lines.indexOf('END:VEVENT'));
  expect(event.length, 'a VEVENT in the file').toBeGreaterThan(3);
  return Object.fromEntries(
    event.map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).split(';')[0], line.slice(colon + 1).replace(/\\(.)/g, '$1')];
    }),
  );
}

test.describe("a member's home", () => {
  test.describe.configure({ timeout: 240_000 });

  test('the header leads a member to /club, their home: file, requests, events (cancelled through a confirmation), offers, billing', async ({
    page,
  }) => {
    const email = uniqueEmail('home-member');
    await becomeMember(page, email);
    // The welcome page leads there (its header was drawn before the payment was confirmed).
    await expect(page.getByRole('link', { name: 'Your club home' })).toHaveAttribute(
      'href',
      '/club',
    );

    // From any page, the header's club link, named for a member, leads home.
    await page.goto('/guides');
    const clubLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', {
      name: 'Your club',
    });
    await expect(clubLink).toHaveAttribute('href', '/club');
    await clubLink.click();
    await expect(page).toHaveURL(`${APP_URL}/club`);
    await expect(page.getByRole('heading', { level: 1, name: 'Your Sojoourn Club' })).toBeVisible();
    await expect(page.getByRole('button', { name: /join the club/i })).toHaveCount(0);
    await expect(
      page
        .getByTestId('member-home-file')
        .getByRole('link', { name: 'Start your Carte Vitale file' }),
    ).toHaveAttribute('href', '/guides/carte-vitale/planner');
    await expect(page.locator('#my-events')).toContainText(
      'You have not registered for any event yet.',
    );
    await expect(page.locator('#assistance-requests')).toContainText(
      'You have not asked for personalised assistance yet.',
    );
    await expect(
      page.getByRole('link', { name: 'See the partner offers and their codes' }),
    ).toHaveAttribute('href', '/club/offers');
    await expect(page.getByRole('button', { name: 'Manage billing' })).toBeVisible();

    // An assistance request, then it shows on the home with its status.
    await page
      .locator('#assistance-requests')
      .getByRole('link', { name: 'Ask for assistance' })
      .click();
    await page.getByLabel('Topic').selectOption({ label: 'Housing' });
    await page
      .getByLabel('Your situation')
      .fill('My landlord has kept my deposit for two months and does not answer my letters.');
    await page.getByRole('radio', { name: 'E-mail' }).check();
    await page.getByRole('radio', { name: 'English' }).check();
    await page.getByRole('button', { name: 'Send my request' }).click();
    await expect(
      page.getByRole('heading', { name: 'Thank you, your request has been sent' }),
    ).toBeVisible();

    // Registering for the workshop: the e-mail gives the date, the place and the .ics.
    await page.goto(WORKSHOP.path);
    await page.locator('#registration').getByRole('button', { name: 'Register' }).click();
    await expect(page.locator('#registration').getByTestId('registration-status')).toHaveText(
      'You are registered.',
    );
    const mail = await waitForMail(email, { subject: /^You are registered: / });
    expect(mail.subject).toBe(`You are registered: ${WORKSHOP.title}`);
    expect(mail.text).toContain(`When: ${parisDateTime(WORKSHOP.startsAt)}`);
    expect(mail.text).toContain('Where: Online');
    expect(mail.text).toContain(`${APP_URL}${WORKSHOP.path}`);
    expect(mail.attachments.map((file) => [file.filename, file.contentType])).toEqual([
      [`${WORKSHOP.slug}.ics`, expect.stringMatching(/^text\/calendar/)],
    ]);
    expect(icsProperties(mail.attachments[0]!.content)).toMatchObject({
      DTSTART: icsUtc(WORKSHOP.startsAt),
      DTEND: icsUtc(WORKSHOP.endsAt),
      SUMMARY: WORKSHOP.title,
      LOCATION: 'Online',
    });

    // Home: the request with its status, the event with its time in Paris; private, no-store.
    const home = await page.goto('/club');
    expect(home?.headers()['cache-control']).toContain('no-store');
    expect(home?.headers()['cache-control']).toContain('private');
    const request = page.locator('#assistance-requests [data-testid="assistance-request"]');
    await expect(request).toHaveCount(1);
    await expect(request).toContainText('Housing');
    await expect(request.getByTestId('assistance-status')).toHaveText('New');
    await expect(myEvents(page)).toHaveCount(1);
    await expect(myEvents(page)).toContainText(WORKSHOP.title);
    await expect(myEvents(page)).toContainText(parisDateTime(WORKSHOP.startsAt));
    await expect(myEvents(page).getByTestId('my-event-status')).toHaveText('You are registered.');
    await expectAccessible(page, 'member home');

    // /account lists the registration too.
    await page.goto('/account');
    await expect(page.locator('#my-events [data-testid="my-event"]')).toContainText(WORKSHOP.title);

    // Cancelling asks first, saying what it does; nothing changes until it is confirmed.
    await page.goto('/club');
    const cancel = myEvents(page).getByTestId('cancel-registration');
    await cancel.locator('summary').click();
    await expect(cancel.getByTestId('cancel-consequence')).toHaveText(
      'Your place is freed for someone else. You can register again while places are left.',
    );
    await expectAccessible(page, 'member home, cancel confirmation open');
    await cancel.getByRole('button', { name: /^Yes, give up my place/ }).click();
    await expect(page).toHaveURL(`${APP_URL}/club?events=cancelled#my-events`);
    await expect(page.getByTestId('my-events-notice')).toHaveText(
      'Your registration is cancelled.',
    );
    await expect(myEvents(page)).toHaveCount(0);
    await page.goto(WORKSHOP.path);
    await expect(
      page.locator('#registration').getByRole('button', { name: 'Register' }),
    ).toBeVisible();
  });

  test('a member’s file shows on their home: the next step, overdue 40 days after applying', async ({
    page,
  }) => {
    const email = uniqueEmail('home-file');
    await becomeMember(page, email);
    // The file as lib/file stores it once saved from the planner (its pages are another
    // package's): the "work" route, the application sent 40 days ago.
    const userId = queryAppDb<{ id: string }>('SELECT id FROM "User" WHERE email = ?', email)[0]
      ?.id;
    expect(userId, 'the member’s user id').toBeTruthy();
    const day = (daysAgo: number) =>
      new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
    const now = new Date().toISOString();
    const fileId = `file-${userId}`;
    writeAppDb((db) => {
      db.prepare(
        'INSERT INTO member_file (id, user_id, answers, route_id, reminders, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)',
      ).run(fileId, userId, JSON.stringify({ number: 'no' }), 'work', now, now);
      db.prepare(
        "INSERT INTO member_file_step (file_id, step_id, done_on, done_by, updated_at) VALUES (?, 'apply', ?, 'member', ?)",
      ).run(fileId, day(40), now);
    });
    const expectedBy = new Intl.DateTimeFormat('en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${day(40)}T00:00:00Z`).getTime() + 21 * 86_400_000);

    await page.goto('/club');
    const file = page.getByTestId('member-home-file');
    await expect(file.getByRole('link', { name: 'Start your Carte Vitale file' })).toHaveCount(0);
    await expect(file.getByTestId('file-next-step')).toContainText(
      'Next step: Temporary number (NIA)',
    );
    await expect(file.getByTestId('file-next-step')).toContainText(
      `Overdue: expected by ${expectedBy}, `,
    );
    await expect(file.getByTestId('file-next-step')).toContainText(
      "(about 3 weeks after your application reached the CPAM (in our members' experience))",
    );
    await expect(file.getByRole('link', { name: 'Open your file' })).toHaveAttribute(
      'href',
      '/account/file',
    );
    await expectAccessible(page, 'member home with a file');
  });

  test('a signed-in non-member and a reader still get the club’s page', async ({ page }) => {
    const asReader = await page.goto('/club');
    expect(asReader?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1, name: 'The Sojoourn Club' })).toBeVisible();
    await expect(page.locator('#my-events')).toHaveCount(0);

    await signIn(page, uniqueEmail('home-non-member'));
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'Sojoourn Club' })).toHaveAttribute('href', '/club');
    await expect(nav.getByRole('link', { name: 'Your club' })).toHaveCount(0);
    await page.goto('/club');
    await expect(page.getByRole('heading', { level: 1, name: 'The Sojoourn Club' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'What members get' })).toBeVisible();
    await expect(page.getByRole('button', { name: /^Join the club/ })).toBeVisible();
    await expect(page.locator('#my-events')).toHaveCount(0);
    await expect(page.getByTestId('member-home-file')).toHaveCount(0);
  });
});
