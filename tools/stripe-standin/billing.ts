/**
 * Subscription lifecycle: every state change happens here, followed by the webhook events Stripe
 * would send for it. Callers (API, hosted pages, control endpoints) only validate input.
 */
import { invalidRequest } from './errors.js';
import {
  addInterval,
  buildCustomer,
  buildInvoice,
  buildPaymentMethod,
  buildSubscription,
  buildSubscriptionItem,
  clone,
  newId,
  nowSeconds,
  productIdOf,
} from './objects.js';
import type { Store } from './state.js';
import type { CheckoutSession, Customer, Invoice, Subscription } from './types.js';
import { NO_REQUEST, type RequestInfo, type WebhookDispatcher } from './webhooks.js';

export function idOf(value: string | { id: string }): string {
  return typeof value === 'string' ? value : value.id;
}

/** Period end shown to users: the earliest item period end (there is one item in practice). */
export function periodEnd(sub: Subscription): number {
  return Math.min(...sub.items.data.map((i) => i.current_period_end));
}

export function periodStart(sub: Subscription): number {
  return Math.min(...sub.items.data.map((i) => i.current_period_start));
}

/**
 * `previous_attributes` as Stripe computes it: for each changed key the old value; nested hashes
 * recurse so only the changed sub-keys appear, while lists (like `items`) are included whole.
 */
export function previousAttributes(before: unknown, after: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!isHash(before) || !isHash(after)) return out;
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = before[key];
    const b = after[key];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    if (isHash(a) && isHash(b) && a.object !== 'list') {
      out[key] = previousAttributes(a, b);
    } else {
      out[key] = a === undefined ? null : a;
    }
  }
  return out;
}

/**
 * What Stripe changes alongside `cancel_at_period_end`: `cancel_at` becomes the period end,
 * `canceled_at` the request time and the cancellation reason `cancellation_requested`.
 */
export function applyCancelAtPeriodEnd(s: Subscription, value: boolean): void {
  if (s.cancel_at_period_end === value) return;
  const details = s.cancellation_details;
  s.cancel_at_period_end = value;
  s.cancel_at = value ? periodEnd(s) : null;
  s.canceled_at = value ? nowSeconds() : null;
  s.cancellation_details = {
    comment: value ? (details?.comment ?? null) : null,
    feedback: value ? (details?.feedback ?? null) : null,
    feedback_option: value ? (details?.feedback_option ?? null) : null,
    reason: value ? 'cancellation_requested' : null,
  };
}

/** Marks a session expired once `expires_at` has passed (Stripe does this lazily too). */
export function refreshSessionExpiry(session: CheckoutSession): void {
  if (session.status === 'open' && session.expires_at <= nowSeconds()) {
    session.status = 'expired';
    session.url = null;
  }
}

