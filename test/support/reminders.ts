// The file reminders in e2e: `npm run reminders` against the server under test (same database,
// SMTP capture and secret as the server), and a member's file seeded with an overdue step.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { appEnv } from '../../playwright.config';
import { queryAppDb, writeAppDb } from './app-db';

/**
 * Runs `npm run reminders` with the server's environment; returns its one-line summary. It sends
 * whatever is due in the whole database, other specs' members included: assert on a member's own
 * mailbox, not on the counts.
 */
export async function runReminders(): Promise<string> {
  const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'reminders'], {
    env: { ...process.env, ...appEnv } as NodeJS.ProcessEnv,
    timeout: 60_000,
  });
  return (
    stdout
      .trim()
      .split('\n')
      .findLast((line) => line.startsWith('reminders:')) ?? stdout
  );
}

/** The calendar day `days` ago in France, YYYY-MM-DD. */
export function franceDayAgo(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(
    new Date(Date.now() - days * 86_400_000),
  );
}

/**
 * Gives the (signed-up) member a file on the work route with "apply" done `daysAgo` days ago, as
 * if saved from the planner: with 40, the temporary number (about 3 weeks) is overdue.
 */
export function seedFileWithOverdueStep(email: string, daysAgo = 40): string {
  const userId = queryAppDb<{ id: string }>('SELECT id FROM "User" WHERE email = ?', email)[0]?.id;
  if (!userId) throw new Error(`no user ${email}`);
  const fileId = randomUUID();
  const now = new Date().toISOString();
  writeAppDb((db) => {
    db.prepare(
      `INSERT INTO member_file (id, user_id, answers, route_id, reminders, created_at, updated_at)
       VALUES (?, ?, '{}', 'work', 1, ?, ?)`,
    ).run(fileId, userId, now, now);
    db.prepare(
      `INSERT INTO member_file_step (file_id, step_id, done_on, done_by, updated_at)
       VALUES (?, 'apply', ?, 'member', ?)`,
    ).run(fileId, franceDayAgo(daysAgo), now);
  });
  return fileId;
}

export const remindersOn = (fileId: string) =>
  queryAppDb<{ reminders: number }>('SELECT reminders FROM member_file WHERE id = ?', fileId)[0]
    ?.reminders;
