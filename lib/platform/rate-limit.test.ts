import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clientIp,
  consumeRateLimit,
  networkKey,
  pruneRateLimits,
  reserveRateLimits,
  type RateLimitRule,
} from './rate-limit';
import { openDatabase } from '@/lib/db/connect';
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

  it('counts the attempts of the last window across its boundary, not from zero at each one', async () => {
    const key = 'dora@example.com';
    // 3 of 3 used in the last seconds of a window…
    await attempts(SIGNIN, key, 3, at(10 * 60_000 - 2_000));
    // …still count a moment after the boundary: a fixed window would allow 3 more here.
    expect((await consumeRateLimit(temp.db, SIGNIN, key, at(10 * 60_000 + 1_000))).allowed).toBe(
      false,
    );
  });

  it('lets the previous window fade out over the next one', async () => {
    const key = 'dora.fade@example.com';
    const quiet = 'dora.quiet@example.com';
    // Both use 3 of 3 a minute into a window (its count is exact: nothing before it).
    expect((await attempts(SIGNIN, key, 3, at(60_000))).every((r) => r.allowed)).toBe(true);
    expect((await attempts(SIGNIN, quiet, 3, at(60_000))).every((r) => r.allowed)).toBe(true);
    // Halfway through the next window the 3 weigh 1.5: one more (2.5) is fine, a second (3.5)
    // is not; attempts that were refused count too, until reserveRateLimits gives them back.
    const halfway = await attempts(SIGNIN, key, 2, at(15 * 60_000));
    expect(halfway.map((r) => r.allowed)).toEqual([true, false]);
    // Two windows later nothing of them is left: 3 allowed again, the 4th refused.
    const later = await attempts(SIGNIN, quiet, 4, at(20 * 60_000));
    expect(later.map((r) => r.allowed)).toEqual([true, true, true, false]);
  });

  it('says how long until one more attempt is allowed, and allows it then', async () => {
    const HOURLY: RateLimitRule = { bucket: 'hourly', limit: 5, windowMs: 3600_000 };
    const hour = new Date('2026-12-01T10:00:00.000Z').getTime();
    const time = (hh: number, mm: number, ss = 0) =>
      new Date(hour + ((hh - 10) * 3600 + mm * 60 + ss) * 1000);
    const history = async (key: string) => {
      const allowed = await attempts(HOURLY, key, 5, time(10, 30));
      expect(allowed.every((r) => r.allowed && r.retryAfterSeconds === 0)).toBe(true);
      return consumeRateLimit(temp.db, HOURLY, key, time(10, 45));
    };
    // 6 counted in the 10:00 window: the next attempt is fine once they weigh 4, a third of the
    // way into the 11:00 window, i.e. 11:20, 35 minutes after the refusal at 10:45.
    const refused = await history('erin@example.com');
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 35 * 60 });
    await history('erin.twin@example.com');
    const early = await consumeRateLimit(
      temp.db,
      HOURLY,
      'erin.twin@example.com',
      time(11, 19, 59),
    );
    expect(early.allowed).toBe(false);
    expect(early.retryAfterSeconds).toBeGreaterThan(0);
    const onTime = await consumeRateLimit(temp.db, HOURLY, 'erin@example.com', time(11, 20));
    expect(onTime).toEqual({ allowed: true, retryAfterSeconds: 0 });

    // Refused in the new window while the old one fades: 5 from 10:30 weigh 5 at 11:00:01, so
    // the 1st attempt is refused; with it counted, the 2nd is fine when the 5 weigh 3, at 11:24.
    await attempts(HOURLY, 'erin.fade@example.com', 5, time(10, 30));
    const [fading] = await attempts(HOURLY, 'erin.fade@example.com', 1, time(11, 0, 1));
    expect(fading).toEqual({ allowed: false, retryAfterSeconds: 24 * 60 - 1 });
  });

  it('with an injected clock at 10:59:58, the 6th of 5 is refused on both sides of 11:00', async () => {
    const HOURLY: RateLimitRule = { bucket: 'hourly-boundary', limit: 5, windowMs: 3600_000 };
    const start = new Date('2027-03-01T10:59:58.000Z').getTime();
    // One attempt a second, as a quick test or a person retrying would: 10:59:58 … 11:00:03.
    const results = [];
    for (let i = 0; i < 6; i++) {
      results.push(await consumeRateLimit(temp.db, HOURLY, 'boundary', new Date(start + i * 1000)));
    }
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, true, true, false]);
  });

  it('allows exactly `limit` of many concurrent attempts, from two connections', async () => {
    const RULE: RateLimitRule = { bucket: 'concurrent', limit: 5, windowMs: 3600_000 };
    const other = openDatabase(temp.url);
    try {
      const now = at(0);
      const results = await Promise.all(
        Array.from({ length: 24 }, (_, i) =>
          consumeRateLimit(i % 2 ? other : temp.db, RULE, 'crowd', now),
        ),
      );
      expect(results.filter((r) => r.allowed)).toHaveLength(5);
      const rows = await temp.db
        .selectFrom('rate_limit')
        .select('hits')
        .where('bucket', '=', 'concurrent')
        .execute();
      expect(rows).toEqual([{ hits: 24 }]);
    } finally {
      await other.destroy();
    }
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

  it('prunes windows no rule reads any more (older than two days) and keeps the rest', async () => {
    const old = new Date('2026-11-20T08:00:00.000Z');
    // Yesterday's day-long window is still read as the previous one: kept.
    const yesterday = new Date(WINDOW_START.getTime() - 36 * 3600_000);
    await consumeRateLimit(temp.db, SIGNIN, 'gina@example.com', yesterday);
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
    expect(after).toContain(yesterday.toISOString());
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

  it('allows exactly `limit` of many concurrent reservations, from two connections', async () => {
    const RULE: RateLimitRule = { bucket: 'reserve-crowd', limit: 4, windowMs: 3600_000 };
    const other = openDatabase(temp.url);
    try {
      const now = at(0);
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          reserveRateLimits(i % 2 ? other : temp.db, [{ rule: RULE, key: 'crowd' }], now),
        ),
      );
      expect(results.filter((r) => r.allowed)).toHaveLength(4);
      // The refused ones gave their count back: only the 4 reservations stay counted.
      const rows = await temp.db
        .selectFrom('rate_limit')
        .select('hits')
        .where('bucket', '=', 'reserve-crowd')
        .execute();
      expect(rows).toEqual([{ hits: 4 }]);
    } finally {
      await other.destroy();
    }
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
