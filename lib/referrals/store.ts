import 'server-only';
// Referral clicks in the database: when and from which page of ours, never who.
import type { Kysely } from 'kysely';
import type { PartnerId } from '../config';
import type { Database } from '../db/schema';

export async function recordReferralClick(
  db: Kysely<Database>,
  {
    partner,
    sourcePath,
    now = new Date(),
  }: { partner: PartnerId; sourcePath: string | null; now?: Date },
): Promise<void> {
  await db
    .insertInto('referral_click')
    .values({
      id: crypto.randomUUID(),
      partner,
      source_path: sourcePath,
      created_at: now.toISOString(),
    })
    .execute();
}

/** Clicks per partner since `since` (for staff reporting). */
export async function countReferralClicks(
  db: Kysely<Database>,
  partner: PartnerId,
  since: Date = new Date(0),
): Promise<number> {
  const row = await db
    .selectFrom('referral_click')
    .select((eb) => eb.fn.countAll<number>().as('clicks'))
    .where('partner', '=', partner)
    .where('created_at', '>=', since.toISOString())
    .executeTakeFirstOrThrow();
  return Number(row.clicks);
}

const WEEK_MS = 7 * 86_400_000;

/** Monday 00:00 UTC of the week `date` is in. */
export function weekStart(date: Date): Date {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day;
}

/** The Mondays that start each of the last `weeks` weeks including this one, oldest first. */
function weekStarts(weeks: number, now: Date): Date[] {
  const first = weekStart(now);
  first.setUTCDate(first.getUTCDate() - 7 * (weeks - 1));
  return Array.from({ length: weeks }, (_, index) => {
    const start = new Date(first);
    start.setUTCDate(start.getUTCDate() + 7 * index);
    return start;
  });
}

/**
 * Clicks per day of `partner` on the days from `fromDay` up to (not including) `beforeDay`, from
 * referral_click_day (kept by triggers on referral_click, migration 017): a row per day, never the
 * clicks themselves.
 */
export const referralClickDaysQuery = (
  db: Kysely<Database>,
  partner: PartnerId,
  fromDay: string,
  beforeDay: string,
) =>
  db
    .selectFrom('referral_click_day')
    .select(['day', 'clicks'])
    .where('partner', '=', partner)
    .where('day', '>=', fromDay)
    .where('day', '<', beforeDay);

/**
 * Today's clicks up to `now`, counted from the (partner, created_at) index: today's rows only
 * (stored times are ISO text from toISOString, so text order is time order on both databases).
 */
export const referralClicksTodayQuery = (db: Kysely<Database>, partner: PartnerId, now: Date) =>
  db
    .selectFrom('referral_click')
    .select((eb) => eb.fn.countAll<number | string>().as('clicks'))
    .where('partner', '=', partner)
    .where('created_at', '>=', `${now.toISOString().slice(0, 10)}T00:00:00.000Z`)
    .where('created_at', '<=', now.toISOString());

/**
 * Clicks per week (weeks start on Monday, UTC) for the last `weeks` weeks including this one,
 * oldest first, up to `now`; weeks without a click count 0. The days before today come from the
 * per-day counts, today from its own clicks: the cost is that of a day, however many clicks the
 * weeks hold.
 */
export async function referralClicksByWeek(
  db: Kysely<Database>,
  partner: PartnerId,
  { weeks = 8, now = new Date() }: { weeks?: number; now?: Date } = {},
): Promise<{ weekOf: string; clicks: number }[]> {
  const starts = weekStarts(weeks, now);
  const today = now.toISOString().slice(0, 10);
  const first = starts[0]!.toISOString().slice(0, 10);
  const [days, todays] = await Promise.all([
    referralClickDaysQuery(db, partner, first, today).execute(),
    referralClicksTodayQuery(db, partner, now).executeTakeFirstOrThrow(),
  ]);
  const result = starts.map((start) => ({ weekOf: start.toISOString().slice(0, 10), clicks: 0 }));
  const weekOf = (day: string) =>
    Math.floor((Date.parse(`${day}T00:00:00Z`) - starts[0]!.getTime()) / WEEK_MS);
  for (const row of days) {
    const bucket = result[weekOf(row.day)];
    if (bucket) bucket.clicks += Number(row.clicks);
  }
  const current = result[weekOf(today)];
  if (current) current.clicks += Number(todays.clicks);
  return result;
}
