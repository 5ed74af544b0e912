// Webhook sync against a real SQLite file and a fake Stripe whose subscriptions.retrieve returns
// the subscription as it is *now* (what "re-read from Stripe" means), whatever the event carried.
import type Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { insertUser, tempDatabase, type TempDatabase } from '@/test/support/temp-db';
import { openDatabase } from '../db/connect';
import { readMembership, storeSubscription } from './membership-store';
import { handleStripeEvent, subscriptionIdOf } from './stripe-events';
import { syncSubscription, type StripeReader } from './sync';

const NOW = new Date('2026-12-10T12:00:00.000Z');
const seconds = (iso: string) => Date.parse(iso) / 1000;

interface SubscriptionState {
  id: string;
  customer: string;
  status: Stripe.Subscription.Status;
  startDate: string;
  periodStart: string;
  periodEnd: string;
  cancelAtPeriodEnd?: boolean;
  userId?: string;
  /** Defaults to the club's price. */
  priceId?: string;
}

const CLUB_PRICE = 'price_club_test';

/** A Stripe.Subscription as the API returns it, for the fields the sync reads (and a few more). */
function subscription(state: SubscriptionState): Stripe.Subscription {
  const cancelAt = state.cancelAtPeriodEnd ? seconds(state.periodEnd) : null;
  return {
    id: state.id,
    object: 'subscription',
    customer: state.customer,
    status: state.status,
    start_date: seconds(state.startDate),
    created: seconds(state.startDate),
    cancel_at_period_end: state.cancelAtPeriodEnd ?? false,
    cancel_at: cancelAt,
    canceled_at: state.status === 'canceled' ? seconds(state.periodEnd) : null,
    metadata: state.userId ? { userId: state.userId } : {},
    items: {
      object: 'list',
      has_more: false,
      url: `/v1/subscription_items?subscription=${state.id}`,
      data: [
        {
          id: `si_${state.id}`,
          object: 'subscription_item',
          current_period_start: seconds(state.periodStart),
          current_period_end: seconds(state.periodEnd),
          price: { id: state.priceId ?? CLUB_PRICE, object: 'price' },
        },
      ],
    },
    // Only the fields above matter here; the full type has ~50 more the sync never reads.
  } as unknown as Stripe.Subscription;
}

/** Stripe's side: subscriptions as they are now. Tests change them between events. */
class FakeStripe implements StripeReader {
  clubPriceId = CLUB_PRICE;
  /** When set, list() fails (Stripe unreachable half-way through a sync). */
  failList = false;
  readonly current = new Map<string, SubscriptionState>();
  retrieved: string[] = [];
  /** While set, the next retrieve answers with the state as it was when asked, once released. */
  private held: Promise<void> | null = null;
  subscriptions = {
    retrieve: async (id: string) => {
      this.retrieved.push(id);
      const state = this.current.get(id);
      if (!state) throw new Error(`No such subscription: '${id}'`);
      const answer = subscription(state);
      const held = this.held;
      this.held = null;
      if (held) await held;
      return answer;
    },
    list: async ({ customer }: { customer: string; status: 'all'; limit: number }) => {
      if (this.failList) throw new Error('connect ECONNREFUSED (Stripe unreachable)');
      return {
        data: [...this.current.values()]
          .filter((state) => state.customer === customer)
          .map((state) => subscription(state)),
      };
    },
    cancel: async (id: string, _params: undefined, options: { idempotencyKey: string }) => {
      this.cancelled.push({ id, idempotencyKey: options.idempotencyKey });
      const state = this.current.get(id);
      if (!state) throw new Error(`No such subscription: '${id}'`);
      this.set({ ...state, status: 'canceled' });
      return subscription(this.current.get(id)!);
    },
  };
  cancelled: { id: string; idempotencyKey: string }[] = [];
  set(state: SubscriptionState) {
    this.current.set(state.id, state);
  }
  /**
   * The next retrieve reads Stripe at once but its answer is slow to come back (a slow network):
   * it arrives when `release()` is called. `asked` resolves when that retrieve has read the state.
   */
  holdNextRetrieve(): { asked: Promise<void>; release: () => void } {
    let release = () => {};
    this.held = new Promise((resolve) => (release = resolve));
    const before = this.retrieved.length;
    const asked = (async () => {
      while (this.retrieved.length === before) await new Promise((r) => setTimeout(r, 5));
    })();
    return { asked, release };
  }
}

