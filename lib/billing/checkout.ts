import 'server-only';
// Joining: the Stripe-hosted Checkout, and the welcome page's check of it on the way back. Both call
// Stripe for whoever asks, so each is limited per person, and the welcome page looks up only what
// has the shape of a Checkout Session id.
import type Stripe from 'stripe';
import { isPayingMember, type SignedInViewer } from '../access';
import { getDb } from '../db';
import { sendMail } from '../platform/mail';
import { consumeRateLimit, type RateLimitRule } from '../platform/rate-limit';
import { absoluteUrl } from '../platform/site-url';
import { checkoutSessionIdSchema } from './schema';
import { stripe, stripeReader, stripeSettings } from './stripe';
import { syncSubscription, type SyncHooks } from './sync';

/** Every sync in the app welcomes a new member (once per subscription: lib/billing/welcome.ts). */
export const SYNC_HOOKS: SyncHooks = { sendWelcome: sendMail };

/** Opening Stripe's payment page (a customer and a Checkout Session each time): per person. */
export const CHECKOUT_START_LIMIT: RateLimitRule = {
  bucket: 'checkout-start',
  limit: 10,
  windowMs: 60 * 60_000,
};

/** The welcome page's look-ups (it says "refresh in a moment" while a payment is confirmed). */
export const CHECKOUT_RETURN_LIMIT: RateLimitRule = {
  bucket: 'checkout-return',
  limit: 30,
  windowMs: 10 * 60_000,
};

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

export type CheckoutStart =
  | { kind: 'redirect'; url: string }
  | { kind: 'already-member' }
  | { kind: 'rate-limited'; retryAfterSeconds: number };

/** A Stripe-hosted Checkout for the membership; `returnTo` is where the person lands afterwards. */
export async function startCheckout(
  viewer: SignedInViewer,
  returnTo: string,
  now: Date = new Date(),
): Promise<CheckoutStart> {
  if (isPayingMember(viewer)) return { kind: 'already-member' };
  const limit = await consumeRateLimit(
    await getDb(),
    CHECKOUT_START_LIMIT,
    `user:${viewer.userId}`,
    now,
  );
  if (!limit.allowed) return { kind: 'rate-limited', retryAfterSeconds: limit.retryAfterSeconds };
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

export type CheckoutResult =
  | { kind: 'paid' }
  | { kind: 'pending' }
  | { kind: 'not-yours' }
  | { kind: 'not-found' }
  | { kind: 'rate-limited'; retryAfterSeconds: number };

/**
 * After Checkout: reads the session server-side and, if paid, syncs the subscription now so the
 * person is a member even when the webhook has not arrived yet (the webhook later changes nothing).
 * A `sessionId` without a Checkout Session's shape is not looked up.
 */
export async function confirmCheckout(
  viewer: SignedInViewer,
  sessionId: string,
  now: Date = new Date(),
): Promise<CheckoutResult> {
  const parsed = checkoutSessionIdSchema.safeParse(sessionId);
  if (!parsed.success) return { kind: 'not-found' };
  const db = await getDb();
  const limit = await consumeRateLimit(db, CHECKOUT_RETURN_LIMIT, `user:${viewer.userId}`, now);
  if (!limit.allowed) return { kind: 'rate-limited', retryAfterSeconds: limit.retryAfterSeconds };
  let session: Stripe.Checkout.Session;
  try {
    session = await stripe().checkout.sessions.retrieve(parsed.data);
  } catch {
    return { kind: 'not-found' };
  }
  if (session.client_reference_id !== viewer.userId) return { kind: 'not-yours' };
  const subscriptionId =
    typeof session.subscription === 'string' ? session.subscription : session.subscription?.id;
  if (session.status !== 'complete' || !subscriptionId) return { kind: 'pending' };
  const customerId = typeof session.customer === 'string' ? session.customer : session.customer?.id;
  if (customerId) {
    await db
      .insertInto('stripe_customer')
      .values({
        user_id: viewer.userId,
        customer_id: customerId,
        created_at: now.toISOString(),
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  await syncSubscription(db, stripeReader(), subscriptionId, now, SYNC_HOOKS);
  return { kind: 'paid' };
}
