// Members' Carte Vitale files on the staff desk (issue 22, "What staff get"): how many files are
// at each step, the members whose step is overdue (oldest first, in pages), each assistance request
// with the member's file beside it, and a step marked from the desk (a plain form, no JavaScript)
// recorded in the file's history. Staff only: a member replaying the form changes nothing.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { queryAppDb, writeAppDb } from '../../test/support/app-db';
import { expectAccessible } from '../../test/support/axe';
import { signIn } from '../../test/support/auth';
import {
  findOverdueRow,
  longDay,
  removeSeededUsers,
  seedUsers,
  seedWorkFile,
  shiftDay,
  todayInFrance,
  userIdOf,
} from '../../test/support/member-file';
import { becomeMember } from '../../test/support/membership';
import { uniqueEmail } from '../../test/support/people';
import { APP_URL, STAFF_SIGNIN } from '../../test/support/ports';

const NIA = 'Temporary number (NIA)';
/** The planner's delay for the temporary number (content/planner/carte-vitale.yaml). */
const NIA_DAYS = 21;

async function sendAssistanceRequest(page: Page, description: string) {
  await page.goto('/assistance');
  await page.getByLabel('Topic').selectOption({ label: 'Health insurance' });
  await page.getByLabel('Your situation').fill(description);
  await page.getByRole('button', { name: 'Send my request' }).click();
  await expect(
    page.getByRole('heading', { name: 'Thank you, your request has been sent' }),
  ).toBeVisible();
}

/** A second context with the same session and JavaScript off: the desk's forms are plain posts. */
async function withoutJavaScript(browser: Browser, page: Page): Promise<Page> {
  const context = await browser.newContext({
    baseURL: APP_URL,
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
  });
  return context.newPage();
}

const fileEvents = (userId: string) =>
  queryAppDb<{ actor_kind: string; actor_name: string | null; action: string; step_id: string }>(
    `SELECT e.actor_kind, e.actor_name, e.action, e.step_id FROM member_file_event e
     JOIN member_file f ON f.id = e.file_id WHERE f.user_id = ? ORDER BY e.created_at`,
    userId,
  );
const stepRow = (userId: string, stepId: string) =>
  queryAppDb<{ done_on: string | null; done_by: string | null; done_by_name: string | null }>(
    `SELECT s.done_on, s.done_by, s.done_by_name FROM member_file_step s
     JOIN member_file f ON f.id = s.file_id WHERE f.user_id = ? AND s.step_id = ?`,
    userId,
    stepId,
  )[0];

