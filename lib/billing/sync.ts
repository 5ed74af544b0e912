// Webhook events → stored membership. Events arrive late, twice and out of order, so no payload is
// trusted for state: each event only says *which* subscription to re-read from Stripe, and the
// stored row is whatever Stripe says now. Event ids are recorded so a replay changes nothing.
import type { Kysely } from 'kysely';
import type Stripe from 'stripe';
import type { Database } from '../db/schema';
import { storeSubscription } from './membership-store';
import { withSubscriptionLock, type SyncLease } from './sync-lock';
import { sendWelcomeOnce, type SendMail } from './welcome';

/**
 * The part of the Stripe SDK the sync reads (an interface so tests can point it anywhere), and the
 * club's price: only a subscription to that price makes a member (STRIPE_PRICE_ID).
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
  };
}

const HANDLED_EVENTS = new Set([
  'checkout.session.completed',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'invoice.paid',
  'invoice.payment_failed',
]);

/** Subscription states that still bill (and may grant access): they win over ended ones. */
const RUNNING = new Set(['active', 'trialing', 'past_due']);

export type EventOutcome = 'processed' | 'duplicate' | 'ignored';

/** What the sync does beyond storing state. `sendWelcome`: e-mail a new member once (welcome.ts). */
export interface SyncHooks {
  sendWelcome?: SendMail;
}

/** States in which a subscription starts a membership (and earns the welcome e-mail). */
const WELCOMED = new Set(['active', 'trialing']);

const idOf = (value: string | { id: string } | null | undefined): string | null =>
  typeof value === 'string' ? value : (value?.id ?? null);

/** Which subscription an event is about, if any. */
export function subscriptionIdOf(event: Stripe.Event): string | null {
  const object = event.data.object as unknown as Record<string, unknown>;
  switch (event.type) {
    case 'checkout.session.completed':
      return idOf(object.subscription as string | { id: string } | null);
    case 'customer.subscription.created':
    case 'customer.subscription.updated':
    case 'customer.subscription.deleted':
      return idOf(object as { id: string });
    case 'invoice.paid':
    case 'invoice.payment_failed': {
      const invoice = event.data.object as Stripe.Invoice;
      return idOf(invoice.parent?.subscription_details?.subscription ?? null);
    }
    default:
      return null;
  }
}

type Executor = Kysely<Database>;

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
interface StripeSnapshot {
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
async function readAndWrite<T>(
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
async function applySnapshot(
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
async function welcomeNewMembers(
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

/** Links a Checkout's customer to the user who started it (client_reference_id). */
async function rememberCheckoutCustomer(db: Executor, session: Stripe.Checkout.Session) {
  const customerId = idOf(session.customer);
  const userId = session.client_reference_id;
  if (!customerId || !userId) return;
  await db
    .insertInto('stripe_customer')
    .values({ user_id: userId, customer_id: customerId, created_at: new Date().toISOString() })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/**
 * Handles one verified webhook event. Stripe is read first (under the subscription's sync lease);
 * then the customer link, the membership and the event id are written in ONE transaction, so a failure anywhere leaves no partial state and
 * (the route answering 5xx) Stripe's retry starts from scratch.
 */
export async function handleStripeEvent(
  db: Kysely<Database>,
  client: StripeReader,
  event: Stripe.Event,
  now: Date = new Date(),
  hooks: SyncHooks = {},
): Promise<EventOutcome> {
  const seen = await db
    .selectFrom('stripe_event')
    .select('id')
    .where('id', '=', event.id)
    .executeTakeFirst();
  if (seen) return 'duplicate';
  if (!HANDLED_EVENTS.has(event.type)) return 'ignored';

  let session: Stripe.Checkout.Session | null = null;
  if (event.type === 'checkout.session.completed') {
    session = event.data.object as Stripe.Checkout.Session;
    if (session.mode !== 'subscription') return 'ignored';
  }
  // Two deliveries of one event at once: the second finds it recorded and changes nothing.
  const record = async (trx: Executor, snapshot: StripeSnapshot | null) => {
    const inserted = await trx
      .insertInto('stripe_event')
      .values({ id: event.id, type: event.type, received_at: now.toISOString() })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return 'duplicate' as const;
    if (session) await rememberCheckoutCustomer(trx, session);
    if (snapshot) await applySnapshot(trx, snapshot, client.clubPriceId, now);
    return 'processed' as const;
  };
  const subscriptionId = subscriptionIdOf(event);
  if (!subscriptionId) return db.transaction().execute((trx) => record(trx, null));
  const { result, snapshot } = await readAndWrite(db, client, subscriptionId, record);
  if (result === 'processed') await welcomeNewMembers(db, snapshot, hooks, now);
  return result;
}
