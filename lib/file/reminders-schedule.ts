// The server's periodic reminders job: every REMINDERS_EVERY_MINUTES (default hourly; 0 turns it
// off for operators who run `npm run reminders` from cron), a few minutes after start. Every
// instance runs it; each reminder is claimed in the database, so it goes once (./reminders-store).
import type { Kysely } from 'kysely';
import { reminderSummary, sendDueReminders } from './reminders';
import type { Database } from '../db/schema';
import { readEnv } from '../platform/env';
import { log } from '../platform/log';
import type { Send } from '../platform/outbox';

/** After start, so that a restart loop or a deploy of several instances does not run it at once. */
const FIRST_RUN_DELAY_MS = 2 * 60_000;

export function scheduleReminders(db: () => Promise<Kysely<Database>>, send: Send): void {
  const minutes = readEnv().REMINDERS_EVERY_MINUTES;
  const holder = globalThis as typeof globalThis & { sojoournReminders?: NodeJS.Timeout };
  if (!minutes || holder.sojoournReminders) return;
  const run = async () => {
    try {
      const report = await sendDueReminders(await db(), { now: new Date(), send });
      if (report.sent || report.kept || report.skipped)
        log.info({ event: 'reminders.done', ...report }, `reminders: ${reminderSummary(report)}`);
    } catch (error) {
      log.error({ event: 'reminders.failed', err: error }, 'reminders run failed');
    }
  };
  holder.sojoournReminders = setTimeout(() => {
    void run();
    holder.sojoournReminders = setInterval(() => void run(), minutes * 60_000);
    holder.sojoournReminders.unref();
  }, FIRST_RUN_DELAY_MS);
  holder.sojoournReminders.unref();
}
