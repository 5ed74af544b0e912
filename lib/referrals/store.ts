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
