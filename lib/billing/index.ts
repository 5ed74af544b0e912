import 'server-only';
// The only code that speaks Stripe: checkout, customer portal, webhook verification and sync.
import type Stripe from 'stripe';
import { isPayingMember, type SignedInViewer } from '../access';
import { getDb } from '../db';
import { requestLog } from '../platform/log';
import { sendMail } from '../platform/mail';
import { absoluteUrl } from '../platform/site-url';
import { stripe, stripeSettings } from './stripe';
import { currentMembership } from './freshness';
import { handleStripeEvent, type EventOutcome } from './stripe-events';
import { ENDED, syncSubscription, type StripeReader, type SyncHooks } from './sync';
import type { MembershipState } from '../access';

export { getClubPrice, type ClubPrice } from './price';
export { isTestMode } from './stripe';

/** What the sync reads from Stripe: the SDK's subscriptions, and the club's price. */
export function stripeReader(): StripeReader {
  return { clubPriceId: stripeSettings.priceId(), subscriptions: stripe().subscriptions };
}

/**
 * The membership an access check may use: the stored one, re-read from Stripe once when its paid
 * period is over (lib/access fails closed on it until then).
 */
export async function membershipFor(userId: string): Promise<MembershipState | null> {
  return currentMembership(await getDb(), stripeReader, userId);
}

/** Every sync in the app welcomes a new member (once per subscription: lib/billing/welcome.ts). */
const SYNC_HOOKS: SyncHooks = { sendWelcome: sendMail };

