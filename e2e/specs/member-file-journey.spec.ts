// Issue 22's "Done when": a member's Carte Vitale file from the planner to a step marked by staff.
// The member answers the planner and saves the route to their file, marks "application sent" 40
// days ago (counted from today), and sees the temporary number overdue with what to do. `npm run
// reminders` (run here with the test server's environment) sends exactly one reminder, and a second
// run the same day none; the one-click stop (a POST, as a mail client sends it) turns reminders
// off. The member asks for help from the file, pre-filled; staff find them on the overdue list,
// mark the step, and the member sees who did. The export holds the file, a reader and a signed-in
// non-member find none of it, and deleting the account erases it.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { appEnv } from '../../playwright.config';
import { queryAppDb } from '../../test/support/app-db';
import { expectAccessible } from '../../test/support/axe';
import { signIn } from '../../test/support/auth';
import { mailFor, waitForMarkerMail } from '../../test/support/mailbox';
import {
  findOverdueRow,
  longDay,
  shiftDay,
  todayInFrance,
  userIdOf,
} from '../../test/support/member-file';
import { becomeMember } from '../../test/support/membership';
import { uniqueEmail } from '../../test/support/people';
import { APP_URL, STAFF_SIGNIN } from '../../test/support/ports';

const run = promisify(execFile);

const PLANNER = '/guides/carte-vitale/planner';
const FILE = '/account/file';
const NIA = 'Temporary number (NIA)';
/** The planner's delay for the temporary number (content/planner/carte-vitale.yaml). */
const NIA_DAYS = 21;
const REMINDER_SUBJECT = /Carte Vitale file: Temporary number \(NIA\) is late/;

/** The questions the planner asks someone employed in France (no follow-ups on this route). */
const WORKER = {
  nationality: 'Another nationality',
  'situation in France': 'Employed by a French employer (a PhD with a work contract counts)',
  'temporary social security number': 'No',
};

async function answerPlanner(page: Page) {
  await page.goto(PLANNER);
  for (const [question, label] of Object.entries(WORKER)) {
    await page
      .getByRole('group', { name: new RegExp(question) })
      .getByLabel(label, { exact: true })
      .check();
  }
  // With JavaScript the answer comes as soon as the last question is answered.
  await expect(page.locator('#your-route').getByRole('heading', { level: 2 })).toHaveText(
    'You join through your work',
  );
}

/** `npm run reminders` with the server's environment; returns its one-line report. */
async function runReminders(): Promise<string> {
  const { stdout } = await run('npm', ['run', '--silent', 'reminders'], {
    // The server's own settings (database, SMTP capture, site address, secret for stop links).
    env: { ...process.env, ...appEnv } as NodeJS.ProcessEnv,
    timeout: 60_000,
  });
  return stdout.trim();
}

const reminderMails = async (email: string) =>
  (await mailFor(email)).filter((mail) => REMINDER_SUBJECT.test(mail.subject));

/** A step of the file page (components/file/MemberFile.tsx), by the planner's step id. */
const fileStep = (page: Page, stepId: string) => page.locator(`#step-${stepId}`);

/** Text searched for in every answer of a crawl; returns where each was found. */
async function crawlFor(
  request: APIRequestContext,
  paths: string[],
  secrets: string[],
): Promise<string[]> {
  const found: string[] = [];
  const sitemap = await (await request.get('/sitemap.xml')).text();
  const pages = [
    ...new Set([
      ...[...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!.trim()).pathname),
      ...paths,
    ]),
  ];
  expect(pages.length, 'pages crawled').toBeGreaterThan(5);
  for (const path of pages) {
    for (const headers of [{}, { RSC: '1' }] as Record<string, string>[]) {
      const response = await request.get(path, { headers, maxRedirects: 10 });
      expect(response.status(), `${path} ${JSON.stringify(headers)}`).toBeLessThan(500);
      const body = await response.text();
      for (const secret of secrets)
        if (body.includes(secret)) found.push(`${path} ${JSON.stringify(headers)}: ${secret}`);
    }
  }
  return found;
}

