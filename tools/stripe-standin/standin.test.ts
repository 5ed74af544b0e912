/**
 * Drives the Stripe stand-in with the real `stripe` SDK and verifies every webhook delivery with
 * `stripe.webhooks.constructEvent`, exactly as the app's webhook route does.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEEDED_PRICE_ID } from './defaults.js';
import { parseForm } from './form.js';
import { startStripeStandin, type StripeStandin } from './server.js';

// Its own secret, passed explicitly: the signatures checked here come from what the test gave.
const SECRET = 'whsec_test_standin_secret';
const PRICE = SEEDED_PRICE_ID;

interface Received {
  raw: string;
  signature: string;
  userAgent: string;
  event: Stripe.Event;
}

let standin: StripeStandin;
let receiver: Server;
let receiverUrl: string;
let stripe: Stripe;
const received: Received[] = [];
const verifyErrors: string[] = [];
let failNextDeliveries = 0;

function readAll(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function control<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${standin.url}/_standin${path}`, { method: 'POST', ...init });
  expect(res.status, `${path}: ${res.status}`).toBeLessThan(300);
  return (await res.json()) as T;
}

/** Waits until the stand-in has delivered every queued event. */
async function flush(): Promise<void> {
  await control('/events/flush');
}

/** Events received since `start`, in delivery order. */
function eventsSince(start: number): Stripe.Event[] {
  return received.slice(start).map((r) => r.event);
}

async function createCheckout(params: Partial<Stripe.Checkout.SessionCreateParams> = {}) {
  return stripe.checkout.sessions.create({
    mode: 'subscription',
    line_items: [{ price: PRICE, quantity: 1 }],
    success_url: 'http://127.0.0.1:3000/club/welcome?session_id={CHECKOUT_SESSION_ID}',
    cancel_url: 'http://127.0.0.1:3000/club',
    ...params,
  });
}

async function pay(
  sessionId: string,
  card = '4242 4242 4242 4242',
  extra: Record<string, string> = {},
) {
  return fetch(`${standin.url}/checkout/${sessionId}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ card_number: card, ...extra }).toString(),
    redirect: 'manual',
  });
}

/** Creates a customer and pays a checkout for them; returns the active subscription. */
async function subscribe(email = 'reader@example.com') {
  const customer = await stripe.customers.create({ email, metadata: { userId: 'u_1' } });
  const session = await createCheckout({
    customer: customer.id,
    subscription_data: { metadata: { userId: 'u_1' } },
  });
  expect((await pay(session.id)).status).toBe(303);
  const done = await stripe.checkout.sessions.retrieve(session.id, { expand: ['subscription'] });
  const sub = done.subscription as Stripe.Subscription;
  await flush();
  return { customer, session: done, sub };
}

async function portalFor(customer: string) {
  return stripe.billingPortal.sessions.create({
    customer,
    return_url: 'http://127.0.0.1:3000/account',
  });
}

async function portalAction(portalUrl: string, subscription: string, action: string) {
  return fetch(portalUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ subscription, action }).toString(),
    redirect: 'manual',
  });
}

beforeAll(async () => {
  receiver = createServer((req, res) => {
    void readAll(req).then((raw) => {
      if (failNextDeliveries > 0) {
        failNextDeliveries--;
        res.writeHead(500).end('temporarily broken');
        return;
      }
      const signature = String(req.headers['stripe-signature'] ?? '');
      try {
        const event = Stripe.webhooks.constructEvent(raw, signature, SECRET);
        received.push({ raw, signature, userAgent: String(req.headers['user-agent']), event });
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"received":true}');
      } catch (err) {
        verifyErrors.push(err instanceof Error ? err.message : String(err));
        res.writeHead(400).end('bad signature');
      }
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/stripe/webhook`;

  standin = await startStripeStandin({
    port: 0,
    webhookUrl: receiverUrl,
    webhookSecret: SECRET,
    priceAmount: 900,
    currency: 'eur',
    webhookRetryDelaysMs: [20, 50],
  });
  const { port } = new URL(standin.url);
  stripe = new Stripe('sk_test_x', {
    host: '127.0.0.1',
    port: Number(port),
    protocol: 'http',
    maxNetworkRetries: 0,
  });
});

afterAll(async () => {
  await standin?.close();
  receiver?.closeAllConnections();
  await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
});

beforeEach(() => {
  failNextDeliveries = 0;
});

