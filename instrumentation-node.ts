// Server start-up: refuse to run production with missing settings, migrate the database before the
// first request, then housekeeping (now and hourly), the mail outbox's retries, the file reminders
// and a graceful, bounded shutdown on SIGTERM.
import { closeSharedDatabase, sharedDatabase } from './lib/db/connect';
import { scheduleHousekeeping } from './lib/db/housekeeping-schedule';
import { isProduction, productionEnvWarnings, productionStartRefusal } from '@/lib/platform/env';
import { installGracefulShutdown } from '@/lib/platform/shutdown';

if (isProduction()) {
  // `npm start` refuses before Next starts (scripts/start-check.ts); this covers `next start` run
  // directly and any other way of starting a server.
  const refusal = productionStartRefusal();
  if (refusal) {
    console.error(`\n${refusal}\n`);
    process.exit(1);
  }
  for (const warning of productionEnvWarnings()) console.warn(`[sojoourn] warning: ${warning}`);
}

const db = await sharedDatabase();
scheduleHousekeeping(() => db);
if (isProduction()) installGracefulShutdown({ close: closeSharedDatabase });

// E-mail kept while SMTP was down (lib/platform/outbox.ts): retried now and every minute. A failure
// here is logged, never fatal: the messages stay in the table for the next pass.
async function retryKeptMail() {
  try {
    const [{ retryOutbox }, { sendMail }] = await Promise.all([
      import('./lib/platform/outbox'),
      import('./lib/platform/mail'),
    ]);
    const { sent, failed } = await retryOutbox(await sharedDatabase(), sendMail);
    if (sent || failed) console.info(`[mail] outbox retry: ${sent} sent, ${failed} still waiting`);
  } catch (error) {
    console.error('[mail] outbox retry failed:', (error as Error).message);
  }
}
void retryKeptMail();
setInterval(() => void retryKeptMail(), 60_000).unref();

// Overdue reminders of members' files: a few minutes after start, then hourly (REMINDERS_EVERY_MINUTES;
// 0 leaves them to `npm run reminders`). Each reminder is claimed in the database, so every instance
// may run it and a reminder still goes once.
const [{ scheduleReminders }, { sendMail: sendReminder }] = await Promise.all([
  import('./lib/file/reminders-schedule'),
  import('./lib/platform/mail'),
]);
scheduleReminders(sharedDatabase, sendReminder);

// Changes of followed guides in the content this build publishes: announced once at start (claimed
// in the database, so several instances starting together send each e-mail once).
const { announceAtStart } = await import('./lib/follow/announce-schedule');
void announceAtStart(sharedDatabase, sendReminder);