function isHash(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export class Billing {
  constructor(
    private readonly store: Store,
    private readonly hooks: WebhookDispatcher,
    private readonly publicUrl: () => string,
  ) {}

  customerOf(sub: Subscription | Invoice): Customer {
    const id = sub.customer === null ? '' : idOf(sub.customer);
    const customer = this.store.customers.get(id);
    if (!customer) throw invalidRequest(`Customer ${id} of ${sub.id} no longer exists.`);
    return customer;
  }

  productName(sub: Subscription): string {
    const first = sub.items.data[0];
    const product = first ? this.store.products.get(productIdOf(first.price)) : undefined;
    return product?.name ?? 'Subscription';
  }

  /**
   * A successful hosted-checkout payment. Stripe order: customer.subscription.created,
   * invoice.paid, checkout.session.completed.
   */
  completeCheckout(
    session: CheckoutSession,
    input: { cardDigits: string; email: string | null },
  ): void {
    const extra = this.store.checkoutExtras.get(session.id);
    if (!extra) throw invalidRequest(`Checkout session ${session.id} has no line items.`);
    const now = nowSeconds();

    let customer = session.customer ? this.store.customers.get(idOf(session.customer)) : undefined;
    if (!customer) {
      customer = buildCustomer({
        email: session.customer_email ?? input.email,
        name: null,
        metadata: {},
        created: now,
      });
      this.store.customers.set(customer.id, customer);
    }
    const pm = buildPaymentMethod({
      customer: customer.id,
      cardDigits: input.cardDigits,
      email: customer.email,
      created: now,
    });
    this.store.paymentMethods.set(pm.id, pm);

    const subId = newId('sub', 24);
    const items = extra.lineItems.map((li) => {
      if (!li.price) throw invalidRequest('Line item without a price.');
      const interval = li.price.recurring?.interval ?? 'month';
      const count = li.price.recurring?.interval_count ?? 1;
      return buildSubscriptionItem({
        subscription: subId,
        price: li.price,
        quantity: li.quantity ?? 1,
        created: now,
        periodStart: now,
        periodEnd: addInterval(now, interval, count),
      });
    });
    const sub = buildSubscription({
      id: subId,
      customer: customer.id,
      currency: session.currency ?? 'eur',
      created: now,
      items,
      metadata: clone(extra.subscriptionMetadata),
      description: extra.subscriptionDescription,
      defaultPaymentMethod: pm.id,
    });
    const invoice = this.newInvoice(sub, customer, 'subscription_create', true, now, now);
    sub.latest_invoice = invoice.id;
    this.store.subscriptions.set(sub.id, sub);

    session.status = 'complete';
    session.payment_status = 'paid';
    session.customer = customer.id;
    session.subscription = sub.id;
    session.invoice = invoice.id;
    session.url = null; // Stripe clears the URL once the session is complete
    session.collected_information = {
      business_name: null,
      individual_name: null,
      shipping_details: null,
    };
    session.customer_details = {
      address: null,
      business_name: null,
      email: customer.email,
      individual_name: null,
      name: customer.name ?? null,
      phone: null,
      tax_exempt: 'none',
      tax_ids: [],
    };
    this.store.save();

    this.hooks.emit('customer.subscription.created', sub);
    this.hooks.emit('invoice.paid', invoice);
    this.hooks.emit('checkout.session.completed', session);
  }

  /** Cancel at period end (true) or undo it (false). Emits customer.subscription.updated. */
  setCancelAtPeriodEnd(sub: Subscription, value: boolean, request: RequestInfo = NO_REQUEST): void {
    this.assertNotCanceled(sub);
    this.update(sub, (s) => applyCancelAtPeriodEnd(s, value), request);
  }

  /** Applies `mutate` and emits customer.subscription.updated if anything changed. */
  update(
    sub: Subscription,
    mutate: (s: Subscription) => void,
    request: RequestInfo = NO_REQUEST,
  ): void {
    const before = clone(sub);
    mutate(sub);
    const previous = previousAttributes(before, sub);
    this.store.save();
    if (Object.keys(previous).length > 0) {
      this.hooks.emit('customer.subscription.updated', sub, { previous, request });
    }
  }

  /**
   * Ends the current period now. With cancel_at_period_end the subscription ends
   * (customer.subscription.deleted); otherwise it renews and the renewal invoice is paid
   * (customer.subscription.updated with the new period, then invoice.paid - Stripe's order, as it
   * advances the period when it creates the invoice and charges it afterwards).
   */
  endPeriod(sub: Subscription): 'renewed' | 'canceled' {
    this.assertNotCanceled(sub);
    if (sub.cancel_at_period_end) {
      this.endNow(sub, NO_REQUEST, true);
      return 'canceled';
    }
    const now = nowSeconds();
    const before = clone(sub);
    const oldStart = periodStart(sub);
    this.startNewPeriod(sub, now);
    const invoice = this.newInvoice(
      sub,
      this.customerOf(sub),
      'subscription_cycle',
      true,
      oldStart,
      now,
    );
    sub.latest_invoice = invoice.id;
    sub.status = 'active';
    this.store.save();
    this.hooks.emit('customer.subscription.updated', sub, {
      previous: previousAttributes(before, sub),
    });
    this.hooks.emit('invoice.paid', invoice);
    return 'renewed';
  }

  /**
   * The period ends and the renewal payment fails: a new period starts, its invoice stays open and
   * the subscription becomes past_due (invoice.payment_failed, then customer.subscription.updated).
   * If it already was past_due/unpaid, this is the last retry failing: the open invoice gets
   * another failed attempt and the subscription becomes unpaid. With cancel_at_period_end set,
   * Stripe does not charge at all and simply ends the subscription.
   */
  failRenewal(sub: Subscription): 'past_due' | 'unpaid' | 'canceled' {
    this.assertNotCanceled(sub);
    if (sub.cancel_at_period_end) {
      this.endNow(sub, NO_REQUEST, true);
      return 'canceled';
    }
    const now = nowSeconds();
    const before = clone(sub);
    let invoice: Invoice;
    const open = this.openInvoice(sub);
    if ((sub.status === 'past_due' || sub.status === 'unpaid') && open) {
      invoice = open;
      invoice.attempt_count += 1;
      invoice.next_payment_attempt = null;
      sub.status = 'unpaid';
    } else {
      const oldStart = periodStart(sub);
      this.startNewPeriod(sub, now);
      invoice = this.newInvoice(
        sub,
        this.customerOf(sub),
        'subscription_cycle',
        false,
        oldStart,
        now,
      );
      sub.latest_invoice = invoice.id;
      sub.status = 'past_due';
    }
    this.store.save();
    this.hooks.emit('invoice.payment_failed', invoice);
    this.hooks.emit('customer.subscription.updated', sub, {
      previous: previousAttributes(before, sub),
    });
    return sub.status === 'unpaid' ? 'unpaid' : 'past_due';
  }

  /**
   * Pays what a past_due/unpaid subscription owes with a fresh test card (portal "Update payment
   * method"): the open invoice is paid (a new paid invoice if none is open), status -> active.
   * Events: invoice.paid, customer.subscription.updated.
   */
  recoverPayment(sub: Subscription, cardDigits = '4242424242424242'): void {
    this.assertNotCanceled(sub);
    const customer = this.customerOf(sub);
    const now = nowSeconds();
    const before = clone(sub);
    this.attachCard(sub, cardDigits, now);
    let invoice = this.openInvoice(sub);
    if (invoice) {
      this.markPaid(invoice, now);
    } else {
      invoice = this.newInvoice(sub, customer, 'subscription_cycle', true, periodStart(sub), now);
      sub.latest_invoice = invoice.id;
    }
    sub.status = 'active';
    this.store.save();
    this.hooks.emit('invoice.paid', invoice);
    this.hooks.emit('customer.subscription.updated', sub, {
      previous: previousAttributes(before, sub),
    });
  }

  /** Stores a new card for the subscription's customer and makes it the subscription's default. */
  private attachCard(sub: Subscription, cardDigits: string, now: number): void {
    const customer = this.customerOf(sub);
    const pm = buildPaymentMethod({
      customer: customer.id,
      cardDigits,
      email: customer.email,
      created: now,
    });
    this.store.paymentMethods.set(pm.id, pm);
    sub.default_payment_method = pm.id;
  }

  /** Pays an open invoice from its hosted page; reactivates its subscription if it was behind. */
  payInvoice(invoice: Invoice, cardDigits: string): void {
    if (invoice.status !== 'open') return;
    const subId = invoice.parent?.subscription_details?.subscription;
    const sub = subId ? this.store.subscriptions.get(idOf(subId)) : undefined;
    if (sub && (sub.status === 'past_due' || sub.status === 'unpaid')) {
      const before = clone(sub);
      const now = nowSeconds();
      this.attachCard(sub, cardDigits, now);
      this.markPaid(invoice, now);
      sub.status = 'active';
      this.store.save();
      this.hooks.emit('invoice.paid', invoice);
      this.hooks.emit('customer.subscription.updated', sub, {
        previous: previousAttributes(before, sub),
      });
      return;
    }
    this.markPaid(invoice, nowSeconds());
    this.store.save();
    this.hooks.emit('invoice.paid', invoice);
  }

  /** Immediate cancellation (DELETE /v1/subscriptions/:id). Emits customer.subscription.deleted. */
  cancelNow(
    sub: Subscription,
    request: RequestInfo = NO_REQUEST,
    details?: { comment?: string | undefined; feedback?: string | undefined },
  ): void {
    this.assertNotCanceled(sub);
    if (details?.comment !== undefined || details?.feedback !== undefined) {
      sub.cancellation_details = {
        comment: details.comment ?? sub.cancellation_details?.comment ?? null,
        feedback: details.feedback ?? sub.cancellation_details?.feedback ?? null,
        feedback_option: sub.cancellation_details?.feedback_option ?? null,
        reason: sub.cancellation_details?.reason ?? null,
      };
    }
    this.endNow(sub, request, false);
  }

  private endNow(sub: Subscription, request: RequestInfo, atPeriodEnd: boolean): void {
    const now = nowSeconds();
    sub.status = 'canceled';
    sub.ended_at = now;
    sub.canceled_at = sub.canceled_at ?? now;
    if (!atPeriodEnd) sub.cancel_at = null;
    sub.cancellation_details = {
      comment: sub.cancellation_details?.comment ?? null,
      feedback: sub.cancellation_details?.feedback ?? null,
      feedback_option: sub.cancellation_details?.feedback_option ?? null,
      reason: sub.cancellation_details?.reason ?? 'cancellation_requested',
    };
    // The period was cut short "now", so it ends when the subscription does.
    for (const item of sub.items.data)
      item.current_period_end = Math.min(item.current_period_end, now);
    this.store.save();
    this.hooks.emit('customer.subscription.deleted', sub, { request });
  }

  private assertNotCanceled(sub: Subscription): void {
    if (sub.status === 'canceled' || sub.status === 'incomplete_expired') {
      throw invalidRequest(
        'A canceled subscription can only update its cancellation_details and metadata.',
      );
    }
  }

  private openInvoice(sub: Subscription): Invoice | undefined {
    const latest = sub.latest_invoice
      ? this.store.invoices.get(idOf(sub.latest_invoice))
      : undefined;
    if (latest?.status === 'open') return latest;
    return [...this.store.invoices.values()].find(
      (inv) =>
        inv.status === 'open' &&
        inv.parent?.subscription_details &&
        idOf(inv.parent.subscription_details.subscription) === sub.id,
    );
  }

  private markPaid(invoice: Invoice, now: number): void {
    invoice.status = 'paid';
    invoice.amount_paid = invoice.amount_due;
    invoice.amount_remaining = 0;
    invoice.attempt_count += 1;
    invoice.attempted = true;
    invoice.auto_advance = false;
    invoice.next_payment_attempt = null;
    invoice.status_transitions.paid_at = now;
  }

  /** Cuts the current period at `now` and starts the next one, as a renewal at `now` would. */
  private startNewPeriod(sub: Subscription, now: number): void {
    for (const item of sub.items.data) {
      const interval = item.price.recurring?.interval ?? 'month';
      const count = item.price.recurring?.interval_count ?? 1;
      item.current_period_start = now;
      item.current_period_end = addInterval(now, interval, count);
    }
    sub.billing_cycle_anchor = now;
  }

  private newInvoice(
    sub: Subscription,
    customer: Customer,
    reason: 'subscription_create' | 'subscription_cycle',
    paid: boolean,
    periodStartTs: number,
    periodEndTs: number,
  ): Invoice {
    const invoice = buildInvoice({
      sub,
      customer,
      billingReason: reason,
      paid,
      number: this.store.nextInvoiceNumber(customer),
      created: nowSeconds(),
      periodStart: periodStartTs,
      periodEnd: periodEndTs,
      productName: this.productName(sub),
      publicUrl: this.publicUrl(),
    });
    this.store.invoices.set(invoice.id, invoice);
    return invoice;
  }
}