test.describe("members' files on the staff desk", () => {
  test('staff see the file beside the request and on the overdue list, and mark a step without JavaScript', async ({
    page,
    browser,
  }) => {
    test.slow();
    const email = uniqueEmail('file-desk');
    await becomeMember(page, email);
    const userId = userIdOf(email);
    const today = todayInFrance();
    const appliedOn = shiftDay(today, -40);
    const expectedOn = shiftDay(appliedOn, NIA_DAYS);
    const note = `CPAM reference ${Date.now().toString(36)}, spoke to Mme Roux`;
    seedWorkFile(userId, appliedOn, note);
    await sendAssistanceRequest(page, 'Where is my temporary number? I applied weeks ago.');

    const staffContext = await browser.newContext({ baseURL: APP_URL });
    const staff = await staffContext.newPage();
    await signIn(staff, STAFF_SIGNIN.files);
    const response = await staff.goto('/admin');
    expect(response?.headers()['cache-control']).toContain('no-store');

    // How many files are at each step: this member's is waiting for the temporary number.
    const counts = staff.getByTestId('file-step-counts');
    const niaCount = counts.getByRole('row', {
      name: new RegExp(`^${NIA.replace(/[()]/g, '\\$&')}`),
    });
    await expect(niaCount).toHaveCount(1);
    expect(Number(await niaCount.getByRole('cell').textContent())).toBeGreaterThanOrEqual(1);

    // On the overdue list, with how late, and the date it was expected.
    const overdue = await findOverdueRow(staff, email);
    await expect(overdue).toContainText(
      `${NIA}: expected by ${longDay(expectedOn)} (${40 - NIA_DAYS} days late)`,
    );

    // On the member's request's page (one link from its row in the inbox): the route, steps,
    // dates and the member's private note.
    await staff.goto(`/admin?aq=${encodeURIComponent(email)}`);
    const row = staff.getByTestId('inbox-assistance-request').filter({ hasText: email });
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId('member-file')).toHaveCount(0);
    await row.getByRole('heading').getByRole('link').click();
    await expect(staff).toHaveURL(/\/admin\/assistance\/[0-9a-f-]{36}\?aq=/);
    const requestPage = staff.url();
    const request = staff.getByTestId('inbox-assistance-request').filter({ hasText: email });
    await expect(request).toHaveCount(1);
    const file = request.getByTestId('member-file');
    await expect(file.getByRole('heading')).toHaveText(
      'Carte Vitale file: You join through your work',
    );
    const steps = file.getByTestId('member-file-step');
    await expect(steps.filter({ hasText: 'Apply to your CPAM' })).toContainText(
      `Done on ${longDay(appliedOn)} by the member`,
    );
    await expect(steps.filter({ hasText: 'Apply to your CPAM' })).toContainText(note);
    await expect(steps.filter({ hasText: NIA })).toContainText(
      `Overdue: expected by ${longDay(expectedOn)}`,
    );
    await expectAccessible(staff, 'a request’s page with a member file');

    // Without JavaScript: a date in the future is refused beside the form, what was typed stays.
    const noJs = await withoutJavaScript(browser, staff);
    await noJs.goto(requestPage);
    const plainFile = noJs
      .getByTestId('inbox-assistance-request')
      .filter({ hasText: email })
      .getByTestId('member-file');
    const tomorrow = shiftDay(today, 1);
    await plainFile.getByLabel('Step').selectOption({ label: NIA });
    await plainFile.getByLabel('Done on').fill(tomorrow);
    await plainFile.getByLabel('Your name, as the member sees it').fill('Camille Desk');
    await plainFile.getByRole('button', { name: 'Mark done' }).click();
    await expect(noJs.getByRole('status')).toHaveText(
      'That date was not accepted: see the message beside the form.',
    );
    expect(noJs.url().split('?')[0]).toBe(requestPage.split('?')[0]);
    const refused = noJs
      .getByTestId('inbox-assistance-request')
      .filter({ hasText: email })
      .getByTestId('member-file');
    await expect(refused.getByRole('alert')).toHaveText(/in the future/);
    await expect(refused.getByLabel('Done on')).toHaveValue(tomorrow);
    await expect(refused.getByLabel('Done on')).toHaveAttribute('aria-invalid', 'true');
    await expect(refused.getByLabel('Step')).toHaveValue('nia');
    await expect(refused.getByLabel('Your name, as the member sees it')).toHaveValue(
      'Camille Desk',
    );
    expect(stepRow(userId, 'nia')?.done_on ?? null).toBeNull();

    // A day that has happened: marked, and recorded as staff's, with the name given.
    const yesterday = shiftDay(today, -1);
    await refused.getByLabel('Done on').fill(yesterday);
    await refused.getByRole('button', { name: 'Mark done' }).click();
    await expect(noJs.getByRole('status')).toHaveText(
      'Step marked done. The member sees it on their file, with your name.',
    );
    const marked = noJs
      .getByTestId('inbox-assistance-request')
      .filter({ hasText: email })
      .getByTestId('member-file');
    await expect(marked.getByTestId('member-file-step').filter({ hasText: NIA })).toContainText(
      `Done on ${longDay(yesterday)} by Camille Desk`,
    );
    await expect(marked.getByTestId('member-file-event').last()).toContainText(
      `Camille Desk (staff) marked “${NIA}” done on ${longDay(yesterday)}`,
    );
    await noJs.context().close();
    expect(stepRow(userId, 'nia')).toEqual({
      done_on: yesterday,
      done_by: 'staff',
      done_by_name: 'Camille Desk',
    });
    expect(fileEvents(userId).at(-1)).toEqual({
      actor_kind: 'staff',
      actor_name: 'Camille Desk',
      action: 'marked-done',
      step_id: 'nia',
    });

    // No longer overdue: the next step (the permanent number) is months away.
    await staff.goto('/admin');
    await expect(findOverdueRow(staff, email)).rejects.toThrow(/not on the overdue list/);
    await staffContext.close();
  });

  test('the overdue list is oldest first, in pages; a member replaying the mark form changes nothing', async ({
    page,
    browser,
  }) => {
    test.slow();
    // 27 files applied for in 2001, a day apart: older than any other spec's, so they lead the list.
    const stamp = Date.now().toString(36);
    const emails = Array.from(
      { length: 27 },
      (_, index) => `old-file-${stamp}-${index}@example.test`,
    );
    const ids = seedUsers(emails);
    try {
      ids.forEach((id, index) => seedWorkFile(id, shiftDay('2001-01-01', index)));

      await signIn(page, STAFF_SIGNIN.overdue);
      await page.goto('/admin');
      const rows = page.getByTestId('overdue-member');
      await expect(rows).toHaveCount(25);
      await expect(page.getByTestId('overdue-count')).toContainText(': 1 to 25 shown');
      for (let index = 0; index < 25; index += 1) {
        await expect(rows.nth(index)).toContainText(emails[index]!);
      }
      await expect(rows.first()).toContainText(
        `expected by ${longDay(shiftDay('2001-01-01', NIA_DAYS))}`,
      );
      await page
        .getByRole('navigation', { name: 'More overdue members' })
        .getByRole('link', { name: 'More overdue members' })
        .click();
      await expect(page).toHaveURL(/[?&]opage=2#overdue-title$/);
      await expect(page.getByTestId('overdue-count')).toContainText(': 26 to');
      await expect(rows.nth(0)).toContainText(emails[25]!);
      await expect(rows.nth(1)).toContainText(emails[26]!);
      await expectAccessible(page, '/admin overdue, page 2');

      // Staff's own mark-form post, captured without JavaScript and replayed by a member.
      const noJs = await withoutJavaScript(browser, page);
      await noJs.goto('/admin');
      const first = noJs.getByTestId('overdue-member').filter({ hasText: emails[0]! });
      await first.getByLabel(/done on/).fill(shiftDay(todayInFrance(), -2));
      const [post] = await Promise.all([
        noJs.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/admin'),
        first.getByRole('button', { name: 'Mark done' }).click(),
      ]);
      await expect(noJs.getByRole('status')).toContainText('Step marked done.');
      const headers = await post.allHeaders();
      const body = post.postDataBuffer();
      await noJs.context().close();
      expect(body?.toString()).toContain(ids[0]!);
      expect(stepRow(ids[0]!, 'nia')?.done_by).toBe('staff');
      const replay = (request: Page['request']) =>
        request.post('/admin', {
          headers: { 'content-type': headers['content-type']!, origin: APP_URL },
          data: body!,
          maxRedirects: 0,
        });
      const unmark = () =>
        writeAppDb((db) => {
          db.prepare(
            `UPDATE member_file_step SET done_on = NULL, done_by = NULL, done_by_name = NULL
             WHERE step_id = 'nia' AND file_id = (SELECT id FROM member_file WHERE user_id = ?)`,
          ).run(ids[0]);
        });

      // Control: the same bytes from staff's own session are a valid call (the step is marked
      // again), so what follows tests the access check, not a broken replay.
      unmark();
      expect((await replay(page.request)).status()).toBeLessThan(400);
      await expect.poll(() => stepRow(ids[0]!, 'nia')?.done_by ?? null).toBe('staff');
      unmark();
      const eventsBefore = fileEvents(ids[0]!).length;
      const memberContext = await browser.newContext({ baseURL: APP_URL });
      const member = await memberContext.newPage();
      await becomeMember(member, uniqueEmail('file-forger'));
      expect((await replay(member.request)).status()).toBeLessThan(500);
      const desk = await member.goto('/admin');
      expect(desk?.status()).toBe(404);
      await memberContext.close();
      expect(stepRow(ids[0]!, 'nia')?.done_on ?? null).toBeNull();
      expect(fileEvents(ids[0]!)).toHaveLength(eventsBefore);
    } finally {
      removeSeededUsers(ids);
    }
  });
});