let eventCounter = 0;
function event(type: string, object: Record<string, unknown>, id?: string): Stripe.Event {
  return {
    id: id ?? `evt_${++eventCounter}`,
    object: 'event',
    api_version: '2025-09-30.clover',
    created: seconds('2026-12-01T09:00:00Z') + eventCounter,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
    // Event is a union over ~250 types; these literals are shaped like the ones Stripe sends.
  } as unknown as Stripe.Event;
}

const checkoutCompleted = (userId: string, customer: string, subscriptionId: string) =>
  event('checkout.session.completed', {
    id: `cs_${subscriptionId}`,
    object: 'checkout.session',
    mode: 'subscription',
    status: 'complete',
    payment_status: 'paid',
    client_reference_id: userId,
    customer,
    subscription: subscriptionId,
  });
// The payload is a snapshot from when the event fired; it is deliberately stale here, because the
// sync must not believe it.
const subscriptionEvent = (
  type: 'created' | 'updated' | 'deleted',
  id: string,
  customer: string,
  staleStatus: string,
) =>
  event(`customer.subscription.${type}`, {
    id,
    object: 'subscription',
    customer,
    status: staleStatus,
  });
const invoiceEvent = (type: 'paid' | 'payment_failed', subscriptionId: string, customer: string) =>
  event(`invoice.${type}`, {
    id: `in_${type}_${subscriptionId}_${eventCounter}`,
    object: 'invoice',
    customer,
    status: type === 'paid' ? 'paid' : 'open',
    parent: {
      type: 'subscription_details',
      subscription_details: { subscription: subscriptionId, metadata: {} },
    },
  });

async function membershipRows(temp: TempDatabase) {
  return temp.db.selectFrom('membership').selectAll().execute();
}

const databases: TempDatabase[] = [];
async function freshDatabase() {
  const temp = await tempDatabase('billing');
  databases.push(temp);
  return temp;
}
afterAll(async () => {
  for (const temp of databases) await temp.dispose();
});
// Unknown-user syncs warn on purpose; keep the test output readable.
beforeAll(() => void vi.spyOn(console, 'warn').mockImplementation(() => {}));
afterEach(() => vi.mocked(console.warn).mockClear());

describe('subscriptionIdOf', () => {
  it('finds the subscription in each handled event type', () => {
    expect(subscriptionIdOf(checkoutCompleted('u', 'cus_1', 'sub_1'))).toBe('sub_1');
    expect(subscriptionIdOf(subscriptionEvent('updated', 'sub_2', 'cus_1', 'active'))).toBe(
      'sub_2',
    );
    expect(subscriptionIdOf(invoiceEvent('paid', 'sub_3', 'cus_1'))).toBe('sub_3');
    expect(subscriptionIdOf(invoiceEvent('payment_failed', 'sub_4', 'cus_1'))).toBe('sub_4');
    expect(subscriptionIdOf(event('invoice.paid', { id: 'in_x', parent: null }))).toBeNull();
    expect(subscriptionIdOf(event('customer.created', { id: 'cus_1' }))).toBeNull();
  });
});

