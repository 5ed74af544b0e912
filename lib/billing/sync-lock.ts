// One sync of a subscription at a time, across instances. A sync re-reads Stripe and then stores
// what it read; two at once could store in the opposite order from their reads, leaving an older
// state over a newer one. Holding the lease from before the read until the write commits makes the
// second sync read Stripe after the first has stored, so the last write is the latest read.
// The lease is a row (billing_sync_lock), not a database lock: no connection or SQLite write lock
// is held over Stripe's network call or while waiting, so other requests go on meanwhile.
import type { Kysely } from 'kysely';
import { retryWhenBusy } from '../db/busy';
import type { Database } from '../db/schema';

export interface SyncLockOptions {
  /** How long a lease lasts: past it, a holder that died is taken over. Longer than a sync. */
  leaseMs?: number;
  /** How long to wait for another sync of the same subscription before giving up (throws). */
  waitMs?: number;
  /** Milliseconds since the epoch (wall time: leases are between live processes). */
  clock?: () => number;
}

/** Stripe's SDK here may take 2 × 3 tries × 15 s for one sync; a lease outlasts that. */
const DEFAULT_LEASE_MS = 120_000;
/** Within Stripe's webhook timeout: an answer after giving up is a 500, and Stripe retries. */
const DEFAULT_WAIT_MS = 15_000;

export interface SyncLease {
  subscriptionId: string;
  /**
   * Inside the transaction that stores the sync: fails unless this lease is still ours, and renews
   * it. A sync that outlived its lease (another may have read and stored since) stores nothing.
   */
  confirm(trx: Kysely<Database>): Promise<void>;
}

export class SyncLockTimeout extends Error {
  constructor(subscriptionId: string) {
    super(`another sync of subscription ${subscriptionId} is still running`);
    this.name = 'SyncLockTimeout';
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Runs `work` holding the lease on `subscriptionId`, waiting (without blocking) for it. */
export async function withSubscriptionLock<T>(
  db: Kysely<Database>,
  subscriptionId: string,
  work: (lease: SyncLease) => Promise<T>,
  { leaseMs = DEFAULT_LEASE_MS, waitMs = DEFAULT_WAIT_MS, clock = Date.now }: SyncLockOptions = {},
): Promise<T> {
  const holder = crypto.randomUUID();
  // One statement: take the row if free or lapsed. A busy try changed nothing, so it is repeated.
  const tryTake = () =>
    retryWhenBusy(
      async () => {
        const now = clock();
        const taken = await db
          .insertInto('billing_sync_lock')
          .values({ subscription_id: subscriptionId, holder, expires_at: iso(now + leaseMs) })
          .onConflict((oc) =>
            oc
              .column('subscription_id')
              .doUpdateSet({ holder, expires_at: iso(now + leaseMs) })
              .where('billing_sync_lock.expires_at', '<', iso(now)),
          )
          .executeTakeFirst();
        return Number(taken.numInsertedOrUpdatedRows ?? 0) > 0;
      },
      { label: `sync lock ${subscriptionId}` },
    );

  const deadline = clock() + waitMs;
  for (let pause = 10; !(await tryTake()); pause = Math.min(pause * 2, 200)) {
    if (clock() >= deadline) throw new SyncLockTimeout(subscriptionId);
    await new Promise((resolve) => setTimeout(resolve, pause));
  }

  const lease: SyncLease = {
    subscriptionId,
    async confirm(trx) {
      const renewed = await trx
        .updateTable('billing_sync_lock')
        .set({ expires_at: iso(clock() + leaseMs) })
        .where('subscription_id', '=', subscriptionId)
        .where('holder', '=', holder)
        .executeTakeFirst();
      if (Number(renewed.numUpdatedRows) === 0) {
        throw new Error(`the sync lease on subscription ${subscriptionId} lapsed; nothing stored`);
      }
    },
  };
  try {
    return await work(lease);
  } finally {
    try {
      await retryWhenBusy(
        () =>
          db
            .deleteFrom('billing_sync_lock')
            .where('subscription_id', '=', subscriptionId)
            .where('holder', '=', holder)
            .execute(),
        { label: `sync unlock ${subscriptionId}` },
      );
    } catch (error) {
      // The lease lapses by itself; the sync's own outcome is what the caller needs.
      console.error(`[billing] sync lease on ${subscriptionId} not released:`, error);
    }
  }
}
