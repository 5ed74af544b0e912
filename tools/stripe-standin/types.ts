import type Stripe from 'stripe';

/** The SDK's Decimal class (not exported as a type, so derive it from a field that uses it). */
type Decimal = NonNullable<Stripe.Price['unit_amount_decimal']>;

/**
 * JSON wire form of an SDK type. The SDK turns `*_decimal` strings into `Decimal` objects after
 * it receives a response; on the wire (and inside webhook payloads) they are plain strings.
 */
export type Wire<T> = T extends Decimal
  ? string
  : T extends string | number | boolean | bigint | symbol | null | undefined
    ? T // includes the SDK's `OtherString` (string & Record<never, never>)
    : T extends ReadonlyArray<infer U>
      ? Array<Wire<U>>
      : T extends object
        ? { [K in keyof T]: Wire<T[K]> }
        : T;

export type Price = Wire<Stripe.Price>;
export type Product = Wire<Stripe.Product>;
export type Plan = Wire<Stripe.Plan>;
export type Customer = Wire<Stripe.Customer>;
export type PaymentMethod = Wire<Stripe.PaymentMethod>;
export type Subscription = Wire<Stripe.Subscription>;
export type SubscriptionItem = Wire<Stripe.SubscriptionItem>;
export type Invoice = Wire<Stripe.Invoice>;
export type InvoiceLineItem = Wire<Stripe.InvoiceLineItem>;
export type CheckoutSession = Wire<Stripe.Checkout.Session>;
export type CheckoutLineItem = Wire<Stripe.LineItem>;
export type PortalSession = Wire<Stripe.BillingPortal.Session>;
export type Metadata = Record<string, string>;

/** The event types the stand-in emits (checked against the SDK's list of real event types). */
export const EVENT_TYPES = [
  'checkout.session.completed',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'invoice.paid',
  'invoice.payment_failed',
] as const satisfies ReadonlyArray<Stripe.Event['type']>;

export type StandinEventType = (typeof EVENT_TYPES)[number];

/** A snapshot event, shaped like Stripe's `Event` (`EventBase` in the SDK types). */
export interface StandinEvent {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  data: {
    object: CheckoutSession | Subscription | Invoice;
    previous_attributes?: Record<string, unknown>;
  };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: StandinEventType;
}

export interface DeliveryAttempt {
  attempt: number;
  /** True when triggered by `POST /_standin/events/:id/resend`. */
  resend: boolean;
  url: string;
  started_at: string;
  duration_ms: number;
  status: number | null;
  ok: boolean;
  error: string | null;
  /** First 500 characters of the receiver's response body, for debugging. */
  response_body: string | null;
}

export interface EventRecord {
  event: StandinEvent;
  /** The exact JSON body that is signed and sent (kept so resends are byte-identical). */
  payload: string;
  status: 'pending' | 'delivered' | 'failed' | 'skipped';
  deliveries: DeliveryAttempt[];
}
