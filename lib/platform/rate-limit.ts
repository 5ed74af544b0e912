// Rolling rate limits stored in the database, so they hold across instances and restarts.
//
// Each rule counts hits in fixed windows of windowMs (one row per bucket, key and window), and
// judges an attempt on a rolling estimate of the last windowMs: this window's hits plus the
// previous window's, weighted by how much of it still lies within the last windowMs. So crossing
// a window boundary (hh:00 for hourly rules) does not give anyone a fresh allowance: 5 hits at
// 10:59 still count as almost 5 at 11:00, and fade out by 12:00. For a key seen in one window
// only, the estimate is the exact count.
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
  /** When refused: seconds until one more attempt would be allowed. 0 when allowed. */
  retryAfterSeconds: number;
}

/**
 * Keys are keyed hashes: the table never holds an e-mail address or an IP, and without the
 * server's secret one cannot recover them by hashing every possible IPv4 address.
 */
function hashKey(key: string): string {
  return createHmac('sha256', authSecret()).update(key).digest('hex').slice(0, 32);
}

/** Float slack, so that an attempt made exactly when retryAfterSeconds said is allowed. */
const EPSILON = 1e-9;

interface WindowPosition {
  startMs: number;
  /** How far into its window `now` is, from 0 (at the start) to just under 1. */
  elapsed: number;
}

function windowOf(rule: RateLimitRule, now: Date): WindowPosition {
  const startMs = Math.floor(now.getTime() / rule.windowMs) * rule.windowMs;
  return { startMs, elapsed: (now.getTime() - startMs) / rule.windowMs };
}

/** The hits of the last windowMs, estimated from this window's and the previous one's. */
export function rollingHits(previous: number, current: number, elapsed: number): number {
  return previous * (1 - elapsed) + current;
}

/**
 * Seconds from `now` until one more attempt would be within the rule, given `previous` and
 * `current` hits (the refused attempt included, as it stays counted unless released).
 */
function secondsUntilAllowed(
  rule: RateLimitRule,
  { startMs }: WindowPosition,
  previous: number,
  current: number,
  nowMs: number,
): number {
  const { limit, windowMs } = rule;
  let atMs: number;
  if (limit < 1) {
    atMs = startMs + windowMs;
  } else if (current + 1 <= limit && previous > 0) {
    // Later in this window, once enough of the previous window has faded out.
    atMs = startMs + (1 - (limit - current - 1) / previous) * windowMs;
  } else {
    // In the next window, once enough of this one has faded out.
    const fraction = Math.max(0, 1 - (limit - 1) / Math.max(current, 1));
    atMs = startMs + windowMs + fraction * windowMs;
  }
  return Math.max(1, Math.ceil((atMs - nowMs) / 1000));
}

/**
 * Counts one attempt for `key` and says whether it is within the rule (the attempt counts either
 * way; reserveRateLimits gives a refused one back). One statement, so concurrent attempts on any
 * number of instances each see a different count: N at once with room for L allow exactly L.
 */
export async function consumeRateLimit(
  db: Kysely<Database>,
  rule: RateLimitRule,
  key: string,
  now: Date = new Date(),
): Promise<RateLimitResult> {
  const position = windowOf(rule, now);
  const hashed = hashKey(key);
  const previousStart = new Date(position.startMs - rule.windowMs).toISOString();
  // A busy try counted nothing, so trying again counts once.
  const count = () =>
    db
      .insertInto('rate_limit')
      .values({
        bucket: rule.bucket,
        key: hashed,
        window_start: new Date(position.startMs).toISOString(),
        hits: 1,
      })
      .onConflict((oc) =>
        oc
          .columns(['bucket', 'key', 'window_start'])
          .doUpdateSet({ hits: sql`rate_limit.hits + 1` }),
      )
      .returning((eb) => [
        'hits',
        eb
          .selectFrom('rate_limit as previous')
          .select('previous.hits')
          .where('previous.bucket', '=', rule.bucket)
          .where('previous.key', '=', hashed)
          .where('previous.window_start', '=', previousStart)
          .as('previous_hits'),
      ])
      .executeTakeFirstOrThrow();
  const row = await retryWhenBusy(count, { label: `rate limit ${rule.bucket}` });
  const current = Number(row.hits);
  const previous = Number(row.previous_hits ?? 0);
  if (rollingHits(previous, current, position.elapsed) <= rule.limit + EPSILON) {
    return { allowed: true, retryAfterSeconds: 0 };
  }
  return {
    allowed: false,
    retryAfterSeconds: secondsUntilAllowed(rule, position, previous, current, now.getTime()),
  };
}

/** Takes back one attempt counted by consumeRateLimit with the same rule, key and time. */
export async function releaseRateLimit(
  db: Kysely<Database>,
  rule: RateLimitRule,
  key: string,
  now: Date = new Date(),
): Promise<void> {
  const { startMs } = windowOf(rule, now);
  await db
    .updateTable('rate_limit')
    .set({ hits: sql`case when rate_limit.hits > 0 then rate_limit.hits - 1 else 0 end` })
    .where('bucket', '=', rule.bucket)
    .where('key', '=', hashKey(key))
    .where('window_start', '=', new Date(startMs).toISOString())
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

/**
 * The longest window any rule uses (a day). A window is still read while it is the previous one,
 * so rows are kept for two of them.
 */
export const LONGEST_RATE_WINDOW_MS = 24 * 3600_000;

/** Windows no rule reads any more; drop them now and then so the table stays small. */
export async function pruneRateLimits(db: Kysely<Database>, now: Date = new Date()): Promise<void> {
  const unread = new Date(now.getTime() - 2 * LONGEST_RATE_WINDOW_MS).toISOString();
  await db.deleteFrom('rate_limit').where('window_start', '<', unread).execute();
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
 * production. See docs/operations.md, "One machine".
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
