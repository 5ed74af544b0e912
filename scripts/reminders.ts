// `npm run reminders` (for operators who prefer cron to the server's hourly job; both may run: each
// reminder is claimed in the database, so it goes once). Same environment as the server
// (DATABASE_URL, EMAIL_SERVER/EMAIL_FROM, NEXTAUTH_URL or SITE_URL for the links, NEXTAUTH_SECRET
// for the stop links). Prints one line; an e-mail SMTP refused stays in the outbox, which the
// server retries. Runs with `--conditions=react-server` so the 'server-only' markers allow it.
import { migrateToLatest, openDatabase } from '../lib/db/connect';
import { reminderSummary, sendDueReminders } from '../lib/file/reminders';
import { scrubText } from '../lib/platform/log';
import { sendMail } from '../lib/platform/mail';

const db = openDatabase();
try {
  await migrateToLatest(db);
  const report = await sendDueReminders(db, { now: new Date(), send: sendMail });
  console.log(`reminders: ${reminderSummary(report)}`);
} catch (error) {
  console.error(`reminders: failed: ${scrubText((error as Error).message)}`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
