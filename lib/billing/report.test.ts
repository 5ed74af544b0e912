// The staff desk's figures (issue 14): member counts by state and referral clicks per week,
// staff only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countMemberships, storeSubscription } from './membership-store';
import { MEMBER_COUNT_MAX_AGE_MS, staffFigures } from './report';
import type { Viewer } from '../access';
import { recordReferralClick, referralClicksByWeek, weekStart } from '../referrals/store';
import { insertUser, tempDatabase, type TempDatabase } from '@/test/support/temp-db';

let temp: TempDatabase;
beforeAll(async () => {
  temp = await tempDatabase('report');
});
afterAll(() => temp.dispose());

const NOW = new Date('2026-11-26T12:00:00Z'); // a Thursday
const day = (iso: string) => new Date(`${iso}T12:00:00Z`);
const STAFF: Viewer = {
  kind: 'user',
  userId: 's',
  email: 'desk@sojoourn.test',
  isStaff: true,
  membership: null,
};

async function subscription(
  status: string,
  { cancel = false, periodEnd = day('2026-12-20') }: { cancel?: boolean; periodEnd?: Date } = {},
) {
  const userId = await insertUser(temp.db, `${crypto.randomUUID()}@example.test`);
  await storeSubscription(temp.db, {
    userId,
    subscriptionId: `sub_${crypto.randomUUID()}`,
    customerId: `cus_${crypto.randomUUID()}`,
    status,
    currentPeriodStart: day('2026-11-20'),
    currentPeriodEnd: periodEnd,
    cancelAtPeriodEnd: cancel,
    startedAt: day('2026-10-20'),
  });
}

describe('member counts', () => {
  it('counts active, cancelling and past-due memberships at a given time', async () => {
    expect(await countMemberships(temp.db, NOW)).toEqual({ active: 0, cancelling: 0, pastDue: 0 });
    await subscription('active');
    await subscription('active');
    await subscription('trialing');
    await subscription('active', { cancel: true });
    // Set to cancel and the period is over: no longer counted anywhere.
    await subscription('active', { cancel: true, periodEnd: day('2026-11-01') });
    await subscription('past_due');
    await subscription('canceled');
    await subscription('incomplete');
    expect(await countMemberships(temp.db, NOW)).toEqual({ active: 3, cancelling: 1, pastDue: 1 });
  });
});

describe('referral clicks per week', () => {
  it('gives weeks starting on Monday (UTC)', () => {
    expect(weekStart(NOW).toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(weekStart(day('2026-11-23')).toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(weekStart(new Date('2026-11-29T23:59:00Z')).toISOString()).toBe(
      '2026-11-23T00:00:00.000Z',
    );
  });

  it('counts clicks in each of the last weeks, oldest first, with empty weeks as 0', async () => {
    for (const when of ['2026-11-24', '2026-11-26', '2026-11-10', '2026-09-01']) {
      await recordReferralClick(temp.db, {
        partner: 'partirassur',
        sourcePath: '/',
        now: day(when),
      });
    }
    const weeks = await referralClicksByWeek(temp.db, 'partirassur', { weeks: 4, now: NOW });
    expect(weeks).toEqual([
      { weekOf: '2026-11-02', clicks: 0 },
      { weekOf: '2026-11-09', clicks: 1 },
      { weekOf: '2026-11-16', clicks: 0 },
      { weekOf: '2026-11-23', clicks: 2 },
    ]);
  });
});

describe('staff figures', () => {
  it('are for staff only', async () => {
    expect(await staffFigures({ kind: 'reader' }, { db: temp.db, now: NOW })).toBeNull();
    expect(await staffFigures({ ...STAFF, isStaff: false }, { db: temp.db, now: NOW })).toBeNull();
    const figures = await staffFigures(STAFF, { db: temp.db, now: NOW });
    expect(figures?.members.active).toBe(3);
    expect(figures?.referralClicks).toHaveLength(8);
    expect(figures?.referralClicks.at(-1)).toEqual({ weekOf: '2026-11-23', clicks: 2 });
  });

  it('keep a count of the members for a minute, saying when it was counted, then count again', async () => {
    const counted = await staffFigures(STAFF, { db: temp.db, now: NOW });
    await subscription('active');
    const later = new Date(NOW.getTime() + MEMBER_COUNT_MAX_AGE_MS - 1);
    const kept = await staffFigures(STAFF, { db: temp.db, now: later });
    expect(kept?.members).toEqual(counted?.members);
    expect(kept?.membersCountedAt).toBe(counted?.membersCountedAt);
    const minuteOn = new Date(NOW.getTime() + MEMBER_COUNT_MAX_AGE_MS);
    const recounted = await staffFigures(STAFF, { db: temp.db, now: minuteOn });
    expect(recounted?.members.active).toBe((counted?.members.active ?? 0) + 1);
    expect(recounted?.membersCountedAt).toBe(minuteOn.toISOString());
  });
});
