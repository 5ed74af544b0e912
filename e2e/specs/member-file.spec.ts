// "My Carte Vitale file" (issue 22), the member's part: save the planner's route to a file, mark
// the application sent 40 days ago, see the temporary number late with what to do, a note, the
// checklist, the .ics, reminders on/off, an assistance request started from the file, the print
// view; the same without JavaScript; and what a reader and a signed-in non-member are offered.
// Every date is computed from today: nothing here depends on a calendar date.
import { expect, test, type Page } from '@playwright/test';
import { queryAppDb } from '../../test/support/app-db';
import { expectAccessible } from '../../test/support/axe';
import { signIn } from '../../test/support/auth';
import { becomeMember } from '../../test/support/membership';
import { uniqueEmail } from '../../test/support/people';
import { standin } from '../../test/support/standin';

const PLANNER = '/guides/carte-vitale/planner';
/**
 * An EU national employed in France, no number yet: the `work` route. Only the questions the
 * planner asks someone employed: it drops the others from the addresses it makes.
 */
const WORK = '?nationality=eea&situation=employed&number=no';
const SELF_EMPLOYED = WORK.replace('situation=employed', 'situation=self-employed');
const AMELI_S1106 =
  'https://www.ameli.fr/assure/droits-demarches/europe-international/protection-sociale-france/ne-etranger-demander-numero-securite-sociale';

/** Today in France, minus `days`, as YYYY-MM-DD (what a date input holds). */
function daysAgo(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}
/** "2026-11-26" → "26 November 2026", as the site writes days. */
const spelled = (day: string) =>
  new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${day}T00:00:00Z`));

const step = (page: Page, id: string) => page.locator(`#step-${id}`);

async function markDone(page: Page, id: string, day: string) {
  await step(page, id).locator(`#done-${id}`).fill(day);
  await step(page, id).getByRole('button', { name: 'Mark done' }).click();
  await expect(step(page, id)).toContainText(`Done on ${spelled(day)}`);
}

