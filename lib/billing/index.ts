import 'server-only';
// The only code that speaks Stripe: checkout, customer portal, webhook verification and sync.
import type Stripe from 'stripe';
import type { MembershipState, SignedInViewer } from '../access';
import { getDb } from '../db';
import { requestLog } from '../platform/log';
import { absoluteUrl } from '../platform/site-url';
import { SYNC_HOOKS } from './checkout';
import { stripe, stripeReader, stripeSettings } from './stripe';
import { currentMembership } from './freshness';
import { handleStripeEvent, type EventOutcome } from './stripe-events';
import { ENDED } from './sync';

export { getClubPrice, type ClubPrice } from './price';
export { isTestMode, stripeReader } from './stripe';
export {
  confirmCheckout,
  startCheckout,
  type CheckoutResult,
  type CheckoutStart,
} from './checkout';

/**
 * The membership an access check may use: the stored one, re-read from Stripe once when its paid
 * period is over (lib/access fails closed on it until then).
 */
export async function membershipFor(userId: string): Promise<MembershipState | null> {
  return currentMembership(await getDb(), stripeReader, userId);
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
