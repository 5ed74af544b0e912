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
// leaves its row; a live holder renews it long before that), and so do follow requests never
// confirmed (lib/follow): a confirmation link once it expired, the guides it would have confirmed
// once they are older than a link's lifetime (confirming ignores them by then), with their address.
// Runs when an instance starts and hourly after that: one statement asks which prunes have
// anything due, and only those delete, in small batches with a rest between them, so it never
// holds a lock or the event loop for long. Every statement deletes by key (or row id) whatever is
// past its cutoff, so instances running it at the same time delete each row once and just find
// less to delete.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { isPostgres } from './dialect';
import type { Database } from './schema';
import { CONFIRMATION_TTL_MS } from '../follow/schema';
import { MAX_ATTEMPTS } from '../platform/outbox';

export const HOUSEKEEPING_INTERVAL_MS = 3600_000;
const DAY_MS = 24 * 3600_000;
export const STRIPE_EVENT_RETENTION_DAYS = 30;
// A day-long rate window is still read for a day more, as the previous one (lib/platform/rate-limit).
export const RATE_LIMIT_RETENTION_MS = 2 * DAY_MS;
export const SENT_MAIL_RETENTION_DAYS = 30;
export const EMAIL_CHANGE_GRACE_MS = DAY_MS;

/** Rows deleted per statement: small enough that one statement holds SQLite for a few ms. */
export const HOUSEKEEPING_BATCH_SIZE = 200;
/** Statements per table and run: a backlog larger than this is worked off over several runs. */
export const HOUSEKEEPING_MAX_BATCHES = 50;

export interface HousekeepingOptions {
  now?: Date;
  /** Rows deleted per statement. */
  batchSize?: number;
  /** Statements per table and run: what is left waits for the next run. */
  maxBatches?: number;
  /**
   * Waits after a statement, told how long it took and how many rows it deleted, so requests run
   * in between (default: restAfter). Tests pass their own to watch the structure.
   */
  pause?: (statementMs: number, deleted: number) => Promise<void>;
  /** The default pause's rest, in multiples of the statement's time (HOUSEKEEPING_REST_RATIO). */
  restRatio?: number;
  /** Told after each statement (tests): which prune, how many rows it deleted. */
  onBatch?: (prune: keyof HousekeepingReport, deleted: number) => void;
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
  /** Follow confirmation links past their expiry. */
  followConfirmations: number;
  /** Follow requests (an address and a guide) older than a confirmation link lives. */
  followRequests: number;
}

/**
 * One prune's rows: what is due (`due`), oldest first by `order` (the ORDER BY makes the planner
 * walk that column's index, migration 015, and stop after `limit` rows instead of reading the
 * table for them), deleted by `key` (one column or several).
 */
interface Prunable {
  table: keyof Database;
  key: string[];
  due: RawBuilder<unknown>;
  order?: string;
}

/** `SELECT <columns> FROM <table> WHERE <due> [ORDER BY <order>] LIMIT <limit>`. */
function dueRows({ table, due, order }: Prunable, columns: RawBuilder<unknown>, limit: number) {
  const ordered = order ? sql` ORDER BY ${sql.ref(order)}` : sql``;
  return sql`SELECT ${columns} FROM ${sql.table(table)} WHERE ${due}${ordered} LIMIT ${limit}`;
}

/**
 * One delete of at most `limit` due rows (lib/db/named-queries.ts reads its plan).
 * - Postgres: by the rows' ctid, gathered first (`ctid = ANY(ARRAY(…))`: an InitPlan, then a TID
 *   scan). The form `key IN (SELECT … LIMIT n)` is a join whose sides the planner prices by its
 *   statistics: at 200,000 people it chose a hash join over a full scan of VerificationToken. A
 *   row updated meanwhile has a new ctid and is left for the next run; `due` is checked again.
 * - SQLite: by key (`(key) IN (SELECT key … LIMIT n)`), its primary-key look-ups.
 */
function deleteBatch(prunable: Prunable): Batch {
  const table = sql.table(prunable.table);
  return (limit, db) => {
    if (isPostgres(db)) {
      const ctids = dueRows(prunable, sql`ctid`, limit);
      return sql`DELETE FROM ${table} WHERE ctid = ANY(ARRAY(${ctids})) AND ${prunable.due}`;
    }
    const keys = sql.join(prunable.key.map((name) => sql.ref(name)));
    return sql`DELETE FROM ${table} WHERE (${keys}) IN (${dueRows(prunable, keys, limit)})`;
  };
}

