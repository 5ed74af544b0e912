// SQLite answers SQLITE_BUSY when another connection (another instance, a backup, the reconcile
// script) holds the write lock longer than busy_timeout. A request that is being stored must not be
// lost to that: the whole write is tried again after a short, growing wait, without blocking the
// event loop (busy_timeout waits inside better-sqlite3, synchronously). Postgres never says BUSY.

/** Waits before the 2nd, 3rd… try; together with busy_timeout a row waits about 20 s at most. */
export const BUSY_RETRY_WAITS_MS = [50, 200, 500, 1000, 2000, 4000, 8000];

/** Whether `error` is SQLite saying the database is locked by another connection. */
export function isSqliteBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT' || code === 'SQLITE_LOCKED';
}

/**
 * Runs `write`, and runs it again while SQLite is busy (up to BUSY_RETRY_WAITS_MS.length more
 * times). `write` must be safe to repeat: a busy statement changed nothing, and a transaction that
 * failed was rolled back. Any other error is thrown at once.
 */
export async function retryWhenBusy<T>(
  write: () => Promise<T>,
  { waits = BUSY_RETRY_WAITS_MS, label = 'write' }: { waits?: number[]; label?: string } = {},
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      const wait = waits[attempt];
      if (!isSqliteBusy(error) || wait === undefined) throw error;
      console.warn(`[db] ${label}: database busy, trying again in ${wait} ms`);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