describe('one subscription’s events, in any order', () => {
  /**
   * A member's life on Stripe: joined 1 Dec, first payment, renewal failed, card updated and paid,
   * then chose to leave at the end of the period. Stripe's *current* state is the final one.
   */
  async function scenario(withMetadata: boolean) {
    const temp = await freshDatabase();
    const userId = await insertUser(temp.db, `member-${withMetadata}@example.com`);
    const stripe = new FakeStripe();
    stripe.set({
      id: 'sub_life',
      customer: 'cus_life',
      status: 'active',
      startDate: '2026-11-01T08:00:00Z',
      periodStart: '2026-12-01T08:00:00Z',
      periodEnd: '2027-01-01T08:00:00Z',
      cancelAtPeriodEnd: true,
      userId: withMetadata ? userId : undefined,
    });
    const events = [
      checkoutCompleted(userId, 'cus_life', 'sub_life'),
      subscriptionEvent('created', 'sub_life', 'cus_life', 'incomplete'),
      invoiceEvent('paid', 'sub_life', 'cus_life'),
      subscriptionEvent('updated', 'sub_life', 'cus_life', 'active'),
      invoiceEvent('payment_failed', 'sub_life', 'cus_life'),
      subscriptionEvent('updated', 'sub_life', 'cus_life', 'past_due'),
      invoiceEvent('paid', 'sub_life', 'cus_life'),
      subscriptionEvent('updated', 'sub_life', 'cus_life', 'active'),
    ];
    return { temp, userId, stripe, events };
  }

  const EXPECTED_ROW = {
    subscription_id: 'sub_life',
    customer_id: 'cus_life',
    status: 'active',
    current_period_start: '2026-12-01T08:00:00.000Z',
    current_period_end: '2027-01-01T08:00:00.000Z',
    cancel_at_period_end: 1,
    started_at: '2026-11-01T08:00:00.000Z',
    updated_at: NOW.toISOString(),
    stripe_seen_at: NOW.toISOString(),
  };

  for (const withMetadata of [true, false]) {
    const label = withMetadata ? 'userId in metadata' : 'customer linked by checkout only';

    it(`ends in Stripe's current state: in order, reversed, duplicated (${label})`, async () => {
      const results: unknown[] = [];
      for (const order of ['in order', 'reversed', 'duplicated'] as const) {
        const { temp, userId, stripe, events } = await scenario(withMetadata);
        const sequence =
          order === 'in order'
            ? events
            : order === 'reversed'
              ? [...events].reverse()
              : [...events, ...events.slice(2, 6), events[0]!, ...events.slice(1).reverse()];
        for (const e of sequence) await handleStripeEvent(temp.db, stripe, e, NOW);

        const rows = await membershipRows(temp);
        expect(rows, order).toEqual([{ user_id: userId, ...EXPECTED_ROW }]);
        expect(await temp.db.selectFrom('stripe_event').select('id').execute()).toHaveLength(
          events.length,
        );
        results.push(rows.map(({ user_id: _user, ...row }) => row));
      }
      expect(results[1]).toEqual(results[0]);
      expect(results[2]).toEqual(results[0]);
    });
  }

  it('re-reads Stripe rather than trusting the payload', async () => {
    const { temp, userId, stripe } = await scenario(true);
    // The payload still says "active"; Stripe now says the subscription was cancelled.
    stripe.set({ ...stripe.current.get('sub_life')!, status: 'canceled' });
    await handleStripeEvent(
      temp.db,
      stripe,
      subscriptionEvent('updated', 'sub_life', 'cus_life', 'active'),
      NOW,
    );
    expect(stripe.retrieved).toEqual(['sub_life']);
    expect((await readMembership(temp.db, userId))?.status).toBe('canceled');
  });
});

