// The nightly reconcile against a real database (SQLite, and Postgres via scripts/test-postgres.sh)
// and a fake Stripe that fails for one subscription: only what Stripe answered counts as seen.
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUser, tempDatabase, type TempDatabase } from '@/test/support/temp-db';
import { membershipIsActive, STALE_PERIOD_GRACE_MS } from '../access';
import { currentMembership, resetStripeBackoff } from './freshness';
import { readMembershipSource, storeSubscription } from './membership-store';
import { reconcileMemberships } from './reconcile';
import type { StripeReader } from './sync';

const CLUB_PRICE = 'price_club_reconcile';
const DAY = 24 * 3600_000;
const NOW = new Date();
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

interface Period {
  id: string;
  customer: string;
  userId: string;
  start: Date;
  end: Date;
}

function subscription({ id, customer, userId, start, end }: Period): Stripe.Subscription {
  return {
    id,
    object: 'subscription',
    customer,
    status: 'active',
    start_date: seconds(start),
    cancel_at_period_end: false,
    cancel_at: null,
    metadata: { userId },
    items: {
      object: 'list',
      data: [
        {
          id: `si_${id}`,
          current_period_start: seconds(start),
          current_period_end: seconds(end),
          price: { id: CLUB_PRICE },
        },
      ],
    },
    // Only the fields the sync reads; the full type has ~50 more.
  } as unknown as Stripe.Subscription;
}

/** Stripe as it is now; `unreachable` subscriptions fail to be read (a network error). */
function fakeStripe(periods: Map<string, Period>, unreachable: Set<string>): StripeReader {
  return {
    clubPriceId: CLUB_PRICE,
    subscriptions: {
      retrieve: async (id) => {
        if (unreachable.has(id)) throw new Error('connect ETIMEDOUT (Stripe unreachable)');
        const period = periods.get(id);
        if (!period) throw new Error(`No such subscription: '${id}'`);
        return subscription(period);
      },
      list: async ({ customer }) => ({
        data: [...periods.values()]
          .filter((period) => period.customer === customer)
          .map(subscription),
      }),
      cancel: async (id) => {
        throw new Error(`the reconcile never cancels (${id})`);
      },
    },
  };
}

let temp: TempDatabase;
beforeAll(async () => {
  temp = await tempDatabase('reconcile');
});
afterAll(async () => {
  await temp.dispose();
});

describe('reconcileMemberships', () => {
  it('does not mark a member as seen by Stripe when their re-read failed', async () => {
    // Two members whose renewals' webhooks were lost: their stored periods ended two hours ago.
    const lost = {
      start: at(-30 * DAY - 2 * 3600_000),
      end: at(-2 * 3600_000),
    };
    const failing: Period = {
      id: 'sub_unreachable',
      customer: 'cus_unreachable',
      userId: await insertUser(temp.db, 'reconcile-unreachable@example.com'),
      ...lost,
    };
    const answered: Period = {
      id: 'sub_answered',
      customer: 'cus_answered',
      userId: await insertUser(temp.db, 'reconcile-answered@example.com'),
      ...lost,
    };
    for (const period of [failing, answered]) {
      await storeSubscription(
        temp.db,
        {
          userId: period.userId,
          subscriptionId: period.id,
          customerId: period.customer,
          status: 'active',
          currentPeriodStart: period.start,
          currentPeriodEnd: period.end,
          cancelAtPeriodEnd: false,
          startedAt: period.start,
        },
        period.start,
      );
    }
    // On Stripe both renewed; reading one of them fails tonight.
    const renewed = (period: Period): Period => ({
      ...period,
      start: period.end,
      end: at(28 * DAY),
    });
    const stripeNow = new Map([failing, answered].map((period) => [period.id, renewed(period)]));
    const unreachable = new Set([failing.id]);

    const report = await reconcileMemberships(temp.db, fakeStripe(stripeNow, unreachable), NOW);
    expect(report.errors).toEqual([
      { subscriptionId: failing.id, error: expect.stringMatching(/unreachable/) },
    ]);
    expect((await readMembershipSource(temp.db, answered.userId))?.stripeSeenAt).toEqual(NOW);
    expect((await readMembershipSource(temp.db, failing.userId))?.stripeSeenAt).toEqual(
      failing.start,
    );

    // Stripe answers again: the member's next page re-reads the subscription and lets them in,
    // instead of keeping them locked out until another reconcile succeeds.
    unreachable.clear();
    resetStripeBackoff();
    const later = at(60_000);
    const client = fakeStripe(stripeNow, unreachable);
    const membership = await currentMembership(temp.db, () => client, failing.userId, later);
    expect(membership?.currentPeriodEnd.getTime()).toBeGreaterThan(
      later.getTime() + STALE_PERIOD_GRACE_MS,
    );
    expect(membershipIsActive(membership, later)).toBe(true);
  });
});
