// Reading and writing the stored subscription state. No Stripe calls here: lib/billing/sync.ts
// re-reads Stripe and writes through these functions.
import { sql, type Kysely } from 'kysely';
import type { MembershipState } from '../access';
import type { Database } from '../db/schema';

export interface StoredSubscription {
  userId: string;
  subscriptionId: string;
  customerId: string;
  status: string;
  currentPeriodStart: Date;
  currentPeriodEnd: Date;
  cancelAtPeriodEnd: boolean;
  /** Stripe's own time for this snapshot (when the subscription was created/last changed). */
  startedAt: Date;
}

export async function readMembership(
  db: Kysely<Database>,
  userId: string,
): Promise<MembershipState | null> {
  const row = await db
    .selectFrom('membership')
    .selectAll()
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    status: row.status,
    currentPeriodStart: new Date(row.current_period_start),
    currentPeriodEnd: new Date(row.current_period_end),
    cancelAtPeriodEnd: row.cancel_at_period_end === 1,
    startedAt: new Date(row.started_at),
  };
}

/**
 * Stores a subscription snapshot read from Stripe. Keyed by user: a newer subscription replaces an
 * older one (for example, joining again after a cancellation), and `started_at` keeps the first
 * day of the current subscription.
 */
export async function storeSubscription(
  db: Kysely<Database>,
  snapshot: StoredSubscription,
  now: Date = new Date(),
): Promise<void> {
  const values = {
    user_id: snapshot.userId,
    subscription_id: snapshot.subscriptionId,
    customer_id: snapshot.customerId,
    status: snapshot.status,
    current_period_start: snapshot.currentPeriodStart.toISOString(),
    current_period_end: snapshot.currentPeriodEnd.toISOString(),
    cancel_at_period_end: snapshot.cancelAtPeriodEnd ? 1 : 0,
    started_at: snapshot.startedAt.toISOString(),
    updated_at: now.toISOString(),
    stripe_seen_at: now.toISOString(),
  };
  const write = async (trx: Kysely<Database>) => {
    // A subscription id is unique across users; clear a stale row that holds it for someone else.
    await trx
      .deleteFrom('membership')
      .where('subscription_id', '=', snapshot.subscriptionId)
      .where('user_id', '!=', snapshot.userId)
      .execute();
    await trx
      .insertInto('membership')
      .values(values)
      .onConflict((oc) =>
        oc.column('user_id').doUpdateSet({
          subscription_id: values.subscription_id,
          customer_id: values.customer_id,
          status: values.status,
          current_period_start: values.current_period_start,
          current_period_end: values.current_period_end,
          cancel_at_period_end: values.cancel_at_period_end,
          started_at: values.started_at,
          updated_at: values.updated_at,
          stripe_seen_at: values.stripe_seen_at,
        }),
      )
      .execute();
  };
  // Inside the webhook's transaction already: write there; otherwise in a transaction of its own.
  if (db.isTransaction) await write(db);
  else await db.transaction().execute(write);
}

/** The stored row's subscription and when Stripe last confirmed it (for the staleness re-read). */
export async function readMembershipSource(
  db: Kysely<Database>,
  userId: string,
): Promise<{ subscriptionId: string; stripeSeenAt: Date } | null> {
  const row = await db
    .selectFrom('membership')
    .select(['subscription_id', 'stripe_seen_at'])
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row
    ? { subscriptionId: row.subscription_id, stripeSeenAt: new Date(row.stripe_seen_at) }
    : null;
}

/** Records that Stripe was asked about this user's row at `now` (even when nothing changed). */
export async function markStripeSeen(
  db: Kysely<Database>,
  userId: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('membership')
    .set({ stripe_seen_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('stripe_seen_at', '<', now.toISOString())
    .execute();
}

export interface MembershipCounts {
  /** Paying and renewing (active or trialing, not set to cancel). */
  active: number;
  /** Set to cancel at the end of a period that is not over yet. */
  cancelling: number;
  /** A renewal payment failed; Stripe is retrying. */
  pastDue: number;
}

/**
 * How many memberships are in each state at `now`, as last read from Stripe: one aggregate over
 * the rows whose status counts, read from the (status, cancel_at_period_end, current_period_end)
 * index alone (migration 015), never the rows of ended or incomplete subscriptions.
 */
export const membershipCountsQuery = (db: Kysely<Database>, now: Date) =>
  db
    .selectFrom('membership')
    .select([
      sql<
        number | string | null
      >`sum(case when status <> 'past_due' and cancel_at_period_end <> 1 then 1 else 0 end)`.as(
        'active',
      ),
      sql<
        number | string | null
      >`sum(case when status <> 'past_due' and cancel_at_period_end = 1 and current_period_end > ${now.toISOString()} then 1 else 0 end)`.as(
        'cancelling',
      ),
      sql<number | string | null>`sum(case when status = 'past_due' then 1 else 0 end)`.as(
        'past_due',
      ),
    ])
    .where('status', 'in', ['active', 'trialing', 'past_due']);

export async function countMemberships(
  db: Kysely<Database>,
  now: Date = new Date(),
): Promise<MembershipCounts> {
  const row = await membershipCountsQuery(db, now).executeTakeFirstOrThrow();
  return {
    active: Number(row.active ?? 0),
    cancelling: Number(row.cancelling ?? 0),
    pastDue: Number(row.past_due ?? 0),
  };
}