describe('form encoding', () => {
  it('parses bracket notation like Stripe', () => {
    const parsed = parseForm(
      'line_items[0][price]=p&line_items[0][quantity]=2&expand[]=a&expand[]=b&metadata[userId]=u+1&x=%5B%5D',
    );
    expect(JSON.parse(JSON.stringify(parsed))).toEqual({
      line_items: { 0: { price: 'p', quantity: '2' } },
      expand: ['a', 'b'],
      metadata: { userId: 'u 1' },
      x: '[]',
    });
    expect(() => parseForm('__proto__[polluted]=1')).toThrow();
  });
});

describe('REST API', () => {
  it('requires a test-mode secret key and answers with Stripe errors', async () => {
    const res = await fetch(`${standin.url}/v1/prices/${PRICE}`);
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: { type: string; message: string } };
    expect(body.error.type).toBe('invalid_request_error');
    expect(body.error.message).toMatch(/did not provide an API key/);

    const live = new Stripe('sk_live_nope', {
      host: '127.0.0.1',
      port: Number(new URL(standin.url).port),
      protocol: 'http',
    });
    await expect(live.prices.retrieve(PRICE)).rejects.toMatchObject({
      type: 'StripeAuthenticationError',
      statusCode: 401,
    });

    await expect(stripe.customers.retrieve('cus_missing')).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      statusCode: 404,
      code: 'resource_missing',
      param: 'id',
      message: "No such customer: 'cus_missing'",
    });
    await expect(
      stripe.checkout.sessions.create({
        mode: 'subscription',
        line_items: [{ price: 'price_nope' }],
      }),
    ).rejects.toMatchObject({ code: 'resource_missing', param: 'line_items[0][price]' });
  });

  it('serves the seeded price and product', async () => {
    const price = await stripe.prices.retrieve(PRICE, { expand: ['product'] });
    expect(price).toMatchObject({
      object: 'price',
      active: true,
      currency: 'eur',
      unit_amount: 900,
      type: 'recurring',
      recurring: { interval: 'month', interval_count: 1 },
    });
    expect(String(price.unit_amount_decimal)).toBe('900');
    expect((price.product as Stripe.Product).name).toBe('Sojoourn Club');
    const list = await stripe.prices.list({ lookup_keys: ['sojoourn_club_monthly'] });
    expect(list.data.map((p) => p.id)).toEqual([PRICE]);
  });

  it('creates, retrieves and updates customers', async () => {
    const created = await stripe.customers.create({
      email: 'a@example.com',
      name: 'Ada',
      metadata: { userId: 'u_42' },
    });
    expect(created).toMatchObject({
      object: 'customer',
      email: 'a@example.com',
      name: 'Ada',
      livemode: false,
    });
    expect(created.id).toMatch(/^cus_/);
    const updated = await stripe.customers.update(created.id, {
      email: 'b@example.com',
      metadata: { plan: 'club' },
    });
    expect(updated.email).toBe('b@example.com');
    expect(updated.metadata).toEqual({ userId: 'u_42', plan: 'club' });
    const fetched = await stripe.customers.retrieve(created.id);
    expect(fetched).toMatchObject({ id: created.id, email: 'b@example.com' });
  });

  it('replays idempotent POSTs', async () => {
    const a = await stripe.customers.create(
      { email: 'idem@example.com' },
      { idempotencyKey: 'k-1' },
    );
    const b = await stripe.customers.create(
      { email: 'idem@example.com' },
      { idempotencyKey: 'k-1' },
    );
    expect(b.id).toBe(a.id);
    await expect(
      stripe.customers.create({ email: 'other@example.com' }, { idempotencyKey: 'k-1' }),
    ).rejects.toMatchObject({ type: 'StripeIdempotencyError' });
  });

  it('rejects bodies over 1 MB', async () => {
    const res = await fetch(`${standin.url}/v1/customers`, {
      method: 'POST',
      headers: {
        Authorization: 'Bearer sk_test_x',
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: `description=${'x'.repeat(1024 * 1024 + 10)}`,
    });
    expect(res.status).toBe(413);
  });
});