/** One delete of at most `limit` rows, as the database at hand runs it. */
type Batch = (limit: number, db: Kysely<Database>) => RawBuilder<unknown>;

/** `column < cutoff`. */
const before = (column: string, cutoff: string) => sql`${sql.ref(column)} < ${cutoff}`;

/**
 * Outbox e-mails that were never sent and are no longer retried (MAX_ATTEMPTS failures), created
 * before `cutoff`. A sent row's sent_at is never null, so the prune on sent_at skips these; the
 * given-up rows are found through the (sent_at, attempts, created_at) index, never by reading
 * every e-mail still waiting to be sent.
 */
const abandonedMail = (cutoff: string) =>
  sql`sent_at IS NULL AND attempts >= ${MAX_ATTEMPTS} AND created_at < ${cutoff}`;

/** One prune of a run: which report line it adds to, its rows, and one delete of them. */
export interface HousekeepingPrune {
  prune: keyof HousekeepingReport;
  /** Its name when two prunes add to one line. */
  name?: string;
  rows: Prunable;
  batch: Batch;
}

/**
 * Every prune of a run at `now`, in the order they run: what each deletes, and one batch's SQL
 * (lib/db/named-queries.ts reads their plans).
 */
export function housekeepingBatches(now: Date): HousekeepingPrune[] {
  const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
  // ISO text compares correctly with SQLite's ISO text and with Postgres timestamptz columns alike.
  const nowIso = now.toISOString();
  const mailCutoff = ago(SENT_MAIL_RETENTION_DAYS * DAY_MS);
  const emailChangeCutoff = ago(EMAIL_CHANGE_GRACE_MS);
  /** The rows of `table` whose `column` is before `cutoff`, oldest first. */
  const olderThan = (
    table: keyof Database,
    key: string[],
    column: string,
    cutoff: string,
  ): Prunable => ({ table, key, due: before(column, cutoff), order: column });
  const prunes: Omit<HousekeepingPrune, 'batch'>[] = [
    { prune: 'sessions', rows: olderThan('Session', ['sessionToken'], 'expires', nowIso) },
    {
      prune: 'verificationTokens',
      // token is unique on its own: one key column keeps the look-up a single index probe.
      rows: olderThan('VerificationToken', ['token'], 'expires', nowIso),
    },
    {
      prune: 'rateLimits',
      rows: olderThan(
        'rate_limit',
        ['bucket', 'key', 'window_start'],
        'window_start',
        ago(RATE_LIMIT_RETENTION_MS),
      ),
    },
    {
      prune: 'stripeEvents',
      rows: olderThan(
        'stripe_event',
        ['id'],
        'received_at',
        ago(STRIPE_EVENT_RETENTION_DAYS * DAY_MS),
      ),
    },
    { prune: 'sentMail', rows: olderThan('mail_outbox', ['id'], 'sent_at', mailCutoff) },
    {
      prune: 'sentMail',
      name: 'abandonedMail',
      rows: { table: 'mail_outbox', key: ['id'], due: abandonedMail(mailCutoff) },
    },
    {
      prune: 'emailChangeTokens',
      rows: olderThan('email_change_token', ['token_hash'], 'expires_at', emailChangeCutoff),
    },
    {
      prune: 'emailChangeUndos',
      rows: olderThan('email_change_undo', ['token_hash'], 'expires_at', emailChangeCutoff),
    },
    {
      // Leases that lapsed a day ago (a live holder renews long before that).
      prune: 'billingSyncLocks',
      rows: olderThan('billing_sync_lock', ['subscription_id'], 'expires_at', ago(DAY_MS)),
    },
    {
      prune: 'followConfirmations',
      rows: olderThan('follow_confirmation', ['email'], 'expires_at', nowIso),
    },
    {
      prune: 'followRequests',
      rows: olderThan('follow_pending', ['email', 'guide'], 'created_at', ago(CONFIRMATION_TTL_MS)),
    },
  ];
  return prunes.map((prune) => ({ ...prune, batch: deleteBatch(prune.rows) }));
}