test('a member follows their Carte Vitale file; reminders, help and staff follow them', async ({
  page,
  browser,
}) => {
  test.setTimeout(6 * 60_000);
  const email = uniqueEmail('file-journey');
  const today = todayInFrance();
  const appliedOn = shiftDay(today, -40);
  const expectedOn = shiftDay(appliedOn, NIA_DAYS);
  const note = `CPAM Lyon ref FJ-${Date.now().toString(36)}, spoke to M. Garnier`;

  // Joins, answers the planner and saves the route to a new file.
  await becomeMember(page, email);
  const userId = userIdOf(email);
  await answerPlanner(page);
  await page.locator('#save-to-file').getByRole('button', { name: 'Save to my file' }).click();
  await expect(page).toHaveURL(new RegExp(`${FILE}(?:[?#]|$)`));
  await expect(page.locator('#summary-title')).toHaveText('You join through your work');

  // "Application sent" 40 days ago, and a private note on it.
  await fileStep(page, 'apply')
    .getByLabel(/The date “Apply to your CPAM”/)
    .fill(appliedOn);
  await fileStep(page, 'apply').getByRole('button', { name: 'Mark done' }).click();
  await expect(page).toHaveURL(/notice=step-done/);
  await expect(fileStep(page, 'apply')).toContainText(`Done on ${longDay(appliedOn)}`);
  await fileStep(page, 'apply').getByLabel('Private note on “Apply to your CPAM”').fill(note);
  await fileStep(page, 'apply').getByRole('button', { name: 'Save the note' }).click();
  await expect(page).toHaveURL(/notice=note-saved/);
  await expect(fileStep(page, 'apply')).toContainText(`Your note: ${note}`);

  // The temporary number is overdue, and the page says what to do now.
  await expect(fileStep(page, 'nia')).toContainText(
    `Overdue: expected by ${longDay(expectedOn)}, ${40 - NIA_DAYS} days ago`,
  );
  const late = page.locator('#overdue');
  await expect(late).toContainText(`${NIA}: expected by ${longDay(expectedOn)}`);
  await expect(late).toContainText('What to do now:');
  await expect(late).toContainText('36 46');
  await expectAccessible(page, `${FILE} with an overdue step`);

  // `npm run reminders`: exactly one reminder; a second run the same day sends none.
  // (Other specs' files may be due too: what counts is this member's mailbox.)
  expect(await runReminders()).toMatch(/^reminders: [1-9]\d* sent\b/m);
  await expect.poll(async () => (await reminderMails(email)).length).toBe(1);
  const [reminder] = await reminderMails(email);
  expect(reminder!.text).toContain(longDay(expectedOn));
  expect(reminder!.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
  expect(await runReminders()).toMatch(/^reminders: \d+ sent\b/m);
  await waitForMarkerMail(page.request);
  expect(await reminderMails(email)).toHaveLength(1);

  // The one-click stop, as a mail client sends it: a POST to the List-Unsubscribe address.
  const oneClick = /<(https?:\/\/[^>]+)>/.exec(reminder!.headers['list-unsubscribe'] ?? '')?.[1];
  expect(oneClick, 'an http(s) stop link in List-Unsubscribe').toBeTruthy();
  const stop = await page.request.fetch(oneClick!.replace(/^https?:\/\/[^/]+/, APP_URL), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    data: 'List-Unsubscribe=One-Click',
    maxRedirects: 0,
  });
  expect(stop.status()).toBe(200);
  expect(queryAppDb('SELECT reminders FROM member_file WHERE user_id = ?', userId)).toEqual([
    { reminders: 0 },
  ]);
  await page.goto(FILE);
  await expect(page.locator('#reminders')).toContainText('Reminders are off.');

  // Help from the file: the request comes pre-filled with where the file stands.
  await page
    .locator('#overdue')
    .getByRole('link', { name: 'Ask an advisor about this step' })
    .click();
  await expect(page).toHaveURL(/\/assistance\?from=file/);
  const situation = page.getByLabel('Your situation');
  const draft = await situation.inputValue();
  expect(draft).toContain('About my Carte Vitale file (You join through your work):');
  expect(draft).toContain(`- Apply to your CPAM: done on ${longDay(appliedOn)}.`);
  expect(draft).toContain(
    `- ${NIA}: overdue, expected by ${longDay(expectedOn)} (${40 - NIA_DAYS} days late).`,
  );
  await expect(page.getByLabel('Topic')).toHaveValue('health-insurance');
  await situation.fill(`${draft}Should I call the CPAM or send the form again?`);
  await page.getByRole('button', { name: 'Send my request' }).click();
  await expect(
    page.getByRole('heading', { name: 'Thank you, your request has been sent' }),
  ).toBeVisible();

  // Staff find the member on the overdue list and mark the temporary number done.
  const staffContext = await browser.newContext({ baseURL: APP_URL });
  const staff = await staffContext.newPage();
  await signIn(staff, STAFF_SIGNIN.fileJourney);
  const row = await findOverdueRow(staff, email);
  await expect(row).toContainText(`${NIA}: expected by ${longDay(expectedOn)}`);
  const niaOn = shiftDay(today, -2);
  await row.getByLabel(/done on/).fill(niaOn);
  await row.getByLabel('Your name, as the member sees it').fill('Camille from Sojoourn');
  await row.getByRole('button', { name: 'Mark done' }).click();
  await expect(staff.getByRole('status')).toContainText('Step marked done.');
  // On the member's request's page, the file now says so, with the note the member wrote.
  await staff.goto(`/admin?aq=${encodeURIComponent(email)}`);
  await staff
    .getByTestId('inbox-assistance-request')
    .filter({ hasText: email })
    .getByRole('heading')
    .getByRole('link')
    .click();
  await expect(staff).toHaveURL(/\/admin\/assistance\//);
  const beside = staff
    .getByTestId('inbox-assistance-request')
    .filter({ hasText: email })
    .getByTestId('member-file');
  await expect(beside.getByTestId('member-file-step').filter({ hasText: NIA })).toContainText(
    `Done on ${longDay(niaOn)} by Camille from Sojoourn`,
  );
  await expect(beside).toContainText(note);
  await staffContext.close();

  // The member sees who marked it, on the step and in the file's history.
  await page.goto(FILE);
  await expect(fileStep(page, 'nia')).toContainText(
    `Done on ${longDay(niaOn)} — marked by Camille from Sojoourn (Sojoourn staff)`,
  );
  await expect(page.locator('#history')).toContainText(
    `Camille from Sojoourn (Sojoourn staff): Marked “${NIA}” done on ${longDay(niaOn)}`,
  );

  // The export holds the file.
  const exported = await page.request.get('/account/export');
  expect(exported.status()).toBe(200);
  const data = JSON.stringify(await exported.json());
  expect(data).toContain(note);
  expect(data).toContain(appliedOn);
  expect(data).toContain('Camille from Sojoourn');

  // A reader and a signed-in non-member find none of it.
  const secrets = [note, email];
  const privatePages = [FILE, '/account', '/account/export', '/admin', '/club', '/assistance'];
  // (The same crawl as the member finds the note on their file: the check can fail.)
  expect(await crawlFor(page.context().request, [FILE], [note])).toContain(`${FILE} {}: ${note}`);
  const reader = await browser.newContext({ baseURL: APP_URL });
  expect(await crawlFor(reader.request, privatePages, secrets)).toEqual([]);
  await reader.close();
  const outsiderContext = await browser.newContext({ baseURL: APP_URL });
  const outsider = await outsiderContext.newPage();
  await signIn(outsider, uniqueEmail('file-outsider'));
  expect(await crawlFor(outsiderContext.request, privatePages, secrets)).toEqual([]);
  await outsiderContext.close();

  // Deleting the account erases the file, its steps and its history.
  const [file] = queryAppDb<{ id: string }>('SELECT id FROM member_file WHERE user_id = ?', userId);
  expect(file).toBeDefined();
  // Deleting needs a sign-in from the last 10 minutes: a fresh one, on another device.
  const deviceContext = await browser.newContext({ baseURL: APP_URL });
  const device = await deviceContext.newPage();
  await signIn(device, email);
  await device.goto('/account');
  const danger = device.locator('#delete-account');
  await danger.getByLabel('Type DELETE to confirm').fill('DELETE');
  await danger.getByRole('button', { name: 'Delete my account' }).click();
  await expect(
    device.getByRole('heading', { level: 1, name: 'Your account is deleted' }),
  ).toBeVisible();
  await deviceContext.close();
  for (const table of ['member_file_step', 'member_file_event', 'member_file_document'])
    expect(queryAppDb(`SELECT 1 FROM ${table} WHERE file_id = ?`, file!.id), table).toEqual([]);
  expect(queryAppDb('SELECT 1 FROM member_file WHERE user_id = ?', userId)).toEqual([]);
});
