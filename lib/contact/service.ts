import 'server-only';
// What happens to a stored free-quote request: the e-mails, and the staff inbox (checked against
// lib/access here, whoever calls it).
import type { Kysely } from 'kysely';
import { contactRequestDetails, requesterConfirmation, staffNotification } from './emails';
import {
  listContactRequests,
  recordRequesterNotified,
  recordStaffNotified,
  type StoredContactRequest,
} from './store';
import { isStaff, type Viewer } from '../access';
import { getDb } from '../db';
import type { Database } from '../db/schema';
import { staffEmailList } from '../platform/env';
import { sendMail, type OutgoingMail } from '../platform/mail';
import { sendThroughOutbox } from '../platform/outbox';

/**
 * Sends both e-mails through the outbox and records the outcome on the row. Never throws: it runs
 * after the reply. SMTP down: the request is stored, and both mails are kept and retried later.
 */
export async function notifyContactRequest(
  db: Kysely<Database>,
  request: StoredContactRequest,
  send: (mail: OutgoingMail) => Promise<void> = sendMail,
): Promise<void> {
  const staff = staffEmailList();
  try {
    if (!staff.length) throw new Error('STAFF_EMAILS is empty: nobody to notify');
    const delivery = await sendThroughOutbox(
      db,
      `contact:staff:${request.id}`,
      { to: staff, ...staffNotification(request) },
      send,
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
  try {
    const delivery = await sendThroughOutbox(
      db,
      `contact:requester:${request.id}`,
      { to: request.email, ...requesterConfirmation(request) },
      send,
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
}

/** Free-quote requests for the staff inbox, newest first; null for anyone who is not staff. */
export async function contactInbox(
  viewer: Viewer,
  { db, limit = 200 }: { db?: Kysely<Database>; limit?: number } = {},
): Promise<InboxContactRequest[] | null> {
  if (!isStaff(viewer)) return null;
  const rows = await listContactRequests(db ?? (await getDb()), limit);
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.createdAt,
    email: row.email,
    details: contactRequestDetails(row),
    staffNotified: row.staffNotified,
    staffNotifyError: row.staffNotifyError,
  }));
}
