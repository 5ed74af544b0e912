// Webhook events → stored membership. Events arrive late, twice and out of order, so no payload is
// trusted for state: each event only says *which* subscription to re-read from Stripe, and the
// stored row is whatever Stripe says now. Event ids are recorded so a replay changes nothing.
import type { Kysely } from 'kysely';
import type Stripe from 'stripe';
import type { Database } from '../db/schema';
import { storeSubscription } from './membership-store';
import { sendWelcomeOnce, type SendMail } from './welcome';

/** The part of the Stripe SDK the sync reads (an interface so tests can point it anywhere). */
export interface StripeReader {
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

async function userForCustomer(db: Kysely<Database>, customerId: string): Promise<string | null> {
  const row = await db
    .selectFrom('stripe_customer')
    .select('user_id')
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
  return row?.user_id ?? null;
}

/** Re-reads one subscription from Stripe and stores its state for its user. */
export async function syncSubscription(
  db: Kysely<Database>,
  client: StripeReader,
  subscriptionId: string,
  now: Date = new Date(),
  hooks: SyncHooks = {},
): Promise<'stored' | 'unknown-user' | 'superseded'> {
  const subscription = await client.subscriptions.retrieve(subscriptionId);
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
  if (hooks.sendWelcome && WELCOMED.has(subscription.status)) {
    await sendWelcomeOnce(db, { userId, subscriptionId: subscription.id }, hooks.sendWelcome, now);
  }

  // This one has ended: if the customer still pays for another (two Checkouts from two tabs),
  // membership moves to that one now rather than at its next renewal. The ended state is stored
  // first, so the running one wins the comparison above.
  if (!RUNNING.has(subscription.status) && customerId) {
    const { data } = await client.subscriptions.list({
      customer: customerId,
      status: 'all',
      limit: 20,
    });
    const running = data.find((other) => other.id !== subscription.id && RUNNING.has(other.status));
    if (running) return syncSubscription(db, client, running.id, now, hooks);
  }
  return 'stored';
}

/** Links a Checkout's customer to the user who started it (client_reference_id). */
async function rememberCheckoutCustomer(db: Kysely<Database>, session: Stripe.Checkout.Session) {
  const customerId = idOf(session.customer);
  const userId = session.client_reference_id;
  if (!customerId || !userId) return;
  await db
    .insertInto('stripe_customer')
    .values({ user_id: userId, customer_id: customerId, created_at: new Date().toISOString() })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Handles one verified webhook event. Throwing makes the route answer 500 so Stripe retries. */
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

  if (event.type === 'checkout.session.completed') {
    const session = event.data.object as Stripe.Checkout.Session;
    if (session.mode !== 'subscription') return 'ignored';
    await rememberCheckoutCustomer(db, session);
  }
  const subscriptionId = subscriptionIdOf(event);
  if (subscriptionId) await syncSubscription(db, client, subscriptionId, now, hooks);

  // Recorded after the work: a failure above is retried by Stripe instead of being lost.
  await db
    .insertInto('stripe_event')
    .values({ id: event.id, type: event.type, received_at: now.toISOString() })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return 'processed';
}
