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

/** Monday 00:00 UTC of the week `date` is in. */
export function weekStart(date: Date): Date {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day;
}

/**
 * Clicks per week (weeks start on Monday, UTC) for the last `weeks` weeks including this one,
 * oldest first; weeks without a click count 0. Bucketed here from the timestamps, so the SQL
 * stays the same on SQLite and Postgres.
 */
export async function referralClicksByWeek(
  db: Kysely<Database>,
  partner: PartnerId,
  { weeks = 8, now = new Date() }: { weeks?: number; now?: Date } = {},
): Promise<{ weekOf: string; clicks: number }[]> {
  const first = weekStart(now);
  first.setUTCDate(first.getUTCDate() - 7 * (weeks - 1));
  const rows = await db
    .selectFrom('referral_click')
    .select('created_at')
    .where('partner', '=', partner)
    .where('created_at', '>=', first.toISOString())
    .where('created_at', '<=', now.toISOString())
    .execute();
  const result = Array.from({ length: weeks }, (_, index) => {
    const start = new Date(first);
    start.setUTCDate(start.getUTCDate() + 7 * index);
    return { weekOf: start.toISOString().slice(0, 10), clicks: 0 };
  });
  for (const row of rows) {
    const index = Math.floor((Date.parse(row.created_at) - first.getTime()) / (7 * 86_400_000));
    const bucket = result[index];
    if (bucket) bucket.clicks += 1;
  }
  return result;
}
