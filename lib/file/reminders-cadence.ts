// When a member's file gets an overdue reminder by e-mail (issue 22): one when a step becomes
// overdue, then at most one every 14 days while it stays overdue, up to 3 in all per step; none
// when the file's reminders are off, the person is not an active member, or the step is done or not
// on their route. Pure: the time is an argument, so every rule is tested with a clock the test sets.

export const DAY_MS = 24 * 3600_000;
/** The shortest gap between two reminders of one step. */
export const REMINDER_INTERVAL_MS = 14 * DAY_MS;
/** Reminders of one step, in all. */
export const MAX_REMINDERS_PER_STEP = 3;

export interface ReminderSituation {
  /** The file's switch (on the file page, or turned off by the e-mail's one-click stop). */
  remindersOn: boolean;
  /** Whether lib/access counts the person as an active member now (a lapsed member gets none). */
  activeMember: boolean;
  onRoute: boolean;
  done: boolean;
  /** Since when the step has been overdue; null when it is not (or the file cannot date it). */
  overdueSince: Date | null;
  /** Reminders already sent for this step, and when the last one went. */
  remindersSent: number;
  lastRemindedAt: Date | null;
}

export type NoReminderReason =
  | 'not-on-route'
  | 'done'
  | 'reminders-off'
  | 'not-a-member'
  | 'not-overdue'
  | 'all-sent'
  | 'too-soon';

export type ReminderDecision =
  | { send: true }
  | {
      send: false;
      reason: NoReminderReason;
      /** when 'too-soon': the earliest next one */ nextAt?: Date;
    };

export function reminderDecision(situation: ReminderSituation, now: Date): ReminderDecision {
  if (!situation.onRoute) return { send: false, reason: 'not-on-route' };
  if (situation.done) return { send: false, reason: 'done' };
  if (!situation.remindersOn) return { send: false, reason: 'reminders-off' };
  if (!situation.activeMember) return { send: false, reason: 'not-a-member' };
  const since = situation.overdueSince;
  if (!since || since.getTime() > now.getTime()) return { send: false, reason: 'not-overdue' };
  if (situation.remindersSent >= MAX_REMINDERS_PER_STEP) return { send: false, reason: 'all-sent' };
  const last = situation.lastRemindedAt;
  // A reminder sent before this stretch of overdue began (the member changed a date, so the step
  // was on time for a while) does not hold the next one back: the step has just become overdue.
  if (last && last.getTime() >= since.getTime()) {
    const nextAt = new Date(last.getTime() + REMINDER_INTERVAL_MS);
    if (now.getTime() < nextAt.getTime()) return { send: false, reason: 'too-soon', nextAt };
  }
  return { send: true };
}
