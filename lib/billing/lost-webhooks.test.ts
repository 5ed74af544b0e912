// Membership against the local Stripe stand-in with webhooks that go missing: a cancellation whose
// webhook never arrives, and a burst of events redelivered late, twice, in random order, with one
// dropped, after the endpoint was down. The real Stripe SDK, the real sync and a real SQLite file.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { insertUser, tempDatabase, type TempDatabase } from '@/test/support/temp-db';
import { SEEDED_PRICE_ID, STANDIN_SECRET_KEY } from '@/tools/stripe-standin/defaults';
import { startStripeStandin, type StripeStandin } from '@/tools/stripe-standin/server';
import { audienceOf, STALE_PERIOD_GRACE_MS, type Viewer } from '../access';
import { currentMembership, resetStripeBackoff } from './freshness';
import { readMembership } from './membership-store';
import { reconcileMemberships } from './reconcile';
import { handleStripeEvent } from './stripe-events';
import type { StripeReader } from './sync';

const SECRET = 'whsec_lost_webhooks_test';

let standin: StripeStandin;
let receiver: Server;
let receiverUrl: string;
let stripe: Stripe;
let temp: TempDatabase;
/** While true the app's endpoint answers 503 (deploy, outage…). */
let endpointDown = false;
let retrieves = 0;

/** The app's view of Stripe: the SDK's subscriptions (counted) and the club price. */
const reader = (): StripeReader => ({
  clubPriceId: SEEDED_PRICE_ID,
  subscriptions: {
    retrieve: (id: string) => {
      retrieves++;
      return stripe.subscriptions.retrieve(id);
    },
    list: (params) => stripe.subscriptions.list(params),
    cancel: (id, params, options) => stripe.subscriptions.cancel(id, params, options),
  },
});

async function control(path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${standin.url}/_standin${path}`, {
    method: 'POST',
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.status, path).toBeLessThan(300);
  return response.json();
}

interface EventSummary {
  id: string;
  type: string;
  status: string;
}
const standinEvents = async () =>
  (await (await fetch(`${standin.url}/_standin/events`)).json()) as EventSummary[];

/** A customer who pays a Checkout on the stand-in, linked to `userId` like the app does it. */
async function subscribe(userId: string, customer?: string): Promise<Stripe.Subscription> {
  const customerId =
    customer ??
    (await stripe.customers.create({ email: `${userId}@example.com`, metadata: { userId } })).id;
  const session = await stripe.checkout.sessions.create({
    mode: 'subscription',
    customer: customerId,
    client_reference_id: userId,
    line_items: [{ price: SEEDED_PRICE_ID, quantity: 1 }],
    subscription_data: { metadata: { userId } },
    success_url: 'http://127.0.0.1:3000/club/welcome?session_id={CHECKOUT_SESSION_ID}',
    cancel_url: 'http://127.0.0.1:3000/club',
  });
  const paid = await fetch(`${standin.url}/checkout/${session.id}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ card_number: '4242 4242 4242 4242' }).toString(),
    redirect: 'manual',
  });
  expect(paid.status).toBe(303);
  const done = await stripe.checkout.sessions.retrieve(session.id);
  return stripe.subscriptions.retrieve(done.subscription as string);
}

const viewerWith = async (userId: string, now: Date): Promise<Viewer> => ({
  kind: 'user',
  userId,
  email: 'x@example.com',
  isStaff: false,
  membership: await currentMembership(temp.db, reader, userId, now),
});

