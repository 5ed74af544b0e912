// The welcome e-mail goes out once per membership start, however many times the subscription is
// synced (Checkout return, webhooks, replays), and again only for a new subscription.
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { insertUser, tempDatabase, type TempDatabase } from '@/test/support/temp-db';
import type { OutgoingMail } from '../platform/mail';
import { handleStripeEvent } from './stripe-events';
import { syncSubscription, type StripeReader } from './sync';
import { sendWelcomeOnce } from './welcome';

const NOW = new Date('2026-12-10T12:00:00.000Z');
const CLUB_PRICE = 'price_club';
const seconds = (iso: string) => Date.parse(iso) / 1000;

function subscription(id: string, status: string, userId: string): Stripe.Subscription {
  return {
    id,
    object: 'subscription',
    customer: `cus_${userId.slice(0, 8)}`,
    status,
    start_date: seconds('2026-12-10T11:00:00Z'),
    cancel_at_period_end: false,
    cancel_at: null,
    metadata: { userId },
    items: {
      data: [
        {
          price: { id: CLUB_PRICE },
          current_period_start: seconds('2026-12-10T11:00:00Z'),
          current_period_end: seconds('2027-01-10T11:00:00Z'),
        },
      ],
    },
    // Only the fields the sync reads.
  } as unknown as Stripe.Subscription;
}

let temp: TempDatabase;
const states = new Map<string, Stripe.Subscription>();
const stripe: StripeReader = {
  clubPriceId: CLUB_PRICE,
  subscriptions: {
    retrieve: async (id) => {
      const found = states.get(id);
      if (!found) throw new Error(`no ${id}`);
      return found;
    },
    list: async () => ({ data: [] }),
    cancel: async (id) => {
      throw new Error(`nothing here cancels (${id})`);
    },
  },
};

const updated = (id: string, eventId: string) =>
  ({
    id: eventId,
    type: 'customer.subscription.updated',
    data: { object: { id, object: 'subscription' } },
  }) as unknown as Stripe.Event;

beforeAll(async () => {
  temp = await tempDatabase('welcome');
});
afterAll(async () => temp.dispose());

describe('the welcome e-mail', () => {
  it('is sent once per subscription, through Checkout return, webhooks and replays', async () => {
    const userId = await insertUser(temp.db, 'new-member@example.test');
    const sent: OutgoingMail[] = [];
    const hooks = { sendWelcome: async (mail: OutgoingMail) => void sent.push(mail) };

    // Not paid yet: no welcome.
    states.set('sub_1', subscription('sub_1', 'incomplete', userId));
    await syncSubscription(temp.db, stripe, 'sub_1', NOW, hooks);
    expect(sent).toHaveLength(0);

    states.set('sub_1', subscription('sub_1', 'active', userId));
    await syncSubscription(temp.db, stripe, 'sub_1', NOW, hooks); // the Checkout return
    await handleStripeEvent(temp.db, stripe, updated('sub_1', 'evt_a'), NOW, hooks);
    await handleStripeEvent(temp.db, stripe, updated('sub_1', 'evt_a'), NOW, hooks); // replay
    await handleStripeEvent(temp.db, stripe, updated('sub_1', 'evt_b'), NOW, hooks);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.to).toBe('new-member@example.test');
    expect(sent[0]?.subject).toBe('Welcome to the Sojoourn Club');
    for (const path of ['/guides', '/assistance', '/events', '/club/offers', '/account']) {
      expect(sent[0]?.text).toContain(path);
    }

    // Joining again later is a new membership start: a new welcome.
    states.set('sub_2', subscription('sub_2', 'active', userId));
    await syncSubscription(temp.db, stripe, 'sub_2', new Date('2027-03-01T00:00:00Z'), hooks);
    expect(sent).toHaveLength(2);
  });

  it('is claimed before sending, and released when the send fails so a later sync retries', async () => {
    const userId = await insertUser(temp.db, 'retry@example.test');
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    const failing = async () => {
      throw new Error('SMTP down');
    };
    const membership = { userId, subscriptionId: 'sub_retry' };
    expect(await sendWelcomeOnce(temp.db, membership, failing, NOW)).toBe('failed');
    quiet.mockRestore();
    const sent: OutgoingMail[] = [];
    const ok = async (mail: OutgoingMail) => void sent.push(mail);
    const results = await Promise.all([
      sendWelcomeOnce(temp.db, membership, ok, NOW),
      sendWelcomeOnce(temp.db, membership, ok, NOW),
    ]);
    expect(results.sort()).toEqual(['already-sent', 'sent']);
    expect(sent).toHaveLength(1);
  });
});
