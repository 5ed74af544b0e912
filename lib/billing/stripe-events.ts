// Webhook events → stored membership. Events arrive late, twice and out of order, so no payload is
// trusted for state: each event only says *which* subscription to re-read from Stripe (sync.ts), and
// the stored row is whatever Stripe says now. Event ids are recorded so a replay changes nothing.
import type { Kysely } from 'kysely';
import type Stripe from 'stripe';
import type { Database } from '../db/schema';
import {
  applySnapshot,
  ENDED,
  idOf,
  readAndWrite,
  welcomeNewMembers,
  type Executor,
  type StripeReader,
  type StripeSnapshot,
  type SyncHooks,
} from './sync';
import { withSubscriptionLock } from './sync-lock';

const HANDLED_EVENTS = new Set([
  'checkout.session.completed',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'invoice.paid',
  'invoice.payment_failed',
]);

/** `orphan-cancelled`: a Checkout completed after its account was deleted; its subscription ended. */
export type EventOutcome = 'processed' | 'duplicate' | 'ignored' | 'orphan-cancelled';

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

/** A Checkout whose account is gone (deleted while Stripe's page was open in another tab). */
async function isOrphaned(db: Executor, session: Stripe.Checkout.Session): Promise<boolean> {
  const userId = session.client_reference_id;
  if (!userId) return false;
  const user = await db.selectFrom('User').select('id').where('id', '=', userId).executeTakeFirst();
  return !user;
}

/**
 * No one can use a membership paid for a deleted account, so its subscription is cancelled at once
 * (under its sync lease) instead of billing nobody; the event is recorded after the cancel, so a
 * failure answers 500 and Stripe's retry tries again. Logged with ids only.
 */
async function cancelOrphanedSubscription(
  db: Kysely<Database>,
  client: StripeReader,
  session: Stripe.Checkout.Session,
  subscriptionId: string,
  record: (trx: Executor) => Promise<'processed' | 'duplicate'>,
): Promise<EventOutcome> {
  return withSubscriptionLock(db, subscriptionId, async (lease) => {
    const subscription = await client.subscriptions.retrieve(subscriptionId);
    if (!ENDED.has(subscription.status)) {
      await client.subscriptions.cancel(subscriptionId, undefined, {
        idempotencyKey: `orphan-cancel-${subscriptionId}`,
      });
    }
    const outcome = await db.transaction().execute(async (trx) => {
      await lease.confirm(trx);
      return record(trx);
    });
    if (outcome === 'duplicate') return outcome;
    console.warn(
      `[billing] checkout ${session.id} completed after its account was deleted: subscription ${subscriptionId} (customer ${idOf(session.customer) ?? 'none'}) cancelled`,
    );
    return 'orphan-cancelled';
  });
}

/**
 * Handles one verified webhook event. Stripe is read first (under the subscription's sync lease);
 * then the customer link, the membership and the event id are written in ONE transaction, so a
 * failure anywhere leaves no partial state and (the route answering 5xx) Stripe's retry starts from
 * scratch.
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
  const orphaned = session !== null && (await isOrphaned(db, session));
  // Two deliveries of one event at once: the second finds it recorded and changes nothing.
  const record = async (trx: Executor, snapshot: StripeSnapshot | null) => {
    const inserted = await trx
      .insertInto('stripe_event')
      .values({ id: event.id, type: event.type, received_at: now.toISOString() })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return 'duplicate' as const;
    if (session && !orphaned) await rememberCheckoutCustomer(trx, session);
    if (snapshot) await applySnapshot(trx, snapshot, client.clubPriceId, now);
    return 'processed' as const;
  };
  const subscriptionId = subscriptionIdOf(event);
  if (!subscriptionId) return db.transaction().execute((trx) => record(trx, null));
  if (session && orphaned) {
    return cancelOrphanedSubscription(db, client, session, subscriptionId, (trx) =>
      record(trx, null),
    );
  }
  const { result, snapshot } = await readAndWrite(db, client, subscriptionId, record);
  if (result === 'processed') await welcomeNewMembers(db, snapshot, hooks, now);
  return result;
}
