// The reminders run (the server's hourly job and `npm run reminders`): reads the files in pages,
// decides each step's reminder with the cadence (./reminders-cadence), claims each one due in the
// database together with its e-mail in the outbox (./reminders-store), then tries to send it.
//
// Crash safety: the claim and the outbox row commit together, so a reminder is counted exactly when
// its e-mail is kept. A crash before the commit loses nothing (the next run finds it due again); a
// crash after it leaves the e-mail in the outbox, which the retry sends after REMINDER_SEND_HOLD_MS.
// Like every outbox e-mail, one whose send succeeded but whose "sent" mark was lost (a crash in
// between) may go twice; no reminder is ever lost or counted without its e-mail.
import type { Kysely } from 'kysely';
import { dayOf, fileSteps } from './expected';
import { reminderDecision, type NoReminderReason } from './reminders-cadence';
import { overdueReminderEmail } from './reminders-email';
import { claimReminder } from './reminders-store';
import { issueStopToken } from './reminders-token';
import { listFiles } from './store';
import { ownFileAccess } from '../access';
import { readMembership } from '../billing/membership-store';
import type { Database } from '../db/schema';
import { authSecret, staffEmailList } from '../platform/env';
import { log } from '../platform/log';
import { sendStoredMail, type Send } from '../platform/outbox';
import { loadPlanner } from '../planner/load';
import { answersFromParams } from '../planner/rules';
import type { PlannerFile } from '../planner/schema';

export interface ReminderRunOptions {
  now: Date;
  send: Send;
  planner?: PlannerFile;
  /** The app secret that signs the stop links (NEXTAUTH_SECRET). */
  secret?: string;
  /** Files read per page. */
  batchSize?: number;
}

/** What a run did: e-mails sent now, kept in the outbox for a retry, and overdue steps skipped. */
export interface ReminderRunReport {
  files: number;
  sent: number;
  kept: number;
  skipped: number;
  /** Why overdue steps got no reminder this run; 'claimed-elsewhere': another run took it. */
  skippedBecause: Partial<Record<SkipReason, number>>;
}

type SkipReason =
  Exclude<NoReminderReason, 'not-on-route' | 'done' | 'not-overdue'> | 'claimed-elsewhere';

/** The purpose of a reminder in the outbox: ids only. */
export const reminderPurpose = (fileId: string, stepId: string) =>
  `file:reminder:${fileId}:${stepId}`;

export async function sendDueReminders(
  db: Kysely<Database>,
  {
    now,
    send,
    planner = loadPlanner(),
    secret = authSecret(),
    batchSize = 200,
  }: ReminderRunOptions,
): Promise<ReminderRunReport> {
  const report: ReminderRunReport = { files: 0, sent: 0, kept: 0, skipped: 0, skippedBecause: {} };
  const skip = (reason: SkipReason) => {
    report.skipped++;
    report.skippedBecause[reason] = (report.skippedBecause[reason] ?? 0) + 1;
  };
  const today = dayOf(now);
  const staff = new Set(staffEmailList());
  let afterId: string | undefined;
  for (;;) {
    const files = await listFiles(db, { limit: batchSize, afterId });
    for (const file of files) {
      report.files++;
      const steps = fileSteps(
        planner,
        {
          routeId: file.routeId,
          answers: answersFromParams(planner, file.answers),
          records: file.steps,
        },
        today,
      );
      const overdue = steps.filter(
        (step) => step.expectation?.kind === 'dated' && step.expectation.overdue,
      );
      if (!overdue.length) continue;
      // Only now ask lib/access: most files have nothing overdue.
      const activeMember =
        ownFileAccess(
          {
            kind: 'user',
            userId: file.userId,
            email: file.memberEmail,
            isStaff: staff.has(file.memberEmail.toLowerCase()),
            membership: await readMembership(db, file.userId),
          },
          now,
        ) === 'write';
      for (const step of overdue) {
        const expectation = step.expectation;
        if (expectation?.kind !== 'dated') continue;
        const record = file.steps.find((row) => row.stepId === step.id);
        const seen = {
          remindersSent: record?.remindersSent ?? 0,
          lastRemindedAt: record?.lastRemindedAt ?? null,
        };
        const decision = reminderDecision(
          {
            remindersOn: file.reminders,
            activeMember,
            onRoute: step.skipped === null,
            done: step.state !== 'todo',
            // The expected day itself (UTC midnight): never later than the moment the file
            // called the step overdue, the day after it in France.
            overdueSince: new Date(`${expectation.date}T00:00:00Z`),
            remindersSent: seen.remindersSent,
            lastRemindedAt: seen.lastRemindedAt ? new Date(seen.lastRemindedAt) : null,
          },
          now,
        );
        if (!decision.send) {
          if (
            decision.reason !== 'not-on-route' &&
            decision.reason !== 'done' &&
            decision.reason !== 'not-overdue'
          )
            skip(decision.reason);
          continue;
        }
        const purpose = reminderPurpose(file.id, step.id);
        const mail = {
          to: file.memberEmail,
          ...overdueReminderEmail(
            {
              stepId: step.id,
              stepTitle: step.title,
              expectedOn: expectation.date,
              delayLabel: expectation.label,
              delayKind: expectation.delayKind,
              from: { title: expectation.from.title, doneOn: expectation.from.doneOn },
              reminderNumber: seen.remindersSent + 1,
            },
            issueStopToken(secret, file.id, now),
          ),
        };
        const outboxId = await claimReminder(
          db,
          { fileId: file.id, stepId: step.id, seen, purpose, mail },
          now,
        );
        if (!outboxId) {
          skip('claimed-elsewhere');
          continue;
        }
        const delivery = await sendStoredMail(db, outboxId, purpose, mail, send, now);
        if (delivery.sent) report.sent++;
        else report.kept++;
        log.info(
          {
            event: 'reminders.claimed',
            fileId: file.id,
            stepId: step.id,
            outboxId,
            sent: delivery.sent,
          },
          'file reminder claimed',
        );
      }
    }
    if (files.length < batchSize) break;
    afterId = files[files.length - 1]!.id;
  }
  return report;
}

/** One line for logs and the script: "1 sent, 0 kept for a retry, 2 skipped (…) over 5 files". */
export function reminderSummary(report: ReminderRunReport): string {
  const reasons = Object.entries(report.skippedBecause)
    .map(([reason, count]) => `${count} ${reason}`)
    .join(', ');
  return `${report.sent} sent, ${report.kept} kept for a retry, ${report.skipped} skipped${reasons ? ` (${reasons})` : ''} over ${report.files} file(s)`;
}