describe('hosted checkout', () => {
  it('declines 4000 0000 0000 0002, then subscribes and sends signed webhooks', async () => {
    const start = received.length;
    const customer = await stripe.customers.create({ email: 'reader@example.com' });
    const session = await createCheckout({
      customer: customer.id,
      client_reference_id: 'user_1',
      allow_promotion_codes: true,
      metadata: { userId: 'user_1' },
      subscription_data: { metadata: { userId: 'user_1' } },
    });
    expect(session).toMatchObject({
      object: 'checkout.session',
      mode: 'subscription',
      status: 'open',
      payment_status: 'unpaid',
      customer: customer.id,
      client_reference_id: 'user_1',
      amount_total: 900,
      currency: 'eur',
      subscription: null,
      url: `${standin.url}/checkout/${session.id}`,
    });

    const page = await (await fetch(session.url!)).text();
    for (const text of [
      'TEST MODE',
      'Sojoourn Club',
      '€9.00',
      'per month',
      'reader@example.com',
      'Card number',
      '4242 4242 4242 4242',
      'Pay and subscribe',
      'Cancel and return',
    ]) {
      expect(page).toContain(text);
    }

    const declined = await pay(session.id, '4000 0000 0000 0002');
    expect(declined.status).toBe(200);
    const declinedHtml = await declined.text();
    expect(declinedHtml).toMatch(/role="alert"[^>]*>Your card was declined\./);
    expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe('open');
    expect(
      (await stripe.subscriptions.list({ customer: customer.id, status: 'all' })).data,
    ).toHaveLength(0);

    const paid = await pay(session.id);
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toBe(
      `http://127.0.0.1:3000/club/welcome?session_id=${session.id}`,
    );
    // Paying again (double submit) only redirects again.
    expect((await pay(session.id)).status).toBe(303);

    const done = await stripe.checkout.sessions.retrieve(session.id, {
      expand: ['subscription', 'line_items'],
    });
    expect(done).toMatchObject({ status: 'complete', payment_status: 'paid', url: null });
    expect(done.line_items?.data[0]?.price?.id).toBe(PRICE);
    const sub = done.subscription as Stripe.Subscription;
    expect(sub).toMatchObject({
      object: 'subscription',
      status: 'active',
      customer: customer.id,
      cancel_at_period_end: false,
      metadata: { userId: 'user_1' },
    });
    const item = sub.items.data[0]!;
    expect(item.price.id).toBe(PRICE);
    expect(item.current_period_end).toBeGreaterThan(item.current_period_start + 27 * 86400);
    const subs = await stripe.subscriptions.list({ customer: customer.id, status: 'all' });
    expect(subs.data.map((s) => s.id)).toEqual([sub.id]);

    const invoice = await stripe.invoices.retrieve(sub.latest_invoice as string);
    expect(invoice).toMatchObject({
      status: 'paid',
      amount_paid: 900,
      billing_reason: 'subscription_create',
    });
    expect(invoice.parent?.subscription_details?.subscription).toBe(sub.id);

    await flush();
    expect(verifyErrors).toEqual([]);
    const events = eventsSince(start);
    expect(events.map((e) => e.type)).toEqual([
      'customer.subscription.created',
      'invoice.paid',
      'checkout.session.completed',
    ]);
    for (const e of events) {
      expect(e).toMatchObject({
        object: 'event',
        livemode: false,
        api_version: Stripe.API_VERSION,
        pending_webhooks: 1,
      });
      expect(e.id).toMatch(/^evt_/);
    }
    const completed = events[2]!;
    if (completed.type !== 'checkout.session.completed') throw new Error('unexpected event');
    expect(completed.data.object).toMatchObject({
      id: session.id,
      status: 'complete',
      subscription: sub.id,
      client_reference_id: 'user_1',
    });
    const paidEvent = events[1]!;
    if (paidEvent.type !== 'invoice.paid') throw new Error('unexpected event');
    expect(paidEvent.data.object.parent?.subscription_details?.subscription).toBe(sub.id);
    const last = received.at(-1)!;
    expect(last.userAgent).toMatch(/^Stripe\/1\.0/);
    expect(last.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
  });

  it('creates the customer from customer_email or the form', async () => {
    const session = await createCheckout({ customer_email: 'new@example.com' });
    expect((await pay(session.id)).status).toBe(303);
    const done = await stripe.checkout.sessions.retrieve(session.id, { expand: ['customer'] });
    expect((done.customer as Stripe.Customer).email).toBe('new@example.com');

    const anonymous = await createCheckout();
    const html = await (await fetch(anonymous.url!)).text();
    expect(html).toContain('<label for="email">Email</label>');
    expect(
      (await pay(anonymous.id, '4242424242424242', { email: 'form@example.com' })).status,
    ).toBe(303);
    const anonDone = await stripe.checkout.sessions.retrieve(anonymous.id);
    expect(anonDone.customer_details?.email).toBe('form@example.com');
    await flush();
  });
});

describe('customer portal and lifecycle', () => {
  it('cancels and renews from the portal', async () => {
    const { customer, sub } = await subscribe();
    const portal = await portalFor(customer.id);
    expect(portal).toMatchObject({
      object: 'billing_portal.session',
      customer: customer.id,
      return_url: 'http://127.0.0.1:3000/account',
    });
    expect(portal.url).toBe(`${standin.url}/portal/${portal.id}`);

    let html = await (await fetch(portal.url)).text();
    expect(html).toContain('Renews on');
    expect(html).toContain('Cancel plan');
    expect(html).toContain('Return to Sojoourn');

    const start = received.length;
    const res = await portalAction(portal.url, sub.id, 'cancel');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain(`/portal/${portal.id}`);
    html = await (await fetch(portal.url)).text();
    expect(html).toContain('Cancels on');
    expect(html).toContain('Renew plan');
    const canceled = await stripe.subscriptions.retrieve(sub.id);
    expect(canceled.cancel_at_period_end).toBe(true);
    expect(canceled.cancel_at).toBe(canceled.items.data[0]!.current_period_end);

    await portalAction(portal.url, sub.id, 'renew');
    expect((await stripe.subscriptions.retrieve(sub.id)).cancel_at_period_end).toBe(false);

    await flush();
    const events = eventsSince(start);
    expect(events.map((e) => e.type)).toEqual([
      'customer.subscription.updated',
      'customer.subscription.updated',
    ]);
    const [first, second] = events;
    if (
      first?.type !== 'customer.subscription.updated' ||
      second?.type !== 'customer.subscription.updated'
    ) {
      throw new Error('unexpected events');
    }
    expect(first.data.object.cancel_at_period_end).toBe(true);
    expect(first.data.previous_attributes).toMatchObject({
      cancel_at_period_end: false,
      cancel_at: null,
    });
    expect(second.data.object.cancel_at_period_end).toBe(false);
    expect(second.data.previous_attributes).toMatchObject({ cancel_at_period_end: true });
  });

  it('renews at period end, or ends the subscription when cancel_at_period_end is set', async () => {
    const { sub } = await subscribe();
    const oldEnd = sub.items.data[0]!.current_period_end;
    const subscribedAt = Date.now();
    let start = received.length;
    await control(`/subscriptions/${sub.id}/end-period`);
    await flush();
    let events = eventsSince(start);
    expect(events.map((e) => e.type)).toEqual(['customer.subscription.updated', 'invoice.paid']);
    const renewed = await stripe.subscriptions.retrieve(sub.id);
    expect(renewed.status).toBe('active');
    expect(renewed.latest_invoice).not.toBe(sub.latest_invoice);
    expect(renewed.items.data[0]!.current_period_end).toBeGreaterThan(
      Math.floor(Date.now() / 1000) + 27 * 86400,
    );
    // The new period starts when the old one is ended (now): on a loaded machine that can be a
    // second or more after the subscription's own start.
    const secondsSinceSubscribing = Math.ceil((Date.now() - subscribedAt) / 1000);
    expect(renewed.items.data[0]!.current_period_end).toBeLessThanOrEqual(
      oldEnd + secondsSinceSubscribing,
    );
    const invoice = events[1]!;
    if (invoice.type !== 'invoice.paid') throw new Error('unexpected event');
    expect(invoice.data.object.billing_reason).toBe('subscription_cycle');

    start = received.length;
    await stripe.subscriptions.update(sub.id, { cancel_at_period_end: true });
    await flush();
    const apiUpdate = eventsSince(start);
    expect(apiUpdate.map((e) => e.type)).toEqual(['customer.subscription.updated']);
    // API-triggered events carry the request id, like Stripe's.
    expect(apiUpdate[0]!.request?.id).toMatch(/^req_/);
    start = received.length;
    await control(`/subscriptions/${sub.id}/end-period`);
    await flush();
    events = eventsSince(start);
    expect(events.map((e) => e.type)).toEqual(['customer.subscription.deleted']);
    const deleted = events[0]!;
    if (deleted.type !== 'customer.subscription.deleted') throw new Error('unexpected event');
    expect(deleted.data.object.status).toBe('canceled');
    expect(deleted.data.object.ended_at).toBeTypeOf('number');
    expect(
      (await stripe.subscriptions.list({ customer: sub.customer as string })).data,
    ).toHaveLength(0);
  });

  it('handles a failed renewal and recovery through the portal', async () => {
    const { customer, sub } = await subscribe();
    let start = received.length;
    await control(`/subscriptions/${sub.id}/fail-renewal`);
    await flush();
    let events = eventsSince(start);
    expect(events.map((e) => e.type)).toEqual([
      'invoice.payment_failed',
      'customer.subscription.updated',
    ]);
    const failed = events[0]!;
    if (failed.type !== 'invoice.payment_failed') throw new Error('unexpected event');
    expect(failed.data.object.status).toBe('open');
    const updated = events[1]!;
    if (updated.type !== 'customer.subscription.updated') throw new Error('unexpected event');
    expect(updated.data.object.status).toBe('past_due');
    expect(updated.data.previous_attributes).toMatchObject({ status: 'active' });

    const portal = await portalFor(customer.id);
    expect(await (await fetch(portal.url)).text()).toContain('Update payment method');
    start = received.length;
    expect((await portalAction(portal.url, sub.id, 'update_payment_method')).status).toBe(303);
    await flush();
    events = eventsSince(start);
    expect(events.map((e) => e.type)).toEqual(['invoice.paid', 'customer.subscription.updated']);
    const recovered = await stripe.subscriptions.retrieve(sub.id, { expand: ['latest_invoice'] });
    expect(recovered.status).toBe('active');
    expect((recovered.latest_invoice as Stripe.Invoice).status).toBe('paid');
  });

  it('cancels immediately through the API and the control endpoint', async () => {
    const a = await subscribe();
    let start = received.length;
    const canceled = await stripe.subscriptions.cancel(a.sub.id);
    expect(canceled).toMatchObject({ status: 'canceled' });
    expect(canceled.ended_at).toBeTypeOf('number');
    await flush();
    expect(eventsSince(start).map((e) => e.type)).toEqual(['customer.subscription.deleted']);

    const b = await subscribe();
    start = received.length;
    await control(`/subscriptions/${b.sub.id}/delete`);
    await flush();
    expect(eventsSince(start).map((e) => e.type)).toEqual(['customer.subscription.deleted']);
    const listed = await control<Array<{ id: string; status: string }>>(
      `/customers/${b.customer.id}/subscriptions`,
      { method: 'GET' },
    );
    expect(listed).toEqual([expect.objectContaining({ id: b.sub.id, status: 'canceled' })]);
  });
});

describe('webhook delivery', () => {
  it('retries failed deliveries and resends the same event freshly signed', async () => {
    failNextDeliveries = 1;
    const start = received.length;
    const { sub } = await subscribe();
    const log = await control<
      Array<{ id: string; type: string; status: string; attempts: number }>
    >('/events', { method: 'GET' });
    const created = log.find(
      (e) =>
        e.type === 'customer.subscription.created' &&
        received.slice(start).some((r) => r.event.id === e.id),
    );
    expect(created).toMatchObject({ status: 'delivered', attempts: 2 });

    const original = received.find((r) => r.event.id === created!.id)!;
    await new Promise((resolve) => setTimeout(resolve, 1100)); // a new signing timestamp
    await control(`/events/${created!.id}/resend`);
    await flush();
    const resent = received.at(-1)!;
    expect(resent.event.id).toBe(created!.id);
    expect(resent.raw).toBe(original.raw);
    expect(resent.signature).not.toBe(original.signature);
    expect(sub.id).toMatch(/^sub_/);
  });

  it('can retarget webhooks and reset state', async () => {
    await control('/webhook-url', {
      body: JSON.stringify({ url: '' }),
      headers: { 'Content-Type': 'application/json' },
    });
    const start = received.length;
    const customer = await stripe.customers.create({ email: 'quiet@example.com' });
    const session = await createCheckout({ customer: customer.id });
    await pay(session.id);
    await flush();
    expect(received.length).toBe(start);
    await control('/webhook-url', {
      body: JSON.stringify({ url: receiverUrl }),
      headers: { 'Content-Type': 'application/json' },
    });

    await control('/reset');
    await expect(stripe.customers.retrieve(customer.id)).rejects.toMatchObject({ statusCode: 404 });
    expect((await stripe.prices.retrieve(PRICE)).unit_amount).toBe(900);
    const log = await control<unknown[]>('/events', { method: 'GET' });
    expect(log).toEqual([]);
  });
});
