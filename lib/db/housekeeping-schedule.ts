// Runs the housekeeping when the instance starts and hourly after that (see ./housekeeping).
import type { Kysely } from 'kysely';
import { log } from '../platform/log';
import { HOUSEKEEPING_INTERVAL_MS, runHousekeeping } from './housekeeping';
import type { Database } from './schema';

export function scheduleHousekeeping(db: () => Kysely<Database>): void {
  const holder = globalThis as typeof globalThis & { sojoournHousekeeping?: NodeJS.Timeout };
  if (holder.sojoournHousekeeping) return;
  const run = async () => {
    try {
      const report = await runHousekeeping(db());
      log.info({ event: 'housekeeping.done', ...report }, 'housekeeping done');
    } catch (error) {
      log.error({ event: 'housekeeping.failed', err: error }, 'housekeeping failed');
    }
  };
  void run();
  holder.sojoournHousekeeping = setInterval(run, HOUSEKEEPING_INTERVAL_MS);
  holder.sojoournHousekeeping.unref();
}
