import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clientIp,
  consumeRateLimit,
  networkKey,
  pruneRateLimits,
  reserveRateLimits,
  type RateLimitRule,
} from './rate-limit';
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

describe('clientIp with TRUSTED_PROXY_HOPS', () => {
  const chain = new Headers({ 'x-forwarded-for': '6.6.6.6, 203.0.113.5, 10.0.0.1' });

  it('takes the entry added by the outermost trusted proxy, never one the client wrote', () => {
    expect(clientIp(chain, 1)).toBe('10.0.0.1');
    // Two proxies (a CDN, then nginx): the CDN saw the client, nginx saw the CDN.
    expect(clientIp(chain, 2)).toBe('203.0.113.5');
    expect(clientIp(chain, 3)).toBe('6.6.6.6');
  });

  it('reads the number of hops from the environment, default 1', () => {
    const saved = process.env.TRUSTED_PROXY_HOPS;
    try {
      delete process.env.TRUSTED_PROXY_HOPS;
      expect(clientIp(chain)).toBe('10.0.0.1');
      process.env.TRUSTED_PROXY_HOPS = '2';
      expect(clientIp(chain)).toBe('203.0.113.5');
      process.env.TRUSTED_PROXY_HOPS = 'lots';
      expect(clientIp(chain)).toBe('10.0.0.1');
    } finally {
      if (saved === undefined) delete process.env.TRUSTED_PROXY_HOPS;
      else process.env.TRUSTED_PROXY_HOPS = saved;
    }
  });

  it('with fewer entries than hops, takes the leftmost (the request skipped a proxy)', () => {
    expect(clientIp(new Headers({ 'x-forwarded-for': '198.51.100.20' }), 2)).toBe('198.51.100.20');
  });

  it('keys IPv6 clients by their /64, so one subscriber cannot rotate through addresses', () => {
    const a = clientIp(new Headers({ 'x-forwarded-for': '2001:db8:1:2:aaaa::1' }), 1);
    const b = clientIp(new Headers({ 'x-forwarded-for': '2001:0db8:0001:0002:ffff:1:2:3' }), 1);
    const other = clientIp(new Headers({ 'x-forwarded-for': '2001:db8:1:3::1' }), 1);
    expect(a).toBe('2001:db8:1:2::/64');
    expect(b).toBe(a);
    expect(other).not.toBe(a);
  });

  it('normalises IPv6 forms and IPv4-mapped addresses', () => {
    expect(networkKey('::1')).toBe('0:0:0:0::/64');
    expect(networkKey('[2001:db8::1]')).toBe('2001:db8:0:0::/64');
    expect(networkKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(networkKey('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(networkKey('198.51.100.7')).toBe('198.51.100.7');
    expect(networkKey('not an ip')).toBe('not an ip');
  });
});

describe('reserveRateLimits', () => {
  const A: RateLimitRule = { bucket: 'reserve-a', limit: 2, windowMs: 10 * 60_000 };
  const B: RateLimitRule = { bucket: 'reserve-b', limit: 3, windowMs: 10 * 60_000 };

  it('counts against every rule, and a refusal leaves nothing counted', async () => {
    const now = at(0);
    const checks = (key: string) => [
      { rule: A, key },
      { rule: B, key: 'shared' },
    ];
    expect((await reserveRateLimits(temp.db, checks('x'), now)).allowed).toBe(true);
    expect((await reserveRateLimits(temp.db, checks('x'), now)).allowed).toBe(true);
    // A is full for x: refused, and B's shared count is not touched by the refusal.
    expect((await reserveRateLimits(temp.db, checks('x'), now)).allowed).toBe(false);
    expect((await reserveRateLimits(temp.db, checks('y'), now)).allowed).toBe(true);
    // B now holds 3: full.
    expect((await reserveRateLimits(temp.db, checks('z'), now)).allowed).toBe(false);
  });

  it('release gives the attempt back (only what was done counts)', async () => {
    const now = at(0);
    const checks = [{ rule: A, key: 'released' }];
    const first = await reserveRateLimits(temp.db, checks, now);
    await first.release();
    await first.release(); // once only
    expect((await reserveRateLimits(temp.db, checks, now)).allowed).toBe(true);
    expect((await reserveRateLimits(temp.db, checks, now)).allowed).toBe(true);
    expect((await reserveRateLimits(temp.db, checks, now)).allowed).toBe(false);
  });
});
