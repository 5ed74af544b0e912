// Members' Carte Vitale files for the e2e specs: days counted from today in France (as the app
// counts them), files seeded where no journey could make them in a test's time, and the desk's
// overdue list searched page by page.
import { randomUUID } from 'node:crypto';
import { expect, type Locator, type Page } from '@playwright/test';
import { queryAppDb, writeAppDb } from './app-db';

/** Today in France, YYYY-MM-DD (the file's days are French calendar days). */
export function todayInFrance(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** `day` moved by `days` calendar days (negative: earlier). */
export function shiftDay(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** "2026-11-26" → "26 November 2026", formatted here rather than with the page's own code. */
export function longDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const months = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ];
  return `${date} ${months[month - 1]} ${year}`;
}

/** The planner's answers for someone employed in France (route "work": apply, NIA, NIR, …). */
export const WORKER_ANSWERS = {
  nationality: 'other',
  situation: 'employed',
  sofar: 'under-3-months',
  plan: 'longer',
  number: 'no',
} as const;

export function userIdOf(email: string): string {
  const [row] = queryAppDb<{ id: string }>(
    'SELECT id FROM "User" WHERE lower(email) = ?',
    email.toLowerCase(),
  );
  if (!row) throw new Error(`no user ${email}`);
  return row.id;
}

/**
 * A file on the "work" route whose application was sent on `appliedOn` (by the member), with a
 * private note on that step. Returns the file's id.
 */
export function seedWorkFile(userId: string, appliedOn: string, note: string | null = null) {
  const fileId = randomUUID();
  const now = new Date().toISOString();
  writeAppDb((db) => {
    db.prepare(
      `INSERT INTO member_file (id, user_id, answers, route_id, reminders, created_at, updated_at)
       VALUES (?, ?, ?, 'work', 1, ?, ?)`,
    ).run(fileId, userId, JSON.stringify(WORKER_ANSWERS), now, now);
    db.prepare(
      `INSERT INTO member_file_step (file_id, step_id, done_on, done_by, done_by_name, note,
         reminders_sent, last_reminded_at, updated_at)
       VALUES (?, 'apply', ?, 'member', NULL, ?, 0, NULL, ?)`,
    ).run(fileId, appliedOn, note, now);
  });
  return fileId;
}

/** Seeds users with no session (they only need to exist for their files). */
export function seedUsers(emails: string[]): string[] {
  const ids = emails.map(() => randomUUID());
  writeAppDb((db) => {
    const insert = db.prepare('INSERT INTO "User" (id, name, email) VALUES (?, NULL, ?)');
    emails.forEach((email, index) => insert.run(ids[index], email));
  });
  return ids;
}

/** Removes seeded users and their files (the desk's overdue list is shared by parallel specs). */
export function removeSeededUsers(ids: string[]) {
  writeAppDb((db) => {
    for (const id of ids) {
      const files = db.prepare('SELECT id FROM member_file WHERE user_id = ?').all(id) as {
        id: string;
      }[];
      for (const { id: fileId } of files) {
        for (const table of ['member_file_step', 'member_file_event', 'member_file_document'])
          db.prepare(`DELETE FROM ${table} WHERE file_id = ?`).run(fileId);
      }
      db.prepare('DELETE FROM member_file WHERE user_id = ?').run(id);
      db.prepare('DELETE FROM "User" WHERE id = ?').run(id);
    }
  });
}

/**
 * The member's row in the desk's overdue list, following "More overdue members" from the first
 * page (other specs' members may be listed before them). Ends on the page that lists them.
 */
export async function findOverdueRow(staff: Page, email: string): Promise<Locator> {
  await staff.goto('/admin');
  for (let pages = 0; pages < 50; pages += 1) {
    const row = staff.getByTestId('overdue-member').filter({ hasText: email });
    if ((await row.count()) > 0) return row;
    const more = staff
      .getByRole('navigation', { name: 'More overdue members' })
      .getByRole('link', { name: 'More overdue members' });
    if ((await more.count()) === 0) break;
    await more.click();
    await expect(staff).toHaveURL(/opage=/);
  }
  throw new Error(`${email} is not on the overdue list`);
}
