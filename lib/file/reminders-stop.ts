// The reminder e-mail's one-click stop (RFC 8058). A POST with the body `List-Unsubscribe=One-Click`
// to the link in the List-Unsubscribe header turns the file's reminders off without signing in
// (the signed token is the proof); the page's button posts the same body. A GET changes nothing
// (mail scanners follow links). Validated with zod and rate-limited per client; logs hold the
// outcome and the file id, never the token or an address.
import type { Kysely } from 'kysely';
import { stopRemindersByLink } from './reminders-store';
import { STOP_TOKEN_PATTERN, checkStopToken } from './reminders-token';
import type { Database } from '../db/schema';
import * as z from '../forms/zod';
import { authSecret } from '../platform/env';
import { log } from '../platform/log';
import { consumeRateLimit, type RateLimitRule } from '../platform/rate-limit';

/** Generous: a mail provider posts the one-click stops of all its users from a few addresses. */
export const STOP_RATE_LIMIT: RateLimitRule = {
  bucket: 'reminders-stop',
  limit: 120,
  windowMs: 3600_000,
};
/** The body is one short field (two from the page's button). */
export const STOP_BODY_MAX_BYTES = 1024;

export const stopToken = z.string().max(120).regex(STOP_TOKEN_PATTERN);
const oneClickBody = z.object({
  'List-Unsubscribe': z.literal('One-Click'),
  from: z.literal('page').optional(),
});

export type StopOutcome =
  | { kind: 'stopped'; fromPage: boolean }
  | { kind: 'invalid' | 'expired' | 'not-one-click' | 'limited'; fromPage: boolean };

export async function stopRemindersFromEmail(
  input: { token: unknown; body: string; client: string },
  {
    db,
    now = new Date(),
    secret = authSecret(),
  }: { db: Kysely<Database>; now?: Date; secret?: string },
): Promise<StopOutcome> {
  const form = new URLSearchParams(input.body);
  const body = oneClickBody.safeParse({
    'List-Unsubscribe': form.get('List-Unsubscribe') ?? undefined,
    from: form.get('from') ?? undefined,
  });
  const fromPage = form.get('from') === 'page';
  const limit = await consumeRateLimit(db, STOP_RATE_LIMIT, input.client, now);
  if (!limit.allowed) {
    log.warn({ event: 'reminders.stop_refused', reason: 'limited' }, 'reminders stop refused');
    return { kind: 'limited', fromPage };
  }
  if (!body.success) return { kind: 'not-one-click', fromPage };
  const token = stopToken.safeParse(input.token);
  const check = token.success
    ? checkStopToken(token.data, secret, now)
    : { kind: 'invalid' as const };
  if (check.kind !== 'ok') {
    log.warn({ event: 'reminders.stop_refused', reason: check.kind }, 'reminders stop refused');
    return { kind: check.kind, fromPage };
  }
  // 'gone' (the account was deleted) and 'already-off' are both "no more reminders": say stopped.
  const result = await stopRemindersByLink(db, check.fileId, now);
  log.info({ event: 'reminders.stopped', fileId: check.fileId, result }, 'file reminders stopped');
  return { kind: 'stopped', fromPage };
}
