// Stripe → stored membership. Every sync (webhooks: stripe-events.ts; the Checkout return; the
// nightly reconcile; the stale-period re-read) re-reads the subscription from Stripe and stores what
// Stripe says now, one sync of a subscription at a time (sync-lock.ts).
import type { Kysely } from 'kysely';
import type Stripe from 'stripe';
import type { Database } from '../db/schema';
import { storeSubscription } from './membership-store';
import { withSubscriptionLock, type SyncLease } from './sync-lock';
import { sendWelcomeOnce, type SendMail } from './welcome';

/**
 * The part of the Stripe SDK the sync uses (an interface so tests can point it anywhere): it reads
 * subscriptions, and cancels one that bills nobody (stripe-events.ts). And the club's price: only a
 * subscription to that price makes a member (STRIPE_PRICE_ID).
 */
export interface StripeReader {
  clubPriceId: string;
  subscriptions: {
    retrieve(id: string): Promise<Stripe.Subscription>;
    list(params: {
      customer: string;
      status: 'all';
      limit: number;
    }): Promise<{ data: Stripe.Subscription[] }>;
    cancel(
      id: string,
      params: undefined,
      options: { idempotencyKey: string },
    ): Promise<Stripe.Subscription>;
  };
}

/** Subscription states that still bill (and may grant access): they win over ended ones. */
const RUNNING = new Set(['active', 'trialing', 'past_due']);

/** Subscription states that are over: nothing left to cancel. */
export const ENDED = new Set(['canceled', 'incomplete_expired']);

/** What the sync does beyond storing state. `sendWelcome`: e-mail a new member once (welcome.ts). */
export interface SyncHooks {
  sendWelcome?: SendMail;
}

/** States in which a subscription starts a membership (and earns the welcome e-mail). */
const WELCOMED = new Set(['active', 'trialing']);

export const idOf = (value: string | { id: string } | null | undefined): string | null =>
  typeof value === 'string' ? value : (value?.id ?? null);

export type Executor = Kysely<Database>;

async function userForCustomer(db: Executor, customerId: string): Promise<string | null> {
  const row = await db
    .selectFrom('stripe_customer')
    .select('user_id')
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
  return row?.user_id ?? null;
}

/** Whether a subscription is to the club's price (another product of the same customer is not). */
export function isClubSubscription(
  subscription: Stripe.Subscription,
  clubPriceId: string,
): boolean {
  return subscription.items.data.some((item) => {
    const price = item.price as Stripe.Price | string | undefined | null;
    return (typeof price === 'string' ? price : price?.id) === clubPriceId;
  });
}

export type SyncResult = 'stored' | 'unknown-user' | 'superseded' | 'not-club';

/**
 * What Stripe says now about one subscription and, when it has ended, the customer's other club
 * subscription still running (if any). Read while holding their sync leases, before any write, so
 * the writes run in one short transaction and a failed read leaves nothing half-done.
 */
export interface StripeSnapshot {
  subscription: Stripe.Subscription;
  /** Read only when `subscription` no longer runs: where the membership moves now. */
  running: Stripe.Subscription | null;
}

/**
 * Holding `subscriptionId`'s sync lease (sync-lock.ts): reads it from Stripe, then `write`s in one
 * transaction that first confirms the lease(s). When it has ended and the customer pays for another
 * club subscription, that one's lease is taken too and it is re-read under it (the list may be
 * older than a sync of it that finished meanwhile).
 */
export async function readAndWrite<T>(
  db: Kysely<Database>,
  client: StripeReader,
  subscriptionId: string,
  write: (trx: Executor, snapshot: StripeSnapshot) => Promise<T>,
): Promise<{ result: T; snapshot: StripeSnapshot }> {
  return withSubscriptionLock(db, subscriptionId, async (lease) => {
    const subscription = await client.subscriptions.retrieve(subscriptionId);
    const customerId = idOf(subscription.customer);
    let candidate: Stripe.Subscription | undefined;
    if (!RUNNING.has(subscription.status) && customerId) {
      const { data } = await client.subscriptions.list({
        customer: customerId,
        status: 'all',
        limit: 20,
      });
      candidate = data.find(
        (other) =>
          other.id !== subscription.id &&
          RUNNING.has(other.status) &&
          isClubSubscription(other, client.clubPriceId),
      );
    }
    const store = (leases: SyncLease[], running: Stripe.Subscription | null) =>
      db.transaction().execute(async (trx) => {
        for (const held of leases) await held.confirm(trx);
        const snapshot = { subscription, running };
        return { result: await write(trx, snapshot), snapshot };
      });
    if (!candidate) return store([lease], null);
    return withSubscriptionLock(db, candidate.id, async (runningLease) =>
      store([lease, runningLease], await client.subscriptions.retrieve(candidate.id)),
    );
  });
}

