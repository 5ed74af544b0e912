// The desk's member counts and referral clicks per week come from aggregates (issue 27): a grouped
// count of memberships, and clicks counted per day by triggers (migration 017). On a seeded
// database they are the numbers the former row-by-row computation gives (kept here, as it was, to
// compare with).
import { Migrator, type Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { countMemberships, type MembershipCounts } from './membership-store';
import { migrateToLatest, openDatabase } from '../db/connect';
import { migrationProvider } from '../db/migrations';
import type { Database } from '../db/schema';
import { recordReferralClick, referralClicksByWeek, weekStart } from '../referrals/store';
import { seedPeople } from '@/test/support/seed-people';
import { emptyDatabase, tempDatabase, type TempDatabase } from '@/test/support/temp-db';

const NOW = new Date('2026-11-26T12:00:00.000Z'); // a Thursday
const WEEK = 7 * 86_400_000;

let temp: TempDatabase;
beforeAll(async () => {
  temp = await tempDatabase('figures-aggregate');
  await seedPeople(temp.db, { people: 400, now: NOW });
  // Clicks on the edges: the first instant of a week, the last of one, now, and just after now.
  const first = weekStart(NOW).getTime() - 7 * WEEK;
  const edges = [
    first - 1,
    first,
    first + WEEK - 1,
    first + WEEK,
    NOW.getTime(),
    NOW.getTime() + 1,
  ];
  await temp.db
    .insertInto('referral_click')
    .values(
      edges.map((time, i) => ({
        id: `edge-${i}`,
        partner: 'partirassur',
        source_path: null,
        created_at: new Date(time).toISOString(),
      })),
    )
    .execute();
}, 120_000);
afterAll(() => temp.dispose());

/** The former countMemberships: every membership read, classified here. */
async function countedRowByRow(db: Kysely<Database>, now: Date): Promise<MembershipCounts> {
  const rows = await db.selectFrom('membership').selectAll().execute();
  const counts: MembershipCounts = { active: 0, cancelling: 0, pastDue: 0 };
  for (const row of rows) {
    if (row.status === 'past_due') counts.pastDue += 1;
    else if (row.status !== 'active' && row.status !== 'trialing') continue;
    else if (Number(row.cancel_at_period_end) !== 1) counts.active += 1;
    else if (row.current_period_end > now.toISOString()) counts.cancelling += 1;
  }
  return counts;
}

/** The former referralClicksByWeek: the clicks' times read, bucketed here. */
async function bucketedRowByRow(db: Kysely<Database>, weeks: number, now: Date) {
  const first = weekStart(now);
  first.setUTCDate(first.getUTCDate() - 7 * (weeks - 1));
  const rows = await db
    .selectFrom('referral_click')
    .select('created_at')
    .where('partner', '=', 'partirassur')
    .where('created_at', '>=', first.toISOString())
    .where('created_at', '<=', now.toISOString())
    .execute();
  const result = Array.from({ length: weeks }, (_, index) => ({
    weekOf: new Date(first.getTime() + index * WEEK).toISOString().slice(0, 10),
    clicks: 0,
  }));
  for (const row of rows) {
    const bucket = result[Math.floor((Date.parse(row.created_at) - first.getTime()) / WEEK)];
    if (bucket) bucket.clicks += 1;
  }
  return result;
}

it('counts members as the row-by-row count did, at several moments', async () => {
  for (const now of [
    NOW,
    new Date(NOW.getTime() - 2 * 86_400_000),
    new Date(NOW.getTime() + 30 * 86_400_000),
  ]) {
    const counts = await countMemberships(temp.db, now);
    expect(counts).toEqual(await countedRowByRow(temp.db, now));
  }
  // The seed holds members in every state: the comparison is not of zeros.
  const counts = await countMemberships(temp.db, NOW);
  expect(counts.active).toBeGreaterThan(0);
  expect(counts.cancelling).toBeGreaterThan(0);
  expect(counts.pastDue).toBeGreaterThan(0);
});

it('counts clicks per week as the bucketing in JavaScript did, edges included', async () => {
  for (const weeks of [1, 8, 12]) {
    const figures = await referralClicksByWeek(temp.db, 'partirassur', { weeks, now: NOW });
    expect(figures).toEqual(await bucketedRowByRow(temp.db, weeks, NOW));
  }
  const eight = await referralClicksByWeek(temp.db, 'partirassur', { weeks: 8, now: NOW });
  expect(eight.every((week) => week.clicks > 0)).toBe(true);
});

it('keeps the per-day counts right through clicks recorded, deleted, and from before 017', async () => {
  const empty = await emptyDatabase('referral-days-upgrade');
  const db = openDatabase(empty.url);
  try {
    // Clicks stored before the counts table existed are counted when it is made.
    const migrator = new Migrator({ db, provider: migrationProvider });
    const names = Object.keys(await migrationProvider.getMigrations()).sort();
    const before = names[names.indexOf('017_desk_counts') - 1] ?? '';
    expect((await migrator.migrateTo(before)).error).toBeUndefined();
    const early = [0, 1, 2, 9, 10].map((days) => new Date(NOW.getTime() - days * 86_400_000));
    for (const [i, at] of early.entries())
      await db
        .insertInto('referral_click')
        .values({
          id: `early-${i}`,
          partner: 'partirassur',
          source_path: null,
          created_at: at.toISOString(),
        })
        .execute();
    await migrateToLatest(db);
    // Then the app's own writes, and a deletion.
    await recordReferralClick(db, { partner: 'partirassur', sourcePath: null, now: early[1]! });
    await recordReferralClick(db, { partner: 'partirassur', sourcePath: null, now: NOW });
    await db.deleteFrom('referral_click').where('id', '=', 'early-3').execute();
    for (const weeks of [1, 3, 8])
      expect(await referralClicksByWeek(db, 'partirassur', { weeks, now: NOW })).toEqual(
        await bucketedRowByRow(db, weeks, NOW),
      );
    const three = await referralClicksByWeek(db, 'partirassur', { weeks: 3, now: NOW });
    expect(three.map((week) => week.clicks)).toEqual([0, 1, 5]);
  } finally {
    await db.destroy();
    await empty.dispose();
  }
});