describe('handleStripeEvent', () => {
  let temp: TempDatabase;
  let stripe: FakeStripe;
  let userId: string;

  beforeAll(async () => {
    temp = await freshDatabase();
    stripe = new FakeStripe();
    userId = await insertUser(temp.db, 'replay@example.com');
    stripe.set({
      id: 'sub_replay',
      customer: 'cus_replay',
      status: 'active',
      startDate: '2026-12-01T00:00:00Z',
      periodStart: '2026-12-01T00:00:00Z',
      periodEnd: '2027-01-01T00:00:00Z',
    });
  });

  it('links the Checkout customer to the user', async () => {
    const outcome = await handleStripeEvent(
      temp.db,
      stripe,
      checkoutCompleted(userId, 'cus_replay', 'sub_replay'),
      NOW,
    );
    expect(outcome).toBe('processed');
    const customers = await temp.db.selectFrom('stripe_customer').selectAll().execute();
    expect(customers).toEqual([
      { user_id: userId, customer_id: 'cus_replay', created_at: expect.any(String) },
    ]);
    expect((await readMembership(temp.db, userId))?.status).toBe('active');
  });

  it('answers a replayed event id with "duplicate" and changes nothing', async () => {
    const paid = invoiceEvent('paid', 'sub_replay', 'cus_replay');
    expect(await handleStripeEvent(temp.db, stripe, paid, NOW)).toBe('processed');
    const before = await membershipRows(temp);

    // Stripe moved on; a replay of the old event must not be what brings that in.
    stripe.set({ ...stripe.current.get('sub_replay')!, status: 'past_due' });
    const retrievedBefore = stripe.retrieved.length;
    const later = new Date(NOW.getTime() + 60_000);
    expect(await handleStripeEvent(temp.db, stripe, paid, later)).toBe('duplicate');
    expect(stripe.retrieved).toHaveLength(retrievedBefore);
    expect(await membershipRows(temp)).toEqual(before);
    const recorded = await temp.db
      .selectFrom('stripe_event')
      .selectAll()
      .where('id', '=', paid.id)
      .execute();
    expect(recorded).toEqual([
      { id: paid.id, type: 'invoice.paid', received_at: NOW.toISOString() },
    ]);
  });

  it('ignores event types it does not handle, and non-subscription checkouts', async () => {
    const before = await membershipRows(temp);
    const countEvents = async () =>
      (await temp.db.selectFrom('stripe_event').select('id').execute()).length;
    const eventsBefore = await countEvents();
    expect(
      await handleStripeEvent(temp.db, stripe, event('customer.created', { id: 'cus_x' }), NOW),
    ).toBe('ignored');
    expect(
      await handleStripeEvent(
        temp.db,
        stripe,
        event('checkout.session.completed', {
          id: 'cs_pay',
          mode: 'payment',
          client_reference_id: userId,
          customer: 'cus_other',
          subscription: null,
        }),
        NOW,
      ),
    ).toBe('ignored');
    expect(await membershipRows(temp)).toEqual(before);
    expect(await countEvents()).toBe(eventsBefore);
    expect(
      await temp.db
        .selectFrom('stripe_customer')
        .select('customer_id')
        .where('customer_id', '=', 'cus_other')
        .execute(),
    ).toEqual([]);
  });

  it('stores nothing for a customer it does not know', async () => {
    const empty = await freshDatabase();
    const fake = new FakeStripe();
    fake.set({
      id: 'sub_stranger',
      customer: 'cus_stranger',
      status: 'active',
      startDate: '2026-12-01T00:00:00Z',
      periodStart: '2026-12-01T00:00:00Z',
      periodEnd: '2027-01-01T00:00:00Z',
    });
    const outcome = await handleStripeEvent(
      empty.db,
      fake,
      subscriptionEvent('created', 'sub_stranger', 'cus_stranger', 'active'),
      NOW,
    );
    expect(outcome).toBe('processed');
    expect(await membershipRows(empty)).toEqual([]);
    expect(await empty.db.selectFrom('stripe_customer').selectAll().execute()).toEqual([]);
    expect(await syncSubscription(empty.db, fake, 'sub_stranger', NOW)).toBe('unknown-user');
    // A metadata userId that is not a user is no better.
    fake.set({ ...fake.current.get('sub_stranger')!, userId: 'no-such-user' });
    expect(await syncSubscription(empty.db, fake, 'sub_stranger', NOW)).toBe('unknown-user');
    expect(await membershipRows(empty)).toEqual([]);
  });
});

describe('a user with more than one subscription over time', () => {
  const OLD = {
    id: 'sub_old',
    customer: 'cus_again',
    status: 'canceled' as const,
    startDate: '2026-06-01T00:00:00Z',
    periodStart: '2026-08-01T00:00:00Z',
    periodEnd: '2026-09-01T00:00:00Z',
  };
  const NEW = {
    id: 'sub_new',
    customer: 'cus_again',
    status: 'active' as const,
    startDate: '2026-12-01T00:00:00Z',
    periodStart: '2026-12-01T00:00:00Z',
    periodEnd: '2027-01-01T00:00:00Z',
  };

  async function rejoined() {
    const temp = await freshDatabase();
    const userId = await insertUser(temp.db, 'again@example.com');
    const stripe = new FakeStripe();
    stripe.set({ ...OLD, userId });
    stripe.set({ ...NEW, userId });
    return { temp, userId, stripe };
  }

  it('a late event about the older subscription does not overwrite the newer one', async () => {
    const { temp, userId, stripe } = await rejoined();
    expect(await syncSubscription(temp.db, stripe, 'sub_new', NOW)).toBe('stored');
    expect(await syncSubscription(temp.db, stripe, 'sub_old', NOW)).toBe('superseded');
    await handleStripeEvent(
      temp.db,
      stripe,
      subscriptionEvent('deleted', 'sub_old', 'cus_again', 'canceled'),
      NOW,
    );
    const rows = await membershipRows(temp);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      user_id: userId,
      subscription_id: 'sub_new',
      status: 'active',
    });
  });

  it('joining again replaces the older, ended subscription', async () => {
    const { temp, userId, stripe } = await rejoined();
    stripe.current.delete('sub_new'); // not created yet when the old one's end is synced
    expect(await syncSubscription(temp.db, stripe, 'sub_old', NOW)).toBe('stored');
    expect((await readMembership(temp.db, userId))?.status).toBe('canceled');
    stripe.set({ ...NEW, userId });
    expect(await syncSubscription(temp.db, stripe, 'sub_new', NOW)).toBe('stored');
    const rows = await membershipRows(temp);
    expect(rows).toEqual([
      expect.objectContaining({ user_id: userId, subscription_id: 'sub_new', status: 'active' }),
    ]);
  });
});

