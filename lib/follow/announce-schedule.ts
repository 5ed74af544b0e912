import 'server-only';
// At each server start: announce the changes of the content this build publishes (./announce).
// Every instance runs it; the claims in the database make each announcement go once. A failure is
// logged, never fatal: the next start (or the outbox retry, for e-mails already queued) catches up.
// Requests never confirmed are pruned by the housekeeping (lib/db/housekeeping), in bounded batches.
import type { Kysely } from 'kysely';
import { announceNewChanges, announceSummary } from './announce';
import { followableGuides } from './guides';
import type { Database } from '../db/schema';
import { log } from '../platform/log';
import type { Send } from '../platform/outbox';

export async function announceAtStart(
  db: () => Promise<Kysely<Database>>,
  send: Send,
  now: () => Date = () => new Date(),
): Promise<void> {
  try {
    const report = await announceNewChanges(await db(), {
      now: now(),
      send,
      guides: followableGuides(),
    });
    log.info({ event: 'follow.announced', ...report }, `follow: ${announceSummary(report)}`);
  } catch (error) {
    log.error({ event: 'follow.announce_failed', err: error }, 'follow announcements failed');
  }
}
