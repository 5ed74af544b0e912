// The desk's member counts and referral clicks per week come from one aggregate each (issue 27):
// on a seeded database they are the numbers the former row-by-row computation gives (kept here,
// as it was, to compare with).
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { countMemberships, type MembershipCounts } from './membership-store';
import type { Database } from '../db/schema';
import { referralClicksByWeek, weekStart } from '../referrals/store';
import { seedPeople } from '@/test/support/seed-people';
import { tempDatabase, type TempDatabase } from '@/test/support/temp-db';

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
