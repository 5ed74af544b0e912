// Fixed-window rate limits stored in the database, so they hold across instances and restarts.
import { createHmac } from 'node:crypto';
import { isIP } from 'node:net';
import { sql, type Kysely } from 'kysely';
import { retryWhenBusy } from '../db/busy';
import type { Database } from '../db/schema';
import { authSecret, trustedProxyHops } from './env';

export interface RateLimitRule {
  bucket: string;
  limit: number;
  windowMs: number;
}

export interface RateLimitResult {
  allowed: boolean;
  retryAfterSeconds: number;
}

/**
 * Keys are keyed hashes: the table never holds an e-mail address or an IP, and without the
 * server's secret one cannot recover them by hashing every possible IPv4 address.
 */
function hashKey(key: string): string {
  return createHmac('sha256', authSecret()).update(key).digest('hex').slice(0, 32);
}

/** Counts one attempt for `key` and says whether it is within the rule. */
export async function consumeRateLimit(
  db: Kysely<Database>,
  rule: RateLimitRule,
  key: string,
  now: Date = new Date(),
): Promise<RateLimitResult> {
  const windowStartMs = Math.floor(now.getTime() / rule.windowMs) * rule.windowMs;
  // One statement: a busy try counted nothing, so trying again counts once.
  const count = () =>
    db
      .insertInto('rate_limit')
      .values({
        bucket: rule.bucket,
        key: hashKey(key),
        window_start: new Date(windowStartMs).toISOString(),
        hits: 1,
      })
      .onConflict((oc) =>
        oc
          .columns(['bucket', 'key', 'window_start'])
          .doUpdateSet({ hits: sql`rate_limit.hits + 1` }),
      )
      .returning('hits')
      .executeTakeFirstOrThrow();
  const row = await retryWhenBusy(count, { label: `rate limit ${rule.bucket}` });
  const retryAfterSeconds = Math.ceil((windowStartMs + rule.windowMs - now.getTime()) / 1000);
  return { allowed: Number(row.hits) <= rule.limit, retryAfterSeconds };
}

/** Takes back one attempt counted by consumeRateLimit with the same rule, key and time. */
export async function releaseRateLimit(
  db: Kysely<Database>,
  rule: RateLimitRule,
  key: string,
  now: Date = new Date(),
): Promise<void> {
  const windowStartMs = Math.floor(now.getTime() / rule.windowMs) * rule.windowMs;
  await db
    .updateTable('rate_limit')
    .set({ hits: sql`case when rate_limit.hits > 0 then rate_limit.hits - 1 else 0 end` })
    .where('bucket', '=', rule.bucket)
    .where('key', '=', hashKey(key))
    .where('window_start', '=', new Date(windowStartMs).toISOString())
    .execute();
}

export interface Reservation {
  allowed: boolean;
  retryAfterSeconds: number;
  /** Gives the attempt back (call it when what was reserved did not happen). */
  release(): Promise<void>;
}

/**
 * Counts one attempt against every rule at once. When any rule is exceeded, nothing stays
 * counted (a refused attempt costs no one anything); otherwise the caller releases the
 * reservation if the thing it guards (an e-mail) did not happen, so only what was done counts.
 */
export async function reserveRateLimits(
  db: Kysely<Database>,
  checks: { rule: RateLimitRule; key: string }[],
  now: Date = new Date(),
): Promise<Reservation> {
  const results = [];
  for (const { rule, key } of checks) results.push(await consumeRateLimit(db, rule, key, now));
  const release = async () => {
    for (const { rule, key } of checks) await releaseRateLimit(db, rule, key, now);
  };
  const refused = results.filter((result) => !result.allowed);
  if (refused.length) {
    await release();
    return {
      allowed: false,
      retryAfterSeconds: Math.max(...refused.map((result) => result.retryAfterSeconds)),
      release: async () => {},
    };
  }
  let released = false;
  return {
    allowed: true,
    retryAfterSeconds: 0,
    release: async () => {
      if (released) return;
      released = true;
      await release();
    },
  };
}

/** Old windows are useless; drop them now and then so the table stays small. */
export async function pruneRateLimits(db: Kysely<Database>, now: Date = new Date()): Promise<void> {
  const dayAgo = new Date(now.getTime() - 24 * 3600_000).toISOString();
  await db.deleteFrom('rate_limit').where('window_start', '<', dayAgo).execute();
}

/** IPv4 as is; IPv6 by its /64 (one subscriber's network), IPv4-mapped IPv6 as IPv4. */
export function networkKey(address: string): string {
  const ip = address.trim().replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped?.[1] && isIP(mapped[1]) === 4) return mapped[1];
  const version = isIP(ip.split('%')[0] ?? '');
  if (version === 4) return ip;
  if (version !== 6) return ip;
  const bare = (ip.split('%')[0] ?? '').toLowerCase();
  const [head = '', tail] = bare.split('::');
  const headParts = head ? head.split(':') : [];
  const tailParts = tail ? tail.split(':') : [];
  // An embedded IPv4 tail (…:1.2.3.4) holds the last 32 bits, outside the /64 anyway.
  const width = (parts: string[]) => parts.reduce((n, p) => n + (p.includes('.') ? 2 : 1), 0);
  const groups =
    tail === undefined
      ? headParts
      : [
          ...headParts,
          ...Array<string>(8 - width(headParts) - width(tailParts)).fill('0'),
          ...tailParts,
        ];
  const prefix = groups.slice(0, 4).map((group) => (parseInt(group, 16) || 0).toString(16));
  return `${prefix.join(':')}::/64`;
}

/**
 * The caller's address, as the rate limits key it. Each trusted proxy (TRUSTED_PROXY_HOPS, default
 * 1: the nginx of deploy/) appends the address it received the request from to X-Forwarded-For, so
 * the client is the entry that many places from the right; entries further left are whatever the
 * client claimed and are never used. With no proxy (0) Next records the socket address only when
 * the request carries no X-Forwarded-For, so the last entry is used: run behind a proxy in
 * production. See README, "Deploying".
 */
export function clientIp(headers: Headers, hops: number = trustedProxyHops()): string {
  const entries = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const index = Math.max(0, entries.length - Math.max(1, hops));
  const address = entries[index] || headers.get('x-real-ip')?.trim() || 'unknown';
  return networkKey(address.slice(0, 100));
}
