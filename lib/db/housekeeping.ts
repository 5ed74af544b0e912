// Pruning of rows nobody needs any more, on SQLite and Postgres alike: expired sessions and sign-in
// tokens, rate-limit windows older than two days, and processed Stripe event ids older than 30 days
// (Stripe stops retrying an event after 3 days, so a replay that old cannot come). Personal data
// that has done its job goes too (the privacy page, content/pages/privacy.mdx, says how long):
// - e-mails in the outbox 30 days after they were sent, or 30 days after the outbox gave up on
//   them: long enough to answer "did you send me anything?" and look into a bounce, and each holds
//   an address and often a request's text;
// - e-mail-change links, and the links that undo a change, a day after they expired: a late click
//   still reads "this link has expired" instead of "not valid", and nothing else needs the
//   addresses they hold.
// Billing sync leases that lapsed a day ago go as well (lib/billing/sync-lock: a holder that died
// leaves its row; a live holder renews it long before that).
// Runs when an instance starts and hourly after that, in bounded batches so it never holds a lock
// for long. Every statement deletes by key whatever is past its cutoff, so instances running it at
// the same time delete each row once and just find less to delete.
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema';
import { MAX_ATTEMPTS } from '../platform/outbox';

export const HOUSEKEEPING_INTERVAL_MS = 3600_000;
const DAY_MS = 24 * 3600_000;
export const STRIPE_EVENT_RETENTION_DAYS = 30;
// A day-long rate window is still read for a day more, as the previous one (lib/platform/rate-limit).
export const RATE_LIMIT_RETENTION_MS = 2 * DAY_MS;
export const SENT_MAIL_RETENTION_DAYS = 30;
export const EMAIL_CHANGE_GRACE_MS = DAY_MS;

export interface HousekeepingOptions {
  now?: Date;
  /** Rows deleted per statement. */
  batchSize?: number;
  /** Statements per table and run: what is left waits for the next run. */
  maxBatches?: number;
}

export interface HousekeepingReport {
  sessions: number;
  verificationTokens: number;
  rateLimits: number;
  stripeEvents: number;
  /** Outbox e-mails sent, or given up on, longer ago than SENT_MAIL_RETENTION_DAYS. */
  sentMail: number;
  emailChangeTokens: number;
  emailChangeUndos: number;
  billingSyncLocks: number;
}

type Batch = (limit: number) => Promise<number>;

async function inBatches(batch: Batch, batchSize: number, maxBatches: number): Promise<number> {
  let total = 0;
  for (let i = 0; i < maxBatches; i++) {
    const deleted = await batch(batchSize);
    total += deleted;
    if (deleted < batchSize) break;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return total;
}

/**
 * One batch: deletes up to `limit` rows of `table` whose `column` is before `cutoff`, chosen by
 * their key (one column or several). Plain SQL that SQLite and Postgres both run.
 */
const olderThan =
  (db: Kysely<Database>, table: keyof Database, key: string[], column: string, cutoff: string) =>
  async (limit: number): Promise<number> => {
    const keys = sql.join(key.map((name) => sql.ref(name)));
    const result = await sql`
      DELETE FROM ${sql.table(table)} WHERE (${keys}) IN (
        SELECT ${keys} FROM ${sql.table(table)} WHERE ${sql.ref(column)} < ${cutoff} LIMIT ${limit}
      )`.execute(db);
    return Number(result.numAffectedRows ?? 0);
  };

/**
 * One batch of outbox e-mails that were never sent and are no longer retried (MAX_ATTEMPTS
 * failures), created before `cutoff`. A sent row's sent_at is never null, so `olderThan` on sent_at
 * skips these.
 */
const abandonedMail =
  (db: Kysely<Database>, cutoff: string) =>
  async (limit: number): Promise<number> => {
    const result = await sql`
      DELETE FROM mail_outbox WHERE id IN (
        SELECT id FROM mail_outbox
        WHERE sent_at IS NULL AND attempts >= ${MAX_ATTEMPTS} AND created_at < ${cutoff}
        LIMIT ${limit}
      )`.execute(db);
    return Number(result.numAffectedRows ?? 0);
  };

export async function runHousekeeping(
  db: Kysely<Database>,
  options: HousekeepingOptions = {},
): Promise<HousekeepingReport> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 500;
  const maxBatches = options.maxBatches ?? 200;
  // ISO text compares correctly with SQLite's ISO text and with Postgres timestamptz columns alike.
  const nowIso = now.toISOString();
  const rateLimitCutoff = new Date(now.getTime() - RATE_LIMIT_RETENTION_MS).toISOString();
  const eventCutoff = new Date(now.getTime() - STRIPE_EVENT_RETENTION_DAYS * DAY_MS).toISOString();

  const prune = (batch: Batch) => inBatches(batch, batchSize, maxBatches);
  const sessions = await prune(olderThan(db, 'Session', ['sessionToken'], 'expires', nowIso));
  const verificationTokens = await prune(
    olderThan(db, 'VerificationToken', ['identifier', 'token'], 'expires', nowIso),
  );
  const rateLimits = await prune(
    olderThan(db, 'rate_limit', ['bucket', 'key', 'window_start'], 'window_start', rateLimitCutoff),
  );
  const stripeEvents = await prune(
    olderThan(db, 'stripe_event', ['id'], 'received_at', eventCutoff),
  );
  const mailCutoff = new Date(now.getTime() - SENT_MAIL_RETENTION_DAYS * DAY_MS).toISOString();
  const sentMail =
    (await prune(olderThan(db, 'mail_outbox', ['id'], 'sent_at', mailCutoff))) +
    (await prune(abandonedMail(db, mailCutoff)));
  const emailChangeCutoff = new Date(now.getTime() - EMAIL_CHANGE_GRACE_MS).toISOString();
  const emailChangeTokens = await prune(
    olderThan(db, 'email_change_token', ['token_hash'], 'expires_at', emailChangeCutoff),
  );
  const emailChangeUndos = await prune(
    olderThan(db, 'email_change_undo', ['token_hash'], 'expires_at', emailChangeCutoff),
  );
  const leaseCutoff = new Date(now.getTime() - DAY_MS).toISOString();
  const billingSyncLocks = await prune(
    olderThan(db, 'billing_sync_lock', ['subscription_id'], 'expires_at', leaseCutoff),
  );
  return {
    sessions,
    verificationTokens,
    rateLimits,
    stripeEvents,
    sentMail,
    emailChangeTokens,
    emailChangeUndos,
    billingSyncLocks,
  };
}