/**
 * One statement that tells which prunes have anything to delete: per prune, its first due row's
 * look-up (the batch's own, LIMIT 1: one index probe), 1 or NULL. A run with nothing to delete is
 * this one round trip (lib/db/named-queries.ts reads its plan).
 */
export function housekeepingProbe(
  prunes: HousekeepingPrune[],
): RawBuilder<Record<string, unknown>> {
  const columns = prunes.map(
    ({ rows }, index) => sql`(${dueRows(rows, sql`1`, 1)}) AS ${sql.id(`due${index}`)}`,
  );
  return sql<Record<string, unknown>>`SELECT ${sql.join(columns)}`;
}

/** After a statement, housekeeping rests this many times as long as the statement took. */
// Measured at 200,000 people (npm run bench:data, decision 0021): with 2, a request overlapping a
// backlog run had a p99 1.8 times that of the same load outside runs; with 6, 1.3 times, for runs
// 1.6 times as long.
export const HOUSEKEEPING_REST_RATIO = 6;

/**
 * The default pause: HOUSEKEEPING_REST_RATIO times as long as the statement took, so that
 * housekeeping has at most a seventh of the instance's time while it works off a backlog (on SQLite a statement holds the event loop;
 * on Postgres it holds a core of the database) and requests keep the rest. A statement that deleted
 * nothing (an index look-up) is followed by one turn of the event loop only, so a run with nothing
 * to delete stays as quick as its look-ups.
 */
export function restAfter(
  statementMs: number,
  deleted: number,
  ratio = HOUSEKEEPING_REST_RATIO,
): Promise<void> {
  const restMs = deleted > 0 ? statementMs * ratio : 0;
  return new Promise<void>((resolve) => {
    if (restMs < 1) setImmediate(resolve);
    else setTimeout(resolve, restMs);
  });
}

/**
 * One run: one statement finds which prunes have rows due (housekeepingProbe); each of those
 * deletes in statements of `batchSize` rows, at most `maxBatches` of them, and rests after every
 * statement (restAfter), so a request waits at most one statement and requests keep most of the
 * instance while a backlog goes. A run with nothing to delete is the one look-up statement.
 */
export async function runHousekeeping(
  db: Kysely<Database>,
  options: HousekeepingOptions = {},
): Promise<HousekeepingReport> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? HOUSEKEEPING_BATCH_SIZE;
  const maxBatches = options.maxBatches ?? HOUSEKEEPING_MAX_BATCHES;
  const restRatio = options.restRatio ?? HOUSEKEEPING_REST_RATIO;
  const pause =
    options.pause ??
    ((statementMs: number, deleted: number) => restAfter(statementMs, deleted, restRatio));
  const report: HousekeepingReport = {
    sessions: 0,
    verificationTokens: 0,
    rateLimits: 0,
    stripeEvents: 0,
    sentMail: 0,
    emailChangeTokens: 0,
    emailChangeUndos: 0,
    billingSyncLocks: 0,
    followConfirmations: 0,
    followRequests: 0,
  };
  const onSqlite = !isPostgres(db);
  const prunes = housekeepingBatches(now);
  const { rows } = await housekeepingProbe(prunes).execute(db);
  const probed = rows[0] ?? {};
  // 1 (or true) where a due row was found, NULL where none.
  const due = prunes.filter((_, index) => probed[`due${index}`] != null);
  for (const { prune, batch } of due) {
    for (let i = 0; i < maxBatches; i++) {
      const started = performance.now();
      const result = await batch(batchSize, db).execute(db);
      const deleted = Number(result.numAffectedRows ?? 0);
      let took = performance.now() - started;
      report[prune] += deleted;
      options.onBatch?.(prune, deleted);
      if (onSqlite && deleted > 0) {
        // A batch's pages wait in SQLite's write-ahead log, and the commit that takes the log past
        // 1,000 pages copies them all into the database at once: 30-50 ms on the event loop every
        // fifth batch at 200,000 people. Copied after each batch, in a turn of its own, a copy is
        // one batch's pages (a few ms). PASSIVE never waits for other connections.
        await new Promise<void>((resolve) => setImmediate(resolve));
        const copying = performance.now();
        await sql`PRAGMA wal_checkpoint(PASSIVE)`.execute(db);
        took += performance.now() - copying;
      }
      await pause(took, deleted);
      if (deleted < batchSize) break;
    }
  }
  return report;
}
