import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientIp, consumeRateLimit, pruneRateLimits, type RateLimitRule } from './rate-limit';
import { tempDatabase, type TempDatabase } from '@/test/support/temp-db';

let temp: TempDatabase;
beforeAll(async () => {
  temp = await tempDatabase('rate-limit');
});
afterAll(() => temp.dispose());

const SIGNIN: RateLimitRule = { bucket: 'signin-email', limit: 3, windowMs: 10 * 60_000 };
const CONTACT: RateLimitRule = { bucket: 'contact-ip', limit: 3, windowMs: 10 * 60_000 };
// A window boundary: 10:00 UTC is a multiple of 10 minutes.
const WINDOW_START = new Date('2026-12-01T10:00:00.000Z');
const at = (ms: number) => new Date(WINDOW_START.getTime() + ms);

async function attempts(rule: RateLimitRule, key: string, count: number, now: Date) {
  const results = [];
  for (let i = 0; i < count; i++) results.push(await consumeRateLimit(temp.db, rule, key, now));
  return results;
}

describe('consumeRateLimit', () => {
  it('allows `limit` attempts in a window, then refuses', async () => {
    const results = await attempts(SIGNIN, 'alice@example.com', 5, at(60_000));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false, false]);
  });

  it('counts keys and buckets separately', async () => {
    const key = 'bob@example.com';
    expect((await attempts(SIGNIN, key, 4, at(0))).map((r) => r.allowed)).toEqual([
      true,
      true,
      true,
      false,
    ]);
    // Same bucket, other key: untouched by Bob's attempts.
    expect((await consumeRateLimit(temp.db, SIGNIN, 'carol@example.com', at(0))).allowed).toBe(
      true,
    );
    // Same key, other bucket: untouched too.
    expect((await attempts(CONTACT, key, 3, at(0))).every((r) => r.allowed)).toBe(true);
  });

  it('starts again in a new window', async () => {
    const key = 'dora@example.com';
    await attempts(SIGNIN, key, 3, at(9 * 60_000));
    expect((await consumeRateLimit(temp.db, SIGNIN, key, at(9 * 60_000 + 59_000))).allowed).toBe(
      false,
    );
    const next = await consumeRateLimit(temp.db, SIGNIN, key, at(10 * 60_000));
    expect(next).toEqual({ allowed: true, retryAfterSeconds: 600 });
  });

  it('says how long until the window ends', async () => {
    const key = 'erin@example.com';
    const [first] = await attempts(SIGNIN, key, 1, at(0));
    expect(first?.retryAfterSeconds).toBe(600);
    const results = await attempts(SIGNIN, key, 3, at(7 * 60_000 + 30_500));
    // 2 min 29.5 s left, rounded up so a client that waits that long is allowed again.
    expect(results.map((r) => r.retryAfterSeconds)).toEqual([150, 150, 150]);
    expect(results.at(-1)?.allowed).toBe(false);
    const [last] = await attempts(SIGNIN, key, 1, at(10 * 60_000 - 1));
    expect(last?.retryAfterSeconds).toBe(1);
  });

  it('stores keys hashed, never the e-mail address or IP itself', async () => {
    await consumeRateLimit(temp.db, SIGNIN, 'frank.secret@example.com', at(0));
    await consumeRateLimit(temp.db, CONTACT, '203.0.113.77', at(0));
    const rows = await temp.db.selectFrom('rate_limit').selectAll().execute();
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain('frank');
    expect(dump).not.toContain('203.0.113.77');
    const contactRow = rows.find((row) => row.bucket === 'contact-ip' && row.hits === 1);
    expect(contactRow?.key).toMatch(/^[0-9a-f]{32}$/);
    expect(contactRow?.window_start).toBe(WINDOW_START.toISOString());
  });

  it('prunes windows older than a day and keeps recent ones', async () => {
    const old = new Date('2026-11-20T08:00:00.000Z');
    await consumeRateLimit(temp.db, SIGNIN, 'gina@example.com', old);
    const count = async () =>
      (await temp.db.selectFrom('rate_limit').select('window_start').execute()).map(
        (row) => row.window_start,
      );
    expect(await count()).toContain(old.toISOString());
    const before = (await count()).length;

    await pruneRateLimits(temp.db, at(60_000));
    const after = await count();
    expect(after).not.toContain(old.toISOString());
    expect(after).toHaveLength(before - 1);
    expect(after.every((start) => start >= WINDOW_START.toISOString())).toBe(true);
  });
});

describe('clientIp', () => {
  it('takes the last x-forwarded-for entry (the one our proxy added)', () => {
    const headers = new Headers({ 'x-forwarded-for': '6.6.6.6, 10.0.0.1, 198.51.100.7' });
    expect(clientIp(headers)).toBe('198.51.100.7');
  });

  it('trims spaces and handles a single entry', () => {
    expect(clientIp(new Headers({ 'x-forwarded-for': '  198.51.100.8 ' }))).toBe('198.51.100.8');
  });

  it('falls back to x-real-ip, then "unknown"', () => {
    expect(clientIp(new Headers({ 'x-real-ip': '198.51.100.9' }))).toBe('198.51.100.9');
    expect(clientIp(new Headers({ 'x-forwarded-for': '', 'x-real-ip': '198.51.100.9' }))).toBe(
      '198.51.100.9',
    );
    expect(clientIp(new Headers())).toBe('unknown');
  });
});
