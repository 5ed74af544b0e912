// Fixed-window rate limits stored in the database, so they hold across instances and restarts.
import { createHmac } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { authSecret } from './env';

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
  const row = await db
    .insertInto('rate_limit')
    .values({
      bucket: rule.bucket,
      key: hashKey(key),
      window_start: new Date(windowStartMs).toISOString(),
      hits: 1,
    })
    .onConflict((oc) =>
      oc.columns(['bucket', 'key', 'window_start']).doUpdateSet({ hits: sql`rate_limit.hits + 1` }),
    )
    .returning('hits')
    .executeTakeFirstOrThrow();
  const retryAfterSeconds = Math.ceil((windowStartMs + rule.windowMs - now.getTime()) / 1000);
  return { allowed: Number(row.hits) <= rule.limit, retryAfterSeconds };
}

/** Old windows are useless; drop them now and then so the table stays small. */
export async function pruneRateLimits(db: Kysely<Database>, now: Date = new Date()): Promise<void> {
  const dayAgo = new Date(now.getTime() - 24 * 3600_000).toISOString();
  await db.deleteFrom('rate_limit').where('window_start', '<', dayAgo).execute();
}

/**
 * The caller's IP: the last x-forwarded-for entry, which is the one added by the nearest proxy
 * (or by Next itself from the socket when no proxy sent one). Entries further left are whatever
 * the client claimed, so they are never trusted. See README, "Deploying".
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for')?.split(',').at(-1)?.trim();
  return forwarded || headers.get('x-real-ip') || 'unknown';
}
