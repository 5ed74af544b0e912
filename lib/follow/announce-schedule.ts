import 'server-only';
// At each server start: announce the changes of the content this build publishes (./announce).
// Every instance runs it; the claims in the database make each announcement go once. A failure is
// logged, never fatal: the next start (or the outbox retry, for e-mails already queued) catches up.
import type { Kysely } from 'kysely';
import { announceNewChanges, announceSummary } from './announce';
import { followableGuides } from './guides';
import { pruneFollowRequests } from './store';
import type { Database } from '../db/schema';
import { log } from '../platform/log';
import type { Send } from '../platform/outbox';

export async function announceAtStart(
  db: () => Promise<Kysely<Database>>,
  send: Send,
  now: () => Date = () => new Date(),
): Promise<void> {
  try {
    // Requests never confirmed (and their addresses) go after two days.
    await pruneFollowRequests(await db(), now());
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