test.describe('the Carte Vitale file', () => {
  test('a reader is asked to sign in first and comes back to the same answers; a non-member is invited to join', async ({
    page,
  }) => {
    await page.goto(`${PLANNER}${WORK}`);
    const offer = page.locator('#save-to-file');
    await expect(offer).toContainText('see when to expect the next one');
    const signInLink = offer.getByRole('link', { name: 'Sign in to save this route' });
    const back = `${PLANNER}${WORK}#save-to-file`;
    await expect(signInLink).toHaveAttribute(
      'href',
      `/signin?callbackUrl=${encodeURIComponent(back)}`,
    );
    await expect(offer.getByRole('button', { name: /save to my file/i })).toHaveCount(0);
    await expectAccessible(page, 'planner answer, signed out');

    // Signing in from there brings them back to their answers: now a signed-in non-member.
    const email = uniqueEmail('file-nonmember');
    await signIn(page, email, back);
    await expect(page).toHaveURL(new RegExp(`${PLANNER.replace(/\//g, '\\/')}\\?nationality=eea`));
    await expect(page.getByLabel('EU, EEA or Swiss')).toBeChecked();
    await expect(offer.getByRole('link', { name: 'Join the club to keep a file' })).toHaveAttribute(
      'href',
      `/club/join?returnTo=${encodeURIComponent(back)}`,
    );
    await expect(offer.getByRole('button', { name: /save to my file/i })).toHaveCount(0);
    await expectAccessible(page, 'planner answer, signed-in non-member');

    // Their file page says what a file does and how to get one; there is no file to download.
    await page.goto('/account/file');
    await expect(page.getByRole('heading', { name: 'What the file does' })).toBeVisible();
    await expect(page.getByRole('link', { name: /join the club/i })).toBeVisible();
    expect((await page.request.get('/account/file/calendar.ics')).status()).toBe(404);
    await expectAccessible(page, 'file page, non-member');
  });

  test('a member saves the route, marks the application sent 40 days ago and is told the temporary number is late', async ({
    page,
  }) => {
    test.slow();
    const email = uniqueEmail('file-member');
    await becomeMember(page, email);
    await page.goto(`${PLANNER}${WORK}`);
    await page.locator('#save-to-file').getByRole('button', { name: 'Save to my file' }).click();
    await expect(page).toHaveURL(/\/account\/file\?notice=created/);
    await expect(
      page.getByRole('status').filter({ hasText: 'Your file is started' }),
    ).toBeVisible();
    await expect(page.locator('[data-step]')).toHaveCount(6);
    await expect(page.getByTestId('next-step')).toHaveText('Apply to your CPAM');

    const applied = daysAgo(40);
    await markDone(page, 'apply', applied);

    // The temporary number: expected 3 weeks after, in the members' experience; 19 days late.
    const late = page.locator('#overdue');
    await expect(late.getByRole('heading', { name: 'A step is late' })).toBeVisible();
    await expect(late).toContainText(
      `Temporary number (NIA): expected by ${spelled(daysAgo(19))} (in our members’ experience, about 3 weeks after your application reached the CPAM), now 19 days late.`,
    );
    await expect(late).toContainText('36 46');
    await expect(late.getByRole('link', { name: /ameli’s page/ })).toHaveAttribute(
      'href',
      AMELI_S1106,
    );
    await expect(step(page, 'nia')).toContainText(`Overdue: expected by ${spelled(daysAgo(19))}`);
    // The permanent number: an official delay, counted from the application.
    await expect(step(page, 'nir')).toContainText('official delay: up to 9 months');
    await expectAccessible(page, 'file with a late step');

    // A private note on the late step.
    await step(page, 'nia')
      .getByLabel(/Private note/)
      .fill('Called 36 46, they said next week');
    await step(page, 'nia').getByRole('button', { name: 'Save the note' }).click();
    await expect(step(page, 'nia')).toContainText('Your note: Called 36 46, they said next week');

    // A note too long for the cap is refused and kept as typed.
    const long = 'x'.repeat(520);
    await step(page, 'nia')
      .locator('#note-nia')
      .evaluate((input) => input.removeAttribute('maxlength'));
    await step(page, 'nia').locator('#note-nia').fill(long);
    await step(page, 'nia').getByRole('button', { name: 'Save the note' }).click();
    await expect(step(page, 'nia')).toContainText('Please keep the note under 500 characters.');
    await expect(step(page, 'nia').locator('#note-nia')).toHaveValue(long);
    // A date in the future is refused with a clear message, and what was typed stays.
    const tomorrow = daysAgo(-1);
    await step(page, 'nia')
      .locator('#done-nia')
      .evaluate((input) => input.removeAttribute('max'));
    await step(page, 'nia').locator('#done-nia').fill(tomorrow);
    await step(page, 'nia').getByRole('button', { name: 'Mark done' }).click();
    await expect(step(page, 'nia')).toContainText('That date is in the future');
    await expect(step(page, 'nia').locator('#done-nia')).toHaveValue(tomorrow);
    await expect(step(page, 'nia').locator('#done-nia')).toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(page, 'file with a refused date');

    // The document checklist is kept with the file.
    await page.getByLabel('Form S1106 (cerfa 15763), filled in and signed').check();
    await page.getByRole('button', { name: 'Save the checklist' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Checklist saved' })).toBeVisible();
    await page.reload();
    await expect(page.getByLabel('Form S1106 (cerfa 15763), filled in and signed')).toBeChecked();
    await expect(page.getByLabel('Your valid residence permit')).toHaveCount(0);

    // Reminders: off, then on again.
    await page.getByRole('button', { name: 'Turn reminders off' }).click();
    await expect(page.locator('#reminders')).toContainText('Reminders are off.');
    await page.getByRole('button', { name: 'Turn reminders on' }).click();
    await expect(page.locator('#reminders')).toContainText('Reminders are on.');

    // The calendar of the expected dates.
    const ics = await page.request.get('/account/file/calendar.ics');
    expect(ics.status()).toBe(200);
    expect(ics.headers()['content-type']).toContain('text/calendar');
    expect(ics.headers()['cache-control']).toContain('no-store');
    const calendar = await ics.text();
    expect(calendar).toContain(`DTSTART;VALUE=DATE:${daysAgo(19).replace(/-/g, '')}`);
    expect(calendar).toContain('SUMMARY:Expected: Temporary number (NIA)');
    expect(calendar).toContain(`DTSTART;VALUE=DATE:${daysAgo(40 - 274).replace(/-/g, '')}`);
    await expect(
      page.getByRole('link', { name: /expected dates to your calendar/ }),
    ).toHaveAttribute('href', '/account/file/calendar.ics');

    // The history, as the member sees it.
    await expect(page.locator('#history')).toContainText(
      `You: Marked “Apply to your CPAM” done on ${spelled(applied)}`,
    );

    // Printed: a summary without the forms.
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('button', { name: 'Mark done' }).first()).toBeHidden();
    await expect(page.locator('#summary')).toBeVisible();
    await expect(page.locator('#overdue')).toBeVisible();
    await page.emulateMedia({ media: 'screen' });

    // Asking an advisor from the late step: the request starts with the file's state.
    await page
      .locator('#overdue')
      .getByRole('link', { name: 'Ask an advisor about this step' })
      .click();
    await expect(page).toHaveURL(/\/assistance\?from=file$/);
    const description = page.getByLabel('Your situation');
    await expect(description).toHaveValue(/Apply to your CPAM: done on/);
    await expect(description).toHaveValue(/Temporary number \(NIA\): overdue, .*19 days late/);
    await expect(page.getByLabel('Topic')).toHaveValue('health-insurance');

    // The data export holds the file; the account page links to it.
    const exported = await (await page.request.get('/account/export')).json();
    expect(exported.carteVitaleFile).toMatchObject({
      route: 'work',
      steps: expect.arrayContaining([
        expect.objectContaining({ step: 'apply', doneOn: applied }),
        expect.objectContaining({ step: 'nia', note: 'Called 36 46, they said next week' }),
      ]),
      documentsChecked: [expect.objectContaining({ document: 'form' })],
    });
    await page.goto('/account');
    await page.getByRole('link', { name: 'Open my file' }).click();
    await expect(page).toHaveURL(/\/account\/file$/);
  });

  test('without JavaScript, a member saves the route, marks a step, and re-saving keeps the date', async ({
    page,
    browser,
  }) => {
    test.slow();
    const email = uniqueEmail('file-nojs');
    await becomeMember(page, email);
    const context = await browser.newContext({
      javaScriptEnabled: false,
      storageState: await page.context().storageState(),
    });
    const noJs = await context.newPage();
    await noJs.goto(`${PLANNER}${WORK}`);
    await noJs.getByRole('button', { name: 'Save to my file' }).click();
    await expect(noJs).toHaveURL(/\/account\/file\?notice=created/);
    const applied = daysAgo(3);
    await markDone(noJs, 'apply', applied);
    await expect(step(noJs, 'nia')).toContainText(
      `To do — expect it by ${spelled(daysAgo(3 - 21))}`,
    );

    // Answering again on the same route: the file follows, the date stays.
    await noJs.goto(`${PLANNER}${SELF_EMPLOYED}`);
    await noJs.getByRole('button', { name: 'Update my file with this route' }).click();
    await expect(noJs).toHaveURL(/\/account\/file\?notice=updated/);
    await expect(step(noJs, 'apply')).toContainText(`Done on ${spelled(applied)}`);

    await context.close();
  });

  test('a lapsed member reads their file, cannot change it, and is told how to rejoin', async ({
    page,
  }) => {
    test.slow();
    const email = uniqueEmail('file-lapsed');
    await becomeMember(page, email);
    await page.goto(`${PLANNER}${WORK}`);
    await page.getByRole('button', { name: 'Save to my file' }).click();
    const applied = daysAgo(5);
    await markDone(page, 'apply', applied);
    const status = () =>
      queryAppDb<{ status: string; subscription_id: string }>(
        'SELECT m.status, m.subscription_id FROM membership m JOIN "User" u ON u.id = m.user_id WHERE lower(u.email) = ?',
        email.toLowerCase(),
      )[0];
    await standin.deleteSubscription(status()!.subscription_id);
    await standin.flush();
    await expect.poll(() => status()?.status).toBe('canceled');

    await page.goto('/account/file');
    await expect(page.getByRole('heading', { name: 'Your file is read-only' })).toBeVisible();
    await expect(step(page, 'apply')).toContainText(`Done on ${spelled(applied)}`);
    await expect(
      page.getByRole('button', { name: /Mark done|Save the note|Turn reminders/ }),
    ).toHaveCount(0);
    await expect(page.getByRole('link', { name: /join the club/i })).toBeVisible();
    await expectAccessible(page, 'file, read-only');
    // The planner offers to rejoin instead of saving.
    await page.goto(`${PLANNER}${WORK}`);
    await expect(
      page.locator('#save-to-file').getByRole('link', { name: 'Rejoin the club' }),
    ).toBeVisible();
    await expect(page.getByRole('button', { name: /my file/ })).toHaveCount(0);
    // Their data is still theirs to download.
    const exported = await (await page.request.get('/account/export')).json();
    expect(exported.carteVitaleFile.steps).toEqual([
      expect.objectContaining({ step: 'apply', doneOn: applied }),
    ]);
  });
});
