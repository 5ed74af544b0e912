// The nightly `npm run billing:reconcile`: re-reads from Stripe every subscription the site knows
// about (stored memberships, and every Stripe customer it created) and stores what Stripe says now.
// Whatever webhooks were lost, the stored state matches Stripe afterwards; each change is reported.
import type { Kysely } from 'kysely';
import type { Database, MembershipTable } from '../db/schema';
import { markStripeSeen } from './membership-store';
import { isClubSubscription, syncSubscription, type StripeReader } from './sync';

export interface ReconcileChange {
  userId: string;
  /** "none" when the user had no stored membership before. */
  before: string;
  after: string;
}

export interface ReconcileReport {
  checked: number;
  changes: ReconcileChange[];
  errors: { subscriptionId: string; error: string }[];
}

type Row = Pick<
  MembershipTable,
  'user_id' | 'subscription_id' | 'status' | 'current_period_end' | 'cancel_at_period_end'
>;

const describe = (row: Row | undefined) =>
  row
    ? `${row.subscription_id} ${row.status} until ${row.current_period_end}${row.cancel_at_period_end ? ' (cancels)' : ''}`
    : 'none';

async function snapshot(db: Kysely<Database>): Promise<Map<string, Row>> {
  const rows = await db
    .selectFrom('membership')
    .select(['user_id', 'subscription_id', 'status', 'current_period_end', 'cancel_at_period_end'])
    .execute();
  return new Map(rows.map((row) => [row.user_id, row]));
}

export async function reconcileMemberships(
  db: Kysely<Database>,
  client: StripeReader,
  now: Date = new Date(),
): Promise<ReconcileReport> {
  const before = await snapshot(db);
  const subscriptionIds = new Set([...before.values()].map((row) => row.subscription_id));
  const errors: ReconcileReport['errors'] = [];

  // Subscriptions whose every event was lost: found through the customers the site created.
  const customers = await db.selectFrom('stripe_customer').select('customer_id').execute();
  for (const { customer_id: customer } of customers) {
    try {
      const { data } = await client.subscriptions.list({ customer, status: 'all', limit: 20 });
      for (const subscription of data) {
        if (isClubSubscription(subscription, client.clubPriceId))
          subscriptionIds.add(subscription.id);
      }
    } catch (error) {
      errors.push({ subscriptionId: `(customer ${customer})`, error: (error as Error).message });
    }
  }

  // Oldest first, so "the newer one wins" ends where webhooks in order would have.
  const unread = new Set<string>();
  for (const subscriptionId of [...subscriptionIds].sort()) {
    try {
      await syncSubscription(db, client, subscriptionId, now);
    } catch (error) {
      unread.add(subscriptionId);
      errors.push({ subscriptionId, error: (error as Error).message });
    }
  }
  // Seen by Stripe tonight: only those whose stored subscription Stripe answered for. The others
  // keep their old mark, so their next page asks Stripe again (lib/billing/freshness.ts).
  for (const [userId, row] of before) {
    if (!unread.has(row.subscription_id)) await markStripeSeen(db, userId, now);
  }

  const after = await snapshot(db);
  const changes: ReconcileChange[] = [];
  for (const [userId, row] of after) {
    const old = before.get(userId);
    if (describe(old) !== describe(row)) {
      changes.push({ userId, before: describe(old), after: describe(row) });
    }
  }
  return { checked: subscriptionIds.size, changes, errors };
}
