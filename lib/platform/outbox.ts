// Outgoing e-mail that survives SMTP being down: each message is stored first, then sent; one that
// fails stays in `mail_outbox` and is retried with back-off (a timer in instrumentation-node.ts,
// and at start) until it goes. No 'server-only' marker: unit tests drive it with their own `send`.
import type { Kysely } from 'kysely';
import { retryWhenBusy } from '../db/busy';
import type { Database } from '../db/schema';
import { errorSummary, log, scrubText } from './log';
import type { OutgoingMail } from './mail';

export type Send = (mail: OutgoingMail) => Promise<void>;

/** Waits after the 1st, 2nd… failure; the last value repeats. */
const BACKOFF_MS = [30_000, 2 * 60_000, 10 * 60_000, 30 * 60_000, 60 * 60_000];
/** After this many failures a message stops being retried (it stays visible in the table). */
export const MAX_ATTEMPTS = 50;

export type Delivery = { sent: true } | { sent: false; error: string };

/** Kept in the table and shown to staff: how it failed, never whom it was for. */
const errorText = (error: unknown) =>
  scrubText(error instanceof Error ? error.message : String(error)).slice(0, 500);

/** The parts of a message beyond its text, kept as JSON; null when there are none. */
function extrasOf(mail: OutgoingMail): string | null {
  const extras: Pick<OutgoingMail, 'headers' | 'attachments'> = {};
  if (mail.headers && Object.keys(mail.headers).length) extras.headers = mail.headers;
  if (mail.attachments?.length) extras.attachments = mail.attachments;
  return Object.keys(extras).length ? JSON.stringify(extras) : null;
}

/**
 * Stores `mail` for sending and returns its id, without sending it: on `db` (a transaction, say, so
 * that the message is kept exactly when the caller's own write commits). `holdMs` keeps retryOutbox
 * off it for that long, while the caller sends it with sendStoredMail; if the caller dies first,
 * the retry sends it after that. Not retried when busy: the caller's transaction is.
 */
export async function storeMail(
  db: Kysely<Database>,
  purpose: string,
  mail: OutgoingMail,
  now: Date = new Date(),
  { holdMs = 0 }: { holdMs?: number } = {},
): Promise<string> {
  const id = crypto.randomUUID();
  await db
    .insertInto('mail_outbox')
    .values({
      id,
      created_at: now.toISOString(),
      purpose,
      recipients: JSON.stringify([mail.to].flat()),
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html,
      reply_to: mail.replyTo ?? null,
      extras: extrasOf(mail),
      next_attempt_at: new Date(now.getTime() + holdMs).toISOString(),
    })
    .execute();
  return id;
}

/** First attempt at a message stored by storeMail. A failure is recorded and retried later. */
export function sendStoredMail(
  db: Kysely<Database>,
  id: string,
  purpose: string,
  mail: OutgoingMail,
  send: Send,
  now: Date = new Date(),
): Promise<Delivery> {
  return attempt(db, id, mail, 0, send, now, purpose);
}

/** Stores `mail` and tries to send it now. A failure is recorded and retried later, never thrown. */
export async function sendThroughOutbox(
  db: Kysely<Database>,
  purpose: string,
  mail: OutgoingMail,
  send: Send,
  now: Date = new Date(),
): Promise<Delivery> {
  const id = await retryWhenBusy(() => storeMail(db, purpose, mail, now), {
    label: 'outgoing mail',
  });
  return attempt(db, id, mail, 0, send, now, purpose);
}

async function attempt(
  db: Kysely<Database>,
  id: string,
  mail: OutgoingMail,
  previousAttempts: number,
  send: Send,
  now: Date,
  purpose: string,
): Promise<Delivery> {
  try {
    await send(mail);
  } catch (error) {
    const message = errorText(error);
    const wait = BACKOFF_MS[Math.min(previousAttempts, BACKOFF_MS.length - 1)]!;
    await db
      .updateTable('mail_outbox')
      .set({
        attempts: previousAttempts + 1,
        last_error: message,
        next_attempt_at: new Date(now.getTime() + wait).toISOString(),
      })
      .where('id', '=', id)
      .execute();
    log.warn(
      {
        event: 'mail.deferred',
        outboxId: id,
        purpose,
        attempt: previousAttempts + 1,
        err: errorSummary(error),
      },
      'e-mail not sent, kept for a retry',
    );
    return { sent: false, error: message };
  }
  await db
    .updateTable('mail_outbox')
    .set({ attempts: previousAttempts + 1, sent_at: now.toISOString(), last_error: null })
    .where('id', '=', id)
    .execute();
  return { sent: true };
}

/** Sends every message that is due; returns how many went and how many are still waiting. */
export async function retryOutbox(
  db: Kysely<Database>,
  send: Send,
  now: Date = new Date(),
  batch = 50,
): Promise<{ sent: number; failed: number }> {
  const due = await db
    .selectFrom('mail_outbox')
    .selectAll()
    .where('sent_at', 'is', null)
    .where('next_attempt_at', '<=', now.toISOString())
    .where('attempts', '<', MAX_ATTEMPTS)
    .orderBy('created_at')
    .limit(batch)
    .execute();
  let sent = 0;
  let failed = 0;
  for (const row of due) {
    // Claim the row (another instance may run the same loop): only one of them sends it.
    const claimUntil = new Date(now.getTime() + 5 * 60_000).toISOString();
    const claimed = await db
      .updateTable('mail_outbox')
      .set({ next_attempt_at: claimUntil })
      .where('id', '=', row.id)
      .where('sent_at', 'is', null)
      .where('next_attempt_at', '=', row.next_attempt_at)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) continue;
    const mail: OutgoingMail = {
      to: JSON.parse(row.recipients) as string[],
      subject: row.subject,
      text: row.text_body,
      html: row.html_body,
      ...(row.reply_to ? { replyTo: row.reply_to } : {}),
      ...(row.extras
        ? (JSON.parse(row.extras) as Pick<OutgoingMail, 'headers' | 'attachments'>)
        : {}),
    };
    const result = await attempt(db, row.id, mail, row.attempts, send, now, row.purpose);
    if (result.sent) sent++;
    else failed++;
  }
  return { sent, failed };
}

/** Messages not sent yet whose purpose starts with `prefix` (the staff inbox shows them). */
export async function pendingMail(
  db: Kysely<Database>,
  prefix = '',
): Promise<{ purpose: string; attempts: number; lastError: string | null }[]> {
  const rows = await db
    .selectFrom('mail_outbox')
    .select(['purpose', 'attempts', 'last_error'])
    .where('sent_at', 'is', null)
    .where('purpose', 'like', `${prefix}%`)
    .execute();
  return rows.map((row) => ({
    purpose: row.purpose,
    attempts: row.attempts,
    lastError: row.last_error,
  }));
}
