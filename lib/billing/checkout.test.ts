// The welcome page's Checkout look-up and the join action call Stripe for whoever asks: only a
// Checkout Session id's shape is looked up, and each person has a limit. Stripe here is a local
// server that counts what it is asked and answers "no such session" / "invalid request" (never
// retried by the SDK); the real SDK, the real rate limiter and a real database (SQLite, and
// Postgres via scripts/test-postgres.sh). The clock is injected: no test depends on the hour.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { redirectOf } from '@/test/support/redirect';
import { insertUser, tempDatabase, type TempDatabase } from '@/test/support/temp-db';
import type { SignedInViewer } from '../access';
import { closeSharedDatabase } from '../db/connect';
import { CHECKOUT_RETURN_LIMIT, CHECKOUT_START_LIMIT, confirmCheckout } from './checkout';

const viewer: SignedInViewer = {
  kind: 'user',
  userId: '',
  email: 'checkout-limits@example.com',
  isStaff: false,
  membership: null,
};
vi.mock('@/lib/auth/viewer', () => ({ getViewer: async () => viewer }));

let temp: TempDatabase;
let stripeServer: Server;
/** Every request Stripe received, as "METHOD /path". */
const asked: string[] = [];

beforeAll(async () => {
  temp = await tempDatabase('checkout');
  stripeServer = createServer((request, response) => {
    asked.push(`${request.method} ${request.url?.split('?')[0]}`);
    request.resume();
    const missing = request.method === 'GET';
    response.writeHead(missing ? 404 : 400, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        error: missing
          ? { type: 'invalid_request_error', code: 'resource_missing', message: 'No such session' }
          : { type: 'invalid_request_error', message: 'Invalid request' },
      }),
    );
  });
  await new Promise<void>((resolve) => stripeServer.listen(0, '127.0.0.1', resolve));
  const { port } = stripeServer.address() as AddressInfo;
  vi.stubEnv('DATABASE_URL', temp.url);
  vi.stubEnv('STRIPE_SECRET_KEY', 'sk_test_checkout_limits');
  vi.stubEnv('STRIPE_WEBHOOK_SECRET', 'whsec_checkout_limits');
  vi.stubEnv('STRIPE_PRICE_ID', 'price_checkout_limits');
  vi.stubEnv('STRIPE_API_BASE', `http://127.0.0.1:${port}`);
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  asked.length = 0;
  vi.useRealTimers();
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await closeSharedDatabase();
  await new Promise((resolve) => stripeServer.close(resolve));
  await temp?.dispose();
});

/** A signed-in person who is not a member, new for each test (limits are per person). */
async function person(label: string): Promise<SignedInViewer> {
  const email = `${label}@example.com`;
  return { ...viewer, email, userId: await insertUser(temp.db, email) };
}

/** One minute into a window of `windowMs` that starts today: the test never crosses its edge. */
function insideWindow(windowMs: number): Date {
  return new Date(Math.floor(Date.now() / windowMs) * windowMs + 60_000);
}

describe('the welcome page’s Checkout look-up', () => {
  it('asks Stripe only about values shaped like a Checkout Session id', async () => {
    const someone = await person('welcome-shape');
    const madeUp = [
      'anything',
      '__proto__',
      'cs_',
      'cs_short',
      'sub_1QxYzAbCdEfGhIjK',
      'cs_test_a1B2c3/../../v1/customers',
      'cs_test_a1B2c3D4"><script>',
      `cs_test_${'a'.repeat(300)}`,
    ];
    for (const sessionId of madeUp) {
      expect(await confirmCheckout(someone, sessionId), sessionId).toEqual({ kind: 'not-found' });
    }
    expect(asked).toEqual([]);

    expect(await confirmCheckout(someone, 'cs_test_a1B2c3D4e5F6')).toEqual({ kind: 'not-found' });
    expect(asked).toEqual(['GET /v1/checkout/sessions/cs_test_a1B2c3D4e5F6']);
  });

  it('is limited per person; others are not held back, and the next window is open', async () => {
    const eager = await person('welcome-eager');
    const other = await person('welcome-other');
    const now = insideWindow(CHECKOUT_RETURN_LIMIT.windowMs);
    for (let i = 0; i < CHECKOUT_RETURN_LIMIT.limit; i++) {
      expect(await confirmCheckout(eager, `cs_test_refresh${i}aaaa`, now)).toEqual({
        kind: 'not-found',
      });
    }
    expect(asked).toHaveLength(CHECKOUT_RETURN_LIMIT.limit);

    const refused = await confirmCheckout(eager, 'cs_test_oneMoreTime', now);
    expect(refused).toEqual({ kind: 'rate-limited', retryAfterSeconds: expect.any(Number) });
    expect(refused.kind === 'rate-limited' && refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(asked).toHaveLength(CHECKOUT_RETURN_LIMIT.limit); // Stripe was not asked

    expect(await confirmCheckout(other, 'cs_test_otherPerson', now)).toEqual({
      kind: 'not-found',
    });
    const later = new Date(now.getTime() + CHECKOUT_RETURN_LIMIT.windowMs);
    expect(await confirmCheckout(eager, 'cs_test_nextWindow', later)).toEqual({
      kind: 'not-found',
    });
    expect(asked).toHaveLength(CHECKOUT_RETURN_LIMIT.limit + 2);
  });
});

describe('the join action', () => {
  it('opens Stripe’s payment page a limited number of times per person', async () => {
    const { joinClub } = await import('./actions');
    Object.assign(viewer, await person('join-eager'));
    // The action reads the clock itself: it is pinned inside one window.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(insideWindow(CHECKOUT_START_LIMIT.windowMs));
    const form = new FormData();
    form.set('returnTo', '/guides/carte-vitale');
    for (let i = 0; i < CHECKOUT_START_LIMIT.limit; i++) {
      // This Stripe refuses every request: back to the join page with the usual error.
      expect(await redirectOf(() => joinClub(form))).toBe(
        '/club/join?error=checkout&returnTo=%2Fguides%2Fcarte-vitale',
      );
    }
    expect(asked).toEqual(Array(CHECKOUT_START_LIMIT.limit).fill('POST /v1/customers'));

    expect(await redirectOf(() => joinClub(form))).toBe(
      '/club/join?error=busy&returnTo=%2Fguides%2Fcarte-vitale',
    );
    expect(asked).toHaveLength(CHECKOUT_START_LIMIT.limit); // Stripe was not asked
  });
});