/** The user's Stripe customer, created once and reused for every checkout. */
async function customerFor(viewer: SignedInViewer): Promise<string> {
  const db = await getDb();
  const existing = await db
    .selectFrom('stripe_customer')
    .select('customer_id')
    .where('user_id', '=', viewer.userId)
    .executeTakeFirst();
  if (existing) return existing.customer_id;
  const customer = await stripe().customers.create(
    { email: viewer.email, metadata: { userId: viewer.userId } },
    // Two clicks at once still make one customer.
    { idempotencyKey: `customer-${viewer.userId}` },
  );
  await db
    .insertInto('stripe_customer')
    .values({
      user_id: viewer.userId,
      customer_id: customer.id,
      created_at: new Date().toISOString(),
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const stored = await db
    .selectFrom('stripe_customer')
    .select('customer_id')
    .where('user_id', '=', viewer.userId)
    .executeTakeFirstOrThrow();
  return stored.customer_id;
}

export type CheckoutStart = { kind: 'redirect'; url: string } | { kind: 'already-member' };

/** A Stripe-hosted Checkout for the membership; `returnTo` is where the person lands afterwards. */
export async function startCheckout(
  viewer: SignedInViewer,
  returnTo: string,
): Promise<CheckoutStart> {
  if (isPayingMember(viewer)) return { kind: 'already-member' };
  const back = encodeURIComponent(returnTo);
  const session = await stripe().checkout.sessions.create({
    mode: 'subscription',
    customer: await customerFor(viewer),
    client_reference_id: viewer.userId,
    line_items: [{ price: stripeSettings.priceId(), quantity: 1 }],
    allow_promotion_codes: true,
    metadata: { userId: viewer.userId },
    subscription_data: { metadata: { userId: viewer.userId } },
    success_url: absoluteUrl(`/club/welcome?session_id={CHECKOUT_SESSION_ID}&returnTo=${back}`),
    cancel_url: absoluteUrl(`/club/join?cancelled=1&returnTo=${back}`),
  });
  if (!session.url) throw new Error('Stripe returned a Checkout Session without a URL');
  return { kind: 'redirect', url: session.url };
}

/** A Customer Portal session, or null when the user never had a Stripe customer. */
export async function billingPortalUrl(
  viewer: SignedInViewer,
  returnTo: string,
): Promise<string | null> {
  const db = await getDb();
  const row = await db
    .selectFrom('stripe_customer')
    .select('customer_id')
    .where('user_id', '=', viewer.userId)
    .executeTakeFirst();
  if (!row) return null;
  const portal = await stripe().billingPortal.sessions.create({
    customer: row.customer_id,
    return_url: absoluteUrl(returnTo),
  });
  return portal.url;
}

export type CheckoutResult =
  { kind: 'paid' } | { kind: 'pending' } | { kind: 'not-yours' } | { kind: 'not-found' };

/**
 * After Checkout: reads the session server-side and, if paid, syncs the subscription now so the
 * person is a member even when the webhook has not arrived yet (the webhook later changes nothing).
 */
export async function confirmCheckout(
  viewer: SignedInViewer,
  sessionId: string,
): Promise<CheckoutResult> {
  let session: Stripe.Checkout.Session;
  try {
    session = await stripe().checkout.sessions.retrieve(sessionId);
  } catch {
    return { kind: 'not-found' };
  }
  if (session.client_reference_id !== viewer.userId) return { kind: 'not-yours' };
  const subscriptionId =
    typeof session.subscription === 'string' ? session.subscription : session.subscription?.id;
  if (session.status !== 'complete' || !subscriptionId) return { kind: 'pending' };
  const db = await getDb();
  const customerId = typeof session.customer === 'string' ? session.customer : session.customer?.id;
  if (customerId) {
    await db
      .insertInto('stripe_customer')
      .values({
        user_id: viewer.userId,
        customer_id: customerId,
        created_at: new Date().toISOString(),
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  await syncSubscription(db, stripeReader(), subscriptionId, new Date(), SYNC_HOOKS);
  return { kind: 'paid' };
}

export type WebhookResult =
  { status: 200; outcome: EventOutcome } | { status: 400 | 500; error: string };

/** Verifies the signature on the raw body, then handles the event once. */
export async function receiveWebhook(
  rawBody: string,
  signature: string | null,
): Promise<WebhookResult> {
  if (!signature) return { status: 400, error: 'Missing Stripe-Signature header' };
  let event: Stripe.Event;
  try {
    event = stripe().webhooks.constructEvent(rawBody, signature, stripeSettings.webhookSecret());
  } catch {
    return { status: 400, error: 'Invalid signature' };
  }
  try {
    const outcome = await handleStripeEvent(
      await getDb(),
      stripeReader(),
      event,
      new Date(),
      SYNC_HOOKS,
    );
    (await requestLog()).info(
      { event: 'webhook.processed', id: event.id, type: event.type, outcome },
      'Stripe webhook processed',
    );
    return { status: 200, outcome };
  } catch (error) {
    // Nothing was stored (one transaction); a 5xx makes Stripe deliver the event again later.
    (await requestLog()).error(
      { event: 'webhook.failed', id: event.id, type: event.type, err: error },
      'Stripe webhook failed; Stripe will retry',
    );
    return { status: 500, error: 'Processing failed; Stripe will retry' };
  }
}

export { hasBillingAccount } from './account';

/**
 * Cancels every subscription of the user that is not over yet, at once (no end-of-period grace):
 * account deletion. Throws when Stripe cannot be reached, so the account is never deleted while a
 * subscription still bills. Returns the ids cancelled.
 */
export async function cancelSubscriptionsNow(userId: string): Promise<string[]> {
  const db = await getDb();
  const customer = await db
    .selectFrom('stripe_customer')
    .select('customer_id')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  const stored = await db
    .selectFrom('membership')
    .select(['subscription_id', 'customer_id'])
    .where('user_id', '=', userId)
    .executeTakeFirst();
  const customers = new Set(
    [customer?.customer_id, stored?.customer_id].filter(Boolean) as string[],
  );
  const toCancel = new Set<string>();
  for (const customerId of customers) {
    const { data } = await stripe().subscriptions.list({
      customer: customerId,
      status: 'all',
      limit: 100,
    });
    for (const subscription of data) {
      if (!ENDED.has(subscription.status)) toCancel.add(subscription.id);
    }
  }
  for (const id of toCancel) {
    await stripe().subscriptions.cancel(id, undefined, { idempotencyKey: `cancel-now-${id}` });
  }
  return [...toCancel];
}

/** Keeps the Stripe customer's e-mail (receipts) in step with a new sign-in address. */
export async function updateBillingEmail(userId: string, email: string): Promise<void> {
  const db = await getDb();
  const customer = await db
    .selectFrom('stripe_customer')
    .select('customer_id')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (customer) await stripe().customers.update(customer.customer_id, { email });
}