describe('two subscriptions at once (two Checkouts from two tabs)', () => {
  const FIRST = {
    id: 'sub_first',
    customer: 'cus_twice',
    status: 'active' as const,
    startDate: '2026-12-01T10:00:00Z',
    periodStart: '2026-12-01T10:00:00Z',
    periodEnd: '2027-01-01T10:00:00Z',
  };
  const SECOND = { ...FIRST, id: 'sub_second', startDate: '2026-12-01T10:05:00Z' };

  it('keeps the member on the one still running when the newer one is cancelled', async () => {
    const temp = await freshDatabase();
    const userId = await insertUser(temp.db, 'twice@example.com');
    const stripe = new FakeStripe();
    stripe.set({ ...FIRST, userId });
    stripe.set({ ...SECOND, userId });
    expect(await syncSubscription(temp.db, stripe, 'sub_first', NOW)).toBe('stored');
    expect(await syncSubscription(temp.db, stripe, 'sub_second', NOW)).toBe('stored');

    // The duplicate is cancelled (and refunded); the first one goes on.
    stripe.set({ ...SECOND, userId, status: 'canceled' });
    await handleStripeEvent(
      temp.db,
      stripe,
      subscriptionEvent('deleted', 'sub_second', 'cus_twice', 'canceled'),
      NOW,
    );
    // The membership moves to the one still being paid straight away…
    expect(await membershipRows(temp)).toEqual([
      expect.objectContaining({ user_id: userId, subscription_id: 'sub_first', status: 'active' }),
    ]);
    // …its next news keeps it there…
    await handleStripeEvent(temp.db, stripe, invoiceEvent('paid', 'sub_first', 'cus_twice'), NOW);
    expect(await membershipRows(temp)).toEqual([
      expect.objectContaining({ user_id: userId, subscription_id: 'sub_first', status: 'active' }),
    ]);
    // …and a late event about the cancelled duplicate does not take it away again.
    expect(await syncSubscription(temp.db, stripe, 'sub_second', NOW)).toBe('superseded');
    expect((await readMembership(temp.db, userId))?.status).toBe('active');
  });
});

describe('two deliveries at once while Stripe changes', () => {
  const RACED = {
    id: 'sub_raced',
    customer: 'cus_raced',
    startDate: '2026-12-01T00:00:00Z',
    periodStart: '2026-12-01T00:00:00Z',
    periodEnd: '2027-01-01T00:00:00Z',
  };
  const settle = (promise: Promise<unknown>, ms: number) =>
    Promise.race([promise.then(() => undefined), new Promise((r) => setTimeout(r, ms))]);

  /**
   * Delivery A reads 'active' but its answer is slow; Stripe then cancels and delivery B reads
   * 'canceled'. Whatever order they finish in, the stored state must be Stripe's latest. `second`
   * runs B on its own connection when asked (another instance of the app).
   */
  async function race(
    first: (stripe: FakeStripe, db: TempDatabase['db']) => Promise<unknown>,
    second: (stripe: FakeStripe, db: TempDatabase['db']) => Promise<unknown>,
    { otherInstance = false } = {},
  ) {
    const temp = await freshDatabase();
    const userId = await insertUser(temp.db, `raced-${otherInstance}@example.com`);
    const stripe = new FakeStripe();
    stripe.set({ ...RACED, status: 'active', userId });
    const otherDb = otherInstance ? openDatabase(temp.url) : temp.db;
    try {
      const slow = stripe.holdNextRetrieve();
      const a = first(stripe, temp.db);
      await slow.asked; // A has read 'active'…
      stripe.set({ ...RACED, status: 'canceled', userId }); // …then Stripe cancels…
      const b = second(stripe, otherDb); // …and B starts: it may finish before A's answer lands.
      await settle(b, 400);
      slow.release();
      await Promise.all([a, b]);
    } finally {
      if (otherInstance) await otherDb.destroy();
    }
    return { temp, userId };
  }

  const deleted = () => subscriptionEvent('deleted', RACED.id, RACED.customer, 'canceled');
  const updated = () => subscriptionEvent('updated', RACED.id, RACED.customer, 'active');

  it('two webhook deliveries: the stored state ends as Stripe’s latest', async () => {
    const { temp, userId } = await race(
      (stripe, db) => handleStripeEvent(db, stripe, updated(), NOW),
      (stripe, db) => handleStripeEvent(db, stripe, deleted(), NOW),
    );
    expect((await readMembership(temp.db, userId))?.status).toBe('canceled');
    expect(await temp.db.selectFrom('stripe_event').select('id').execute()).toHaveLength(2);
  });

  it('the welcome page’s sync and a webhook on another instance: Stripe’s latest wins', async () => {
    const { temp, userId } = await race(
      (stripe, db) => syncSubscription(db, stripe, RACED.id, NOW),
      (stripe, db) => handleStripeEvent(db, stripe, deleted(), NOW),
      { otherInstance: true },
    );
    expect((await readMembership(temp.db, userId))?.status).toBe('canceled');
  });
});

