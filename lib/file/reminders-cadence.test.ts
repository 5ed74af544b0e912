// The reminder cadence, rule by rule, on a clock the test moves: times are counted from whenever
// the test runs (no calendar date), in days and hours after the step became overdue.
import { describe, expect, it } from 'vitest';
import {
  DAY_MS,
  MAX_REMINDERS_PER_STEP,
  REMINDER_INTERVAL_MS,
  reminderDecision,
  type ReminderSituation,
} from './reminders-cadence';

const overdueAt = new Date(Date.now());
const after = (days: number, hours = 0) =>
  new Date(overdueAt.getTime() + days * DAY_MS + hours * 3600_000);

const overdueStep: ReminderSituation = {
  remindersOn: true,
  activeMember: true,
  onRoute: true,
  done: false,
  overdueSince: overdueAt,
  remindersSent: 0,
  lastRemindedAt: null,
};
const decide = (changes: Partial<ReminderSituation>, now: Date) =>
  reminderDecision({ ...overdueStep, ...changes }, now);

/** Runs the job every `everyHours` for `days`, applying each decision, and returns when it sent. */
function simulate(days: number, everyHours: number, base: Partial<ReminderSituation> = {}) {
  let state: ReminderSituation = { ...overdueStep, ...base };
  const sentOnDays: number[] = [];
  for (let hour = 0; hour <= days * 24; hour += everyHours) {
    const now = after(0, hour);
    if (reminderDecision(state, now).send) {
      sentOnDays.push(hour / 24);
      state = { ...state, remindersSent: state.remindersSent + 1, lastRemindedAt: now };
    }
  }
  return sentOnDays;
}

describe('reminder cadence', () => {
  it('sends one as soon as a step is overdue, and none before', () => {
    expect(decide({}, after(0, -1))).toEqual({ send: false, reason: 'not-overdue' });
    expect(decide({}, overdueAt)).toEqual({ send: true });
    expect(decide({}, after(100))).toEqual({ send: true });
  });

  it('sends nothing for a step that is not overdue or that the file cannot date', () => {
    expect(decide({ overdueSince: null }, after(30))).toEqual({
      send: false,
      reason: 'not-overdue',
    });
  });

  it('waits 14 days after a reminder before the next, then sends it', () => {
    const sentAt = after(0, 3);
    const state = { remindersSent: 1, lastRemindedAt: sentAt };
    // The same day, and one minute short of 14 days: nothing.
    expect(decide(state, after(0, 5))).toMatchObject({ send: false, reason: 'too-soon' });
    const almost = new Date(sentAt.getTime() + REMINDER_INTERVAL_MS - 60_000);
    expect(decide(state, almost)).toEqual({
      send: false,
      reason: 'too-soon',
      nextAt: new Date(sentAt.getTime() + REMINDER_INTERVAL_MS),
    });
    expect(decide(state, new Date(sentAt.getTime() + REMINDER_INTERVAL_MS))).toEqual({
      send: true,
    });
  });

  it('sends 3 in all per step, however long it stays overdue', () => {
    expect(MAX_REMINDERS_PER_STEP).toBe(3);
    expect(decide({ remindersSent: 3, lastRemindedAt: after(28) }, after(400))).toEqual({
      send: false,
      reason: 'all-sent',
    });
    // An hourly job over a year: on days 0, 14 and 28, then never again.
    expect(simulate(365, 1)).toEqual([0, 14, 28]);
    // A daily cron: the same days.
    expect(simulate(365, 24)).toEqual([0, 14, 28]);
  });

  it('sends none while the reminders are off, to someone who is not an active member, or for a step done or off the route', () => {
    expect(decide({ remindersOn: false }, after(1))).toEqual({
      send: false,
      reason: 'reminders-off',
    });
    expect(decide({ activeMember: false }, after(1))).toEqual({
      send: false,
      reason: 'not-a-member',
    });
    expect(decide({ done: true }, after(1))).toEqual({ send: false, reason: 'done' });
    expect(decide({ onRoute: false }, after(1))).toEqual({ send: false, reason: 'not-on-route' });
    expect(simulate(60, 1, { remindersOn: false })).toEqual([]);
    expect(simulate(60, 1, { activeMember: false })).toEqual([]);
  });

  it('counts a step that became overdue again (a date changed) as newly overdue, within the 3', () => {
    const earlier = { remindersSent: 1, lastRemindedAt: after(-20) };
    expect(decide(earlier, overdueAt)).toEqual({ send: true });
    expect(decide({ remindersSent: 3, lastRemindedAt: after(-20) }, overdueAt)).toEqual({
      send: false,
      reason: 'all-sent',
    });
  });
});
