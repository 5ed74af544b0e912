import 'server-only';
// Referral clicks in the database: when and from which page of ours, never who.
import { sql, type Kysely } from 'kysely';
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
 * Clicks of the last `weeks` weeks counted per week by the database: each click's week is the
 * number of week starts it is not before (stored times are ISO text from toISOString, so text
 * order is time order on SQLite and Postgres alike). Reads the (partner, created_at) index only.
 */
export const referralClicksByWeekQuery = (
  db: Kysely<Database>,
  partner: PartnerId,
  { weeks = 8, now = new Date() }: { weeks?: number; now?: Date } = {},
) => {
  const starts = weekStarts(weeks, now).map((start) => start.toISOString());
  const later = starts.slice(1);
  const week = later.length
    ? sql<number>`case ${sql.join(
        later.map((start, index) => sql`when created_at < ${start} then ${sql.lit(index)}`),
        sql` `,
      )} else ${sql.lit(later.length)} end`
    : sql<number>`0`;
  return db
    .selectFrom('referral_click')
    .select((eb) => [week.as('week'), eb.fn.countAll<number | string>().as('clicks')])
    .where('partner', '=', partner)
    .where('created_at', '>=', starts[0]!)
    .where('created_at', '<=', now.toISOString())
    .groupBy('week');
};

/**
 * Clicks per week (weeks start on Monday, UTC) for the last `weeks` weeks including this one,
 * oldest first; weeks without a click count 0.
 */
export async function referralClicksByWeek(
  db: Kysely<Database>,
  partner: PartnerId,
  { weeks = 8, now = new Date() }: { weeks?: number; now?: Date } = {},
): Promise<{ weekOf: string; clicks: number }[]> {
  const rows = await referralClicksByWeekQuery(db, partner, { weeks, now }).execute();
  const result = weekStarts(weeks, now).map((start) => ({
    weekOf: start.toISOString().slice(0, 10),
    clicks: 0,
  }));
  for (const row of rows) {
    const bucket = result[Number(row.week)];
    if (bucket) bucket.clicks += Number(row.clicks);
  }
  return result;
}
