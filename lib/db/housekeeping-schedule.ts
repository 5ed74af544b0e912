// Runs the housekeeping when the instance starts and hourly after that (see ./housekeeping). A run
// that stopped at its cap (a backlog: the first start after a long time, a burst of expired rows)
// is followed by the next one a minute later instead of an hour, until the backlog is gone.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import { housekeepingSettings } from '../platform/env';
import { log } from '../platform/log';
import {
  HOUSEKEEPING_BATCH_SIZE,
  HOUSEKEEPING_INTERVAL_MS,
  HOUSEKEEPING_MAX_BATCHES,
  runHousekeeping,
  type HousekeepingReport,
} from './housekeeping';
import type { Database } from './schema';

/** The wait after a run that left rows for the next one. */
export const HOUSEKEEPING_BACKLOG_DELAY_MS = 60_000;

/** Whether a run deleted as much as one run may for some prune (so more may be left). */
export function hitItsCap(
  report: HousekeepingReport,
  cap = HOUSEKEEPING_BATCH_SIZE * HOUSEKEEPING_MAX_BATCHES,
): boolean {
  return Object.values(report).some((deleted) => deleted >= cap);
}

/**
 * The schedule's pace from the environment (HOUSEKEEPING_BATCH_ROWS, HOUSEKEEPING_REST_RATIO): a
 * run still deletes up to HOUSEKEEPING_BATCH_SIZE × HOUSEKEEPING_MAX_BATCHES rows per table, in
 * as many statements as the batch size makes.
 */
export function housekeepingPace(settings = housekeepingSettings()) {
  const batchSize = settings.batchRows;
  const maxBatches = Math.max(
    1,
    Math.round((HOUSEKEEPING_BATCH_SIZE * HOUSEKEEPING_MAX_BATCHES) / batchSize),
  );
  return { batchSize, maxBatches, restRatio: settings.restRatio };
}

export function scheduleHousekeeping(db: () => Kysely<Database>): void {
  const holder = globalThis as typeof globalThis & { sojoournHousekeeping?: NodeJS.Timeout };
  if (holder.sojoournHousekeeping) return;
  const run = async () => {
    let delay = HOUSEKEEPING_INTERVAL_MS;
    // How long the run shared the instance with requests, and the longest the event loop was
    // late meanwhile (its own statements' or a request's): scripts/bench-data.ts reads both.
    const started = performance.now();
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    try {
      const { batchSize, maxBatches, restRatio } = housekeepingPace();
      const report = await runHousekeeping(db(), { batchSize, maxBatches, restRatio });
      if (hitItsCap(report, batchSize * maxBatches)) delay = HOUSEKEEPING_BACKLOG_DELAY_MS;
      const timing = {
        ms: Math.round(performance.now() - started),
        loopDelayMaxMs: Math.round(loop.max / 1e6),
      };
      log.info({ event: 'housekeeping.done', ...timing, ...report }, 'housekeeping done');
    } catch (error) {
      log.error({ event: 'housekeeping.failed', err: error }, 'housekeeping failed');
    } finally {
      loop.disable();
    }
    holder.sojoournHousekeeping = setTimeout(() => void run(), delay);
    holder.sojoournHousekeeping.unref();
  };
  // Marks the schedule as started before the first run ends (a second call does nothing).
  holder.sojoournHousekeeping = setTimeout(() => void run(), 0);
  holder.sojoournHousekeeping.unref();
}
