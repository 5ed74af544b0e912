import { afterAll, beforeAll, expect, it } from 'vitest';
import { insertUser, tempDatabase, testDialect, type TempDatabase } from '@/test/support/temp-db';
import { runHousekeeping } from './housekeeping';

const NOW = new Date('2026-12-10T12:00:00.000Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const HOUR = 3600_000;
const DAY = 24 * HOUR;

let temp: TempDatabase;
beforeAll(async () => {
  temp = await tempDatabase('housekeeping');
});
afterAll(() => temp.dispose());

/** What next-auth's adapter stores: a Date on Postgres, ISO text on SQLite. */
const stamp = (date: Date) => (testDialect() === 'postgres' ? date : date.toISOString());

it('prunes expired sessions and tokens, old rate-limit windows and old event ids, in batches', async () => {
  const { db } = temp;
  const user = await insertUser(db, 'keeper@example.test');
  const sessions = [
    { token: 'expired-1', expires: ago(HOUR) },
    { token: 'expired-2', expires: ago(40 * DAY) },
    { token: 'expired-3', expires: ago(1000) },
    { token: 'live', expires: new Date(NOW.getTime() + 29 * DAY) },
  ];
  await db
    .insertInto('Session')
    .values(
      sessions.map((s) => ({ sessionToken: s.token, userId: user, expires: stamp(s.expires) })),
    )
    .execute();
  await db
    .insertInto('VerificationToken')
    .values([
      { identifier: 'a@example.test', token: 'used-up', expires: stamp(ago(HOUR)) },
      {
        identifier: 'b@example.test',
        token: 'fresh',
        expires: stamp(new Date(NOW.getTime() + HOUR)),
      },
    ])
    .execute();
  await db
    .insertInto('rate_limit')
    .values([
      { bucket: 'signin', key: 'k1', window_start: ago(2 * DAY + HOUR).toISOString(), hits: 3 },
      { bucket: 'signin', key: 'k2', window_start: ago(49 * HOUR).toISOString(), hits: 1 },
      { bucket: 'contact', key: 'k1', window_start: ago(3 * DAY).toISOString(), hits: 9 },
      { bucket: 'signin', key: 'k1', window_start: ago(HOUR).toISOString(), hits: 2 },
    ])
    .execute();
  await db
    .insertInto('stripe_event')
    .values([
      { id: 'evt_old', type: 'invoice.paid', received_at: ago(31 * DAY).toISOString() },
      { id: 'evt_recent', type: 'invoice.paid', received_at: ago(29 * DAY).toISOString() },
    ])
    .execute();

  const report = await runHousekeeping(db, { now: NOW, batchSize: 2 });
  expect(report).toEqual({ sessions: 3, verificationTokens: 1, rateLimits: 3, stripeEvents: 1 });

  expect(await db.selectFrom('Session').select('sessionToken').execute()).toEqual([
    { sessionToken: 'live' },
  ]);
  expect(await db.selectFrom('VerificationToken').select('token').execute()).toEqual([
    { token: 'fresh' },
  ]);
  expect(await db.selectFrom('rate_limit').select(['bucket', 'hits']).execute()).toEqual([
    { bucket: 'signin', hits: 2 },
  ]);
  expect(await db.selectFrom('stripe_event').select('id').execute()).toEqual([
    { id: 'evt_recent' },
  ]);
  // The user and a second run: nothing else goes.
  expect(await runHousekeeping(db, { now: NOW })).toEqual({
    sessions: 0,
    verificationTokens: 0,
    rateLimits: 0,
    stripeEvents: 0,
  });
  expect(await db.selectFrom('User').select('email').execute()).toEqual([
    { email: 'keeper@example.test' },
  ]);
});

it('stops after maxBatches and leaves the rest for the next run', async () => {
  const { db } = temp;
  await db
    .insertInto('stripe_event')
    .values(
      Array.from({ length: 7 }, (_, i) => ({
        id: `evt_bulk_${i}`,
        type: 'invoice.paid',
        received_at: ago(60 * DAY).toISOString(),
      })),
    )
    .execute();
  const first = await runHousekeeping(db, { now: NOW, batchSize: 2, maxBatches: 2 });
  expect(first.stripeEvents).toBe(4);
  const second = await runHousekeeping(db, { now: NOW, batchSize: 2, maxBatches: 10 });
  expect(second.stripeEvents).toBe(3);
  const left = await db
    .selectFrom('stripe_event')
    .select('id')
    .where('id', 'like', 'evt_bulk_%')
    .execute();
  expect(left).toEqual([]);
});