/** Stores one subscription read from Stripe for its user (no network here). */
async function storeFromStripe(
  db: Executor,
  subscription: Stripe.Subscription,
  clubPriceId: string,
  now: Date,
): Promise<SyncResult> {
  if (!isClubSubscription(subscription, clubPriceId)) {
    console.warn(`[billing] subscription ${subscription.id} is not to the club price; ignored`);
    return 'not-club';
  }
  const customerId = idOf(subscription.customer) ?? '';
  const userId = subscription.metadata?.userId || (await userForCustomer(db, customerId));
  if (!userId) {
    console.warn(
      `[billing] subscription ${subscription.id} has no known user (customer ${customerId})`,
    );
    return 'unknown-user';
  }
  const user = await db.selectFrom('User').select('id').where('id', '=', userId).executeTakeFirst();
  if (!user) return 'unknown-user';

  // A user who joined again has a newer subscription; news about an older one must not win. But a
  // running subscription beats an ended one whatever their ages: two Checkouts (two tabs) make two
  // subscriptions, and cancelling the newer must not hide the one still being paid.
  const stored = await db
    .selectFrom('membership')
    .select(['subscription_id', 'started_at', 'status'])
    .where('user_id', '=', userId)
    .executeTakeFirst();
  const startedAt = new Date(subscription.start_date * 1000);
  if (stored && stored.subscription_id !== subscription.id) {
    const storedRuns = RUNNING.has(stored.status);
    const storedWins =
      storedRuns === RUNNING.has(subscription.status)
        ? new Date(stored.started_at) > startedAt
        : storedRuns;
    if (storedWins) return 'superseded';
  }

  const periods = subscription.items.data;
  const currentPeriodStart = Math.min(...periods.map((item) => item.current_period_start));
  const currentPeriodEnd = Math.max(...periods.map((item) => item.current_period_end));
  await storeSubscription(
    db,
    {
      userId,
      subscriptionId: subscription.id,
      customerId,
      status: subscription.status,
      currentPeriodStart: new Date(currentPeriodStart * 1000),
      currentPeriodEnd: new Date(currentPeriodEnd * 1000),
      cancelAtPeriodEnd: subscription.cancel_at_period_end || subscription.cancel_at !== null,
      startedAt,
    },
    now,
  );
  return 'stored';
}

/** Writes a snapshot: the subscription, then (if it ended) the customer's running club one. */
export async function applySnapshot(
  db: Executor,
  snapshot: StripeSnapshot,
  clubPriceId: string,
  now: Date,
): Promise<SyncResult> {
  const result = await storeFromStripe(db, snapshot.subscription, clubPriceId, now);
  // This one has ended: if the customer still pays for another club subscription (two Checkouts
  // from two tabs), membership moves to that one now rather than at its next renewal. The ended
  // state is stored first, so the running one wins the comparison above.
  const { running } = snapshot;
  if (running && RUNNING.has(running.status) && result === 'stored') {
    return storeFromStripe(db, running, clubPriceId, now);
  }
  return result;
}

/**
 * After the writes are committed (never inside the transaction: SMTP is slow and may be down): a
 * club subscription of the snapshot that is now someone's stored, running membership gets its
 * welcome e-mail, once per subscription (welcome.ts claims it). A failure is logged, never thrown:
 * the state is stored, and a later sync of the same subscription tries the e-mail again.
 */
export async function welcomeNewMembers(
  db: Kysely<Database>,
  snapshot: StripeSnapshot,
  hooks: SyncHooks,
  now: Date,
): Promise<void> {
  if (!hooks.sendWelcome) return;
  for (const subscription of [snapshot.subscription, snapshot.running]) {
    if (!subscription) continue;
    if (!WELCOMED.has(subscription.status)) continue;
    try {
      const member = await db
        .selectFrom('membership')
        .select('user_id')
        .where('subscription_id', '=', subscription.id)
        .executeTakeFirst();
      if (!member) continue;
      await sendWelcomeOnce(
        db,
        { userId: member.user_id, subscriptionId: subscription.id },
        hooks.sendWelcome,
        now,
      );
    } catch (error) {
      console.error(`[billing] welcome for ${subscription.id} not sent:`, error);
    }
  }
}

/**
 * Re-reads one subscription from Stripe and stores its state for its user, in one transaction,
 * one sync of that subscription at a time.
 */
export async function syncSubscription(
  db: Kysely<Database>,
  client: StripeReader,
  subscriptionId: string,
  now: Date = new Date(),
  hooks: SyncHooks = {},
): Promise<SyncResult> {
  const { result, snapshot } = await readAndWrite(db, client, subscriptionId, (trx, read) =>
    applySnapshot(trx, read, client.clubPriceId, now),
  );
  await welcomeNewMembers(db, snapshot, hooks, now);
  return result;
}