describe('a Checkout completed after its account was deleted', () => {
  it('cancels the subscription through Stripe and logs ids only; a replay does nothing', async () => {
    const temp = await freshDatabase();
    const email = 'gone-before-paying@example.com';
    const userId = await insertUser(temp.db, email);
    const stripe = new FakeStripe();
    stripe.set({
      id: 'sub_orphan',
      customer: 'cus_orphan',
      status: 'active',
      startDate: '2026-12-01T00:00:00Z',
      periodStart: '2026-12-01T00:00:00Z',
      periodEnd: '2027-01-01T00:00:00Z',
      userId,
    });
    // The account is deleted while Stripe's Checkout page is still open in another tab…
    await temp.db.deleteFrom('User').where('id', '=', userId).execute();
    // …and then the person pays.
    const completed = checkoutCompleted(userId, 'cus_orphan', 'sub_orphan');
    expect(await handleStripeEvent(temp.db, stripe, completed, NOW)).toBe('orphan-cancelled');

    expect(stripe.cancelled).toEqual([
      { id: 'sub_orphan', idempotencyKey: 'orphan-cancel-sub_orphan' },
    ]);
    expect(stripe.current.get('sub_orphan')?.status).toBe('canceled');
    expect(await membershipRows(temp)).toEqual([]);
    expect(await temp.db.selectFrom('stripe_customer').selectAll().execute()).toEqual([]);
    const logged = vi.mocked(console.warn).mock.calls.map((call) => call.join(' '));
    expect(logged).toEqual([
      expect.stringMatching(/checkout cs_sub_orphan .*deleted.*sub_orphan.*cus_orphan.*cancelled/),
    ]);
    expect(logged.join(' ')).not.toContain(email);
    expect(logged.join(' ')).not.toContain(userId);

    // Stripe's retry of the same event, and the subscription's own events, cancel nothing more.
    expect(await handleStripeEvent(temp.db, stripe, completed, NOW)).toBe('duplicate');
    await handleStripeEvent(
      temp.db,
      stripe,
      subscriptionEvent('deleted', 'sub_orphan', 'cus_orphan', 'canceled'),
      NOW,
    );
    expect(stripe.cancelled).toHaveLength(1);
    expect(await membershipRows(temp)).toEqual([]);
  });
});

describe('membership store', () => {
  it('readMembership gives back what storeSubscription stored', async () => {
    const temp = await freshDatabase();
    const userId = await insertUser(temp.db, 'store@example.com');
    expect(await readMembership(temp.db, userId)).toBeNull();
    const snapshot = {
      userId,
      subscriptionId: 'sub_store',
      customerId: 'cus_store',
      status: 'trialing',
      currentPeriodStart: new Date('2026-12-01T00:00:00.000Z'),
      currentPeriodEnd: new Date('2026-12-15T00:00:00.000Z'),
      cancelAtPeriodEnd: true,
      startedAt: new Date('2026-12-01T00:00:00.000Z'),
    };
    await storeSubscription(temp.db, snapshot, NOW);
    expect(await readMembership(temp.db, userId)).toEqual({
      status: 'trialing',
      currentPeriodStart: snapshot.currentPeriodStart,
      currentPeriodEnd: snapshot.currentPeriodEnd,
      cancelAtPeriodEnd: true,
      startedAt: snapshot.startedAt,
    });

    // Same user, updated snapshot: one row, new values.
    await storeSubscription(temp.db, { ...snapshot, status: 'active', cancelAtPeriodEnd: false });
    const again = await readMembership(temp.db, userId);
    expect(again).toMatchObject({ status: 'active', cancelAtPeriodEnd: false });
    expect(await membershipRows(temp)).toHaveLength(1);
    expect(await readMembership(temp.db, 'someone-else')).toBeNull();
  });
});

