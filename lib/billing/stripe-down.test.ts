// Stripe unreachable (nothing listens at STRIPE_API_BASE): "Join" and "Manage billing" send the
// person back with a clear message, and nothing is half-done (no customer, no membership stored).
// The real Stripe SDK, the real server actions and a real SQLite file; only the viewer is given.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freeLocalPort } from '@/test/support/free-port';
import { redirectOf } from '@/test/support/redirect';
import { insertUser, tempDatabase, type TempDatabase } from '@/test/support/temp-db';
import type { SignedInViewer } from '../access';

const viewer: SignedInViewer = {
  kind: 'user',
  userId: '',
  email: 'joiner@example.com',
  isStaff: false,
  membership: null,
};
vi.mock('@/lib/auth/viewer', () => ({ getViewer: async () => viewer }));

let temp: TempDatabase;

beforeAll(async () => {
  temp = await tempDatabase('stripe-down');
  vi.stubEnv('DATABASE_URL', `file:${temp.file}`);
  vi.stubEnv('STRIPE_SECRET_KEY', 'sk_test_unreachable');
  vi.stubEnv('STRIPE_WEBHOOK_SECRET', 'whsec_unreachable');
  vi.stubEnv('STRIPE_PRICE_ID', 'price_unreachable');
  vi.stubEnv('STRIPE_API_BASE', `http://127.0.0.1:${await freeLocalPort()}`);
  vi.spyOn(console, 'error').mockImplementation(() => {});
  viewer.userId = await insertUser(temp.db, viewer.email);
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await temp?.dispose();
});

const rowsOf = async (table: 'stripe_customer' | 'membership') =>
  temp.db.selectFrom(table).selectAll().where('user_id', '=', viewer.userId).execute();

describe('Stripe unreachable', () => {
  it('at checkout: back to the join page with its error, no customer or membership stored', async () => {
    const { joinClub } = await import('./actions');
    const form = new FormData();
    form.set('returnTo', '/guides/carte-vitale');
    expect(await redirectOf(() => joinClub(form))).toBe(
      '/club/join?error=checkout&returnTo=%2Fguides%2Fcarte-vitale',
    );
    expect(await rowsOf('stripe_customer')).toEqual([]);
    expect(await rowsOf('membership')).toEqual([]);
  });

  it('at the customer portal: back to the account page with its notice, nothing changed', async () => {
    const { openBillingPortal } = await import('./actions');
    await temp.db
      .insertInto('stripe_customer')
      .values({
        user_id: viewer.userId,
        customer_id: 'cus_unreachable',
        created_at: new Date().toISOString(),
      })
      .execute();
    expect(await redirectOf(() => openBillingPortal(new FormData()))).toBe(
      '/account?notice=portal-error',
    );
    expect((await rowsOf('stripe_customer')).map((row) => row.customer_id)).toEqual([
      'cus_unreachable',
    ]);
    expect(await rowsOf('membership')).toEqual([]);
  });
});
