import 'server-only';
// What happens to a stored free-quote request: the e-mails, and the staff inbox (checked against
// lib/access here, whoever calls it).
import type { Kysely } from 'kysely';
import { contactRequestDetails, requesterConfirmation, staffNotification } from './emails';
import {
  findContactRequest,
  listContactRequests,
  recordRequesterNotified,
  recordStaffNotified,
  setContactStatus,
  type ContactFlag,
  type ContactRequestRow,
  type StoredContactRequest,
} from './store';
import { isStaff, type Viewer } from '../access';
import { getDb } from '../db';
import type { Database } from '../db/schema';
import type { InboxFilter, RequestStatus, StaffRequest } from '../inbox/schema';
import { insertRequestEvent, listRequestEvents, type RequestEvent } from '../inbox/store';
import { contactSettings, staffEmailList, type ContactSettings } from '../platform/env';
import { sendMail, type OutgoingMail } from '../platform/mail';
import { sendThroughOutbox } from '../platform/outbox';
import { reserveRateLimits } from '../platform/rate-limit';

/**
 * Sends both e-mails through the outbox and records the outcome on the row. Never throws: it runs
 * after the reply. SMTP down: the request is stored, and both mails are kept and retried later.
 */
export async function notifyContactRequest(
  db: Kysely<Database>,
  request: StoredContactRequest,
  send: (mail: OutgoingMail) => Promise<void> = sendMail,
  {
    settings = contactSettings(),
    now = new Date(),
  }: { settings?: ContactSettings; now?: Date } = {},
): Promise<void> {
  const staff = staffEmailList();
  try {
    if (!staff.length) throw new Error('STAFF_EMAILS is empty: nobody to notify');
    const delivery = await sendThroughOutbox(
      db,
      `contact:staff:${request.id}`,
      { to: staff, ...staffNotification(request) },
      send,
      now,
    );
    if (!delivery.sent) throw new Error(delivery.error); // kept in the outbox, retried later
    await recordStaffNotified(db, request.id, null);
  } catch (error) {
    // The request is stored either way; staff see the unsent ones in their inbox.
    const reason = error instanceof Error ? error.message : String(error);
    console.error(`[contact] staff e-mail for request ${request.id} failed: ${reason}`);
    await recordStaffNotified(db, request.id, reason).catch((dbError: unknown) =>
      console.error('[contact] could not record the failure:', dbError),
    );
  }
  // However many requests name one address, it gets a few confirmations a day at most; only
  // confirmations actually sent count.
  const rule = {
    bucket: 'contact-confirmation',
    limit: settings.confirmationsPerEmail,
    windowMs: settings.confirmationWindowMs,
  };
  try {
    const reservation = await reserveRateLimits(
      db,
      [{ rule, key: request.email.trim().toLowerCase() }],
      now,
    );
    if (!reservation.allowed) {
      console.info(`[contact] no confirmation for request ${request.id}: limit for that address`);
      return;
    }
    // Kept in the outbox when SMTP is down and sent later, so the reservation stays counted.
    const delivery = await sendThroughOutbox(
      db,
      `contact:requester:${request.id}`,
      { to: request.email, ...requesterConfirmation(request) },
      send,
      now,
    );
    if (!delivery.sent) throw new Error(delivery.error); // kept in the outbox, retried later
    await recordRequesterNotified(db, request.id);
  } catch (error) {
    console.error(`[contact] confirmation e-mail for request ${request.id} failed:`, error);
  }
}

export interface InboxContactRequest {
  id: string;
  createdAt: string;
  details: { label: string; value: string }[];
  email: string;
  /** False when the staff e-mail could not be sent: the inbox is then the only place it shows. */
  staffNotified: boolean;
  staffNotifyError: string | null;
  status: RequestStatus;
  /** Why staff should look twice (e.g. sent faster than a person types), or null. */
  flag: ContactFlag | null;
}

export interface ContactRequestEntry extends InboxContactRequest {
  /** Who changed what, when: oldest first. */
  history: RequestEvent[];
}

function inboxEntryOf(row: ContactRequestRow): InboxContactRequest {
  return {
    id: row.id,
    createdAt: row.createdAt,
    email: row.email,
    details: contactRequestDetails(row),
    staffNotified: row.staffNotified,
    staffNotifyError: row.staffNotifyError,
    status: row.status,
    flag: row.flag,
  };
}

/**
 * Free-quote requests for the staff inbox, newest first, filtered (each without its history: that
 * is on the request's own page); null for anyone not staff.
 */
export async function contactInbox(
  viewer: Viewer,
  {
    db: given,
    limit = 200,
    filter,
  }: { db?: Kysely<Database>; limit?: number; filter?: InboxFilter } = {},
): Promise<InboxContactRequest[] | null> {
  if (!isStaff(viewer)) return null;
  const db = given ?? (await getDb());
  return (await listContactRequests(db, limit, filter)).map(inboxEntryOf);
}

/** One quote request with its history, for its page on the desk; refused for anyone not staff. */
export async function contactRequestForStaff(
  viewer: Viewer,
  id: string,
  { db: given }: { db?: Kysely<Database> } = {},
): Promise<StaffRequest<ContactRequestEntry>> {
  if (!isStaff(viewer)) return { kind: 'refused' };
  const db = given ?? (await getDb());
  const row = await findContactRequest(db, id);
  if (!row) return { kind: 'not-found' };
  const history = await listRequestEvents(db, 'quote', [id]);
  return { kind: 'found', request: { ...inboxEntryOf(row), history: history.get(id) ?? [] } };
}

/**
 * Staff move a quote request along, kept in its history (same transaction); 'refused' for anyone
 * else, 'not-found' for an unknown id. The status it already has records nothing.
 */
export async function changeContactStatus(
  viewer: Viewer,
  update: { id: string; status: RequestStatus },
  { db: given, now = new Date() }: { db?: Kysely<Database>; now?: Date } = {},
): Promise<'updated' | 'refused' | 'not-found'> {
  if (viewer.kind !== 'user' || !isStaff(viewer)) return 'refused';
  const db = given ?? (await getDb());
  return db.transaction().execute(async (trx) => {
    const changed = await setContactStatus(trx, update.id, update.status);
    if (!changed) return 'not-found';
    if (changed.from !== update.status) {
      await insertRequestEvent(trx, {
        requestKind: 'quote',
        requestId: update.id,
        actorEmail: viewer.email,
        field: 'status',
        fromValue: changed.from,
        toValue: update.status,
        now,
      });
    }
    return 'updated';
  });
}