describe('only the club price makes a member', () => {
  const CLUB = {
    id: 'sub_club',
    customer: 'cus_two_products',
    status: 'active' as const,
    startDate: '2026-12-01T10:00:00Z',
    periodStart: '2026-12-01T10:00:00Z',
    periodEnd: '2027-01-01T10:00:00Z',
  };

  it('a subscription of the same customer to another price stores nothing', async () => {
    const temp = await freshDatabase();
    const userId = await insertUser(temp.db, 'other-product@example.com');
    const stripe = new FakeStripe();
    stripe.set({ ...CLUB, id: 'sub_other', priceId: 'price_something_else', userId });
    expect(await syncSubscription(temp.db, stripe, 'sub_other', NOW)).toBe('not-club');
    await handleStripeEvent(
      temp.db,
      stripe,
      subscriptionEvent('created', 'sub_other', 'cus_two_products', 'active'),
      NOW,
    );
    expect(await readMembership(temp.db, userId)).toBeNull();
  });

  it('another product does not replace, extend or rescue the club membership', async () => {
    const temp = await freshDatabase();
    const userId = await insertUser(temp.db, 'two-products@example.com');
    const stripe = new FakeStripe();
    stripe.set({ ...CLUB, userId });
    // Newer, running, same customer: would win the "newer/running wins" rule if it counted.
    stripe.set({
      ...CLUB,
      id: 'sub_other',
      priceId: 'price_something_else',
      startDate: '2026-12-05T10:00:00Z',
      userId,
    });
    expect(await syncSubscription(temp.db, stripe, 'sub_club', NOW)).toBe('stored');
    expect(await syncSubscription(temp.db, stripe, 'sub_other', NOW)).toBe('not-club');
    expect(await membershipRows(temp)).toEqual([
      expect.objectContaining({ subscription_id: 'sub_club', status: 'active' }),
    ]);
    // The club subscription ends: the other product running does not keep them a member.
    stripe.set({ ...CLUB, userId, status: 'canceled' });
    await handleStripeEvent(
      temp.db,
      stripe,
      subscriptionEvent('deleted', 'sub_club', 'cus_two_products', 'canceled'),
      NOW,
    );
    expect(await membershipRows(temp)).toEqual([
      expect.objectContaining({ subscription_id: 'sub_club', status: 'canceled' }),
    ]);
  });
});

describe('a webhook whose processing fails', () => {
  it('leaves no partial state and is not recorded, so Stripe’s retry does the whole work', async () => {
    const temp = await freshDatabase();
    const userId = await insertUser(temp.db, 'half-done@example.com');
    const stripe = new FakeStripe();
    // Cancelled already: the sync then lists the customer's other subscriptions, and that fails.
    stripe.set({
      id: 'sub_half',
      customer: 'cus_half',
      status: 'canceled',
      startDate: '2026-12-01T00:00:00Z',
      periodStart: '2026-12-01T00:00:00Z',
      periodEnd: '2027-01-01T00:00:00Z',
    });
    stripe.failList = true;
    const completed = checkoutCompleted(userId, 'cus_half', 'sub_half');
    await expect(handleStripeEvent(temp.db, stripe, completed, NOW)).rejects.toThrow(/unreachable/);
    expect(await temp.db.selectFrom('stripe_customer').selectAll().execute()).toEqual([]);
    expect(await membershipRows(temp)).toEqual([]);
    expect(await temp.db.selectFrom('stripe_event').selectAll().execute()).toEqual([]);

    // Stripe retries once reachable again: everything lands, once.
    stripe.failList = false;
    expect(await handleStripeEvent(temp.db, stripe, completed, NOW)).toBe('processed');
    expect(await temp.db.selectFrom('stripe_customer').selectAll().execute()).toHaveLength(1);
    expect(await membershipRows(temp)).toEqual([
      expect.objectContaining({ user_id: userId, status: 'canceled' }),
    ]);
    expect(await handleStripeEvent(temp.db, stripe, completed, NOW)).toBe('duplicate');
  });
});