beforeAll(async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  temp = await tempDatabase('lost-webhooks');
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (endpointDown) return void res.writeHead(503).end('down');
      const raw = Buffer.concat(chunks).toString('utf8');
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(
          raw,
          String(req.headers['stripe-signature']),
          SECRET,
        );
      } catch {
        return void res.writeHead(400).end('bad signature');
      }
      handleStripeEvent(temp.db, reader(), event).then(
        (outcome) => res.writeHead(200).end(outcome),
        () => res.writeHead(500).end('failed'),
      );
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhook`;
  standin = await startStripeStandin({
    port: 0,
    webhookUrl: receiverUrl,
    webhookSecret: SECRET,
    webhookRetryDelaysMs: [], // one attempt: "down" means the delivery failed
  });
  const port = Number(new URL(standin.url).port);
  stripe = new Stripe(STANDIN_SECRET_KEY, { host: '127.0.0.1', port, protocol: 'http' });
});

afterAll(async () => {
  await standin?.close();
  await new Promise((resolve) => receiver?.close(resolve));
  await temp?.dispose();
});

beforeEach(async () => {
  endpointDown = false;
  resetStripeBackoff();
  await control('/webhook-url', { url: receiverUrl });
});

describe('a cancellation whose webhook never arrives', () => {
  it('keeps access to the end of the paid period, then loses it', async () => {
    const userId = await insertUser(temp.db, 'lost-cancel@example.com');
    const subscription = await subscribe(userId);
    await control('/events/flush');
    const stored = await readMembership(temp.db, userId);
    expect(stored?.status).toBe('active');
    const periodEnd = stored!.currentPeriodEnd;

    // Cancelled at Stripe (e.g. by support, or a dispute); the webhook is lost.
    await control('/webhook-url', { url: '' });
    await stripe.subscriptions.cancel(subscription.id);
    await control('/events/flush');
    expect((await readMembership(temp.db, userId))?.status).toBe('active');

    // Inside the paid period nothing asks Stripe: access as paid for.
    const during = new Date(periodEnd.getTime() - 24 * 3600_000);
    retrieves = 0;
    expect(audienceOf(await viewerWith(userId, during), during)).toBe('member');
    expect(retrieves).toBe(0);

    // Period over (plus grace): the next access check re-reads Stripe, once, and stores it.
    const after = new Date(periodEnd.getTime() + STALE_PERIOD_GRACE_MS + 1000);
    expect(audienceOf(await viewerWith(userId, after), after)).toBe('user');
    expect(retrieves).toBe(1);
    expect((await readMembership(temp.db, userId))?.status).toBe('canceled');
    expect(audienceOf(await viewerWith(userId, after), after)).toBe('user');
    expect(retrieves).toBe(1);
  });

  it('fails closed when Stripe cannot be reached for the re-read', async () => {
    const userId = await insertUser(temp.db, 'lost-unreachable@example.com');
    await subscribe(userId);
    await control('/events/flush');
    const periodEnd = (await readMembership(temp.db, userId))!.currentPeriodEnd;
    const after = new Date(periodEnd.getTime() + STALE_PERIOD_GRACE_MS + 1000);
    const unreachable = (): StripeReader => ({
      clubPriceId: SEEDED_PRICE_ID,
      subscriptions: {
        retrieve: () => Promise.reject(new Error('connect ECONNREFUSED')),
        list: () => Promise.reject(new Error('connect ECONNREFUSED')),
        cancel: () => Promise.reject(new Error('connect ECONNREFUSED')),
      },
    });
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const membership = await currentMembership(temp.db, unreachable, userId, after);
    error.mockRestore();
    expect(membership?.status).toBe('active'); // what is stored, unconfirmed…
    const viewer: Viewer = { kind: 'user', userId, email: 'x', isStaff: false, membership };
    expect(audienceOf(viewer, after)).toBe('user'); // …opens nothing
  });

  it('billing:reconcile finds the drift and says what it changed', async () => {
    const userId = await insertUser(temp.db, 'reconcile@example.com');
    const subscription = await subscribe(userId);
    await control('/events/flush');
    await control('/webhook-url', { url: '' });
    await stripe.subscriptions.cancel(subscription.id);
    await control('/events/flush');
    expect((await readMembership(temp.db, userId))?.status).toBe('active');

    const report = await reconcileMemberships(temp.db, reader());
    expect(report.errors).toEqual([]);
    expect(report.changes).toContainEqual({
      userId,
      before: expect.stringMatching(new RegExp(`^${subscription.id} active`)),
      after: expect.stringMatching(new RegExp(`^${subscription.id} canceled`)),
    });
    expect((await readMembership(temp.db, userId))?.status).toBe('canceled');
    // A second run has nothing left to fix for this user.
    const again = await reconcileMemberships(temp.db, reader());
    expect(again.changes.filter((change) => change.userId === userId)).toEqual([]);
  });
});

/** A small seeded generator, so a failing order can be replayed from the seed in the message. */
function shuffled<T>(items: T[], seed: number): T[] {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

describe('a burst redelivered after the endpoint was down', () => {
  for (const seed of [1, 7, 2026]) {
    it(`ends in Stripe's current state (late, twice, random order, one dropped; seed ${seed})`, async () => {
      const userId = await insertUser(temp.db, `burst-${seed}@example.com`);
      const before = (await standinEvents()).length;
      endpointDown = true;

      // A life on Stripe while the endpoint answers 503: joined, renewed, a renewal failed, a
      // second Checkout from another tab, that duplicate deleted, then "cancel at period end".
      const first = await subscribe(userId);
      await control(`/subscriptions/${first.id}/end-period`);
      await control(`/subscriptions/${first.id}/fail-renewal`);
      const second = await subscribe(userId, first.customer as string);
      await control(`/subscriptions/${second.id}/delete`);
      await stripe.subscriptions.update(first.id, { cancel_at_period_end: true });
      await control('/events/flush');

      const burst = (await standinEvents()).slice(before);
      expect(burst.length).toBeGreaterThanOrEqual(10);
      expect(burst.every((event) => event.status === 'failed')).toBe(true);
      expect(await readMembership(temp.db, userId)).toBeNull();

      // Back up: Stripe redelivers, in its own order, some twice, and one never comes.
      endpointDown = false;
      const order = shuffled(burst, seed);
      const dropped = order.pop()!;
      const redelivery = [...order, ...shuffled(order, seed + 1).slice(0, 4)];
      for (const event of redelivery) await control(`/events/${event.id}/resend`);
      await control('/events/flush');

      const now = await stripe.subscriptions.retrieve(first.id);
      const expected = {
        subscription_id: first.id,
        status: now.status,
        current_period_start: new Date(
          now.items.data[0]!.current_period_start * 1000,
        ).toISOString(),
        current_period_end: new Date(now.items.data[0]!.current_period_end * 1000).toISOString(),
        cancel_at_period_end: 1,
      };
      expect(now.status, 'Stripe: renewal failed').toBe('past_due');
      const row = await temp.db
        .selectFrom('membership')
        .selectAll()
        .where('user_id', '=', userId)
        .executeTakeFirst();
      expect(row, `seed ${seed}, dropped ${dropped.type}`).toMatchObject(expected);
      const recorded = await temp.db
        .selectFrom('stripe_event')
        .select('id')
        .where(
          'id',
          'in',
          burst.map((event) => event.id),
        )
        .execute();
      expect(recorded.map((r) => r.id).sort()).toEqual(order.map((event) => event.id).sort());
    });
  }
});
