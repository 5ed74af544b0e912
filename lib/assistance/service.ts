import 'server-only';
// Personalised assistance, a member benefit: members ask, staff answer from the inbox (/admin).
// Every function here checks lib/access itself, whoever calls it.
import type { Kysely } from 'kysely';
import { memberConfirmation, staffNotification, statusChangedEmail } from './emails';
import type { AssistanceRequestInput, AssistanceStatus } from './schema';
import {
  findAssistanceRequest,
  insertAssistanceRequest,
  listAllAssistanceRequests,
  listUserAssistanceRequests,
  setAssistanceStatus,
  type AssistanceRequest,
  type InboxAssistanceRequest,
} from './store';
import { canRequestAssistance, isStaff, type Viewer } from '../access';
import { getDb } from '../db';
import type { Database } from '../db/schema';
import type { InboxFilter, StaffRequest } from '../inbox/schema';
import { insertRequestEvent, listRequestEvents, type RequestEvent } from '../inbox/store';
import { staffEmailList } from '../platform/env';
import { requestLog } from '../platform/log';
import { sendMail, type OutgoingMail } from '../platform/mail';
import { sendThroughOutbox } from '../platform/outbox';
import { consumeRateLimit } from '../platform/rate-limit';

export interface AssistanceDeps {
  db?: Kysely<Database>;
  send?: (mail: OutgoingMail) => Promise<void>;
  staffEmails?: string[];
  now?: Date;
}

/** Requests per member per hour: plenty for a person, a ceiling for a runaway script. */
const REQUEST_LIMIT = { bucket: 'assistance', limit: 10, windowMs: 3600_000 };

export type RequestAssistanceResult =
  | { kind: 'refused' }
  | { kind: 'rate-limited'; retryAfterSeconds: number }
  /** `mailDelayed`: the e-mails could not go now; they are kept and retried (SMTP down). */
  | { kind: 'stored'; request: AssistanceRequest; mailDelayed?: boolean };

/**
 * A member asks for assistance: checked against lib/access, stored, then staff and the member are
 * e-mailed. A failed e-mail is logged, not fatal: the request is safe in the inbox either way.
 */
export async function requestAssistance(
  viewer: Viewer,
  input: AssistanceRequestInput,
  deps: AssistanceDeps = {},
): Promise<RequestAssistanceResult> {
  const now = deps.now ?? new Date();
  if (viewer.kind !== 'user' || !canRequestAssistance(viewer, now)) return { kind: 'refused' };
  const db = deps.db ?? (await getDb());
  const limit = await consumeRateLimit(db, REQUEST_LIMIT, viewer.userId, now);
  if (!limit.allowed) return { kind: 'rate-limited', retryAfterSeconds: limit.retryAfterSeconds };

  const request = await insertAssistanceRequest(db, viewer.userId, input, now);
  (await requestLog()).info(
    { event: 'assistance.stored', id: request.id, topic: request.topic },
    'assistance request stored',
  );
  const send = deps.send ?? sendMail;
  const staff = deps.staffEmails ?? staffEmailList();
  const mails: [string, OutgoingMail][] = [
    ...(staff.length
      ? [
          [
            `assistance:staff:${request.id}`,
            { to: staff, ...staffNotification(request, viewer.email) },
          ] as [string, OutgoingMail],
        ]
      : []),
    [`assistance:member:${request.id}`, { to: viewer.email, ...memberConfirmation(request) }],
  ];
  if (!staff.length) console.warn('[assistance] STAFF_EMAILS is empty: nobody was notified');
  // Through the outbox: SMTP down keeps both mails for a retry; the request is stored either way.
  const results = await Promise.allSettled(
    mails.map(([purpose, mail]) => sendThroughOutbox(db, purpose, mail, send, now)),
  );
  const mailDelayed = results.some((result) => result.status === 'rejected' || !result.value.sent);
  for (const result of results) {
    if (result.status === 'rejected') {
      console.error(`[assistance] e-mail for request ${request.id} failed:`, result.reason);
    }
  }
  return { kind: 'stored', request, mailDelayed };
}

/** The viewer's own requests (none for readers). */
export async function assistanceRequestsOf(
  viewer: Viewer,
  deps: Pick<AssistanceDeps, 'db'> = {},
): Promise<AssistanceRequest[]> {
  if (viewer.kind !== 'user') return [];
  return listUserAssistanceRequests(deps.db ?? (await getDb()), viewer.userId);
}

export interface InboxAssistanceEntry extends InboxAssistanceRequest {
  /** Who changed what, when: oldest first. */
  history: RequestEvent[];
}

/**
 * The staff inbox, filtered, newest first (each request without its history: that is on the
 * request's own page); null for anyone who is not staff.
 */
export async function assistanceInbox(
  viewer: Viewer,
  deps: Pick<AssistanceDeps, 'db'> & { filter?: InboxFilter; limit?: number } = {},
): Promise<InboxAssistanceRequest[] | null> {
  if (!isStaff(viewer)) return null;
  const db = deps.db ?? (await getDb());
  return listAllAssistanceRequests(db, deps.limit ?? 200, deps.filter);
}

/** One request with its history, for its page on the desk; refused for anyone who is not staff. */
export async function assistanceRequestForStaff(
  viewer: Viewer,
  id: string,
  deps: Pick<AssistanceDeps, 'db'> = {},
): Promise<StaffRequest<InboxAssistanceEntry>> {
  if (!isStaff(viewer)) return { kind: 'refused' };
  const db = deps.db ?? (await getDb());
  const request = await findAssistanceRequest(db, id);
  if (!request) return { kind: 'not-found' };
  const history = await listRequestEvents(db, 'assistance', [id]);
  return { kind: 'found', request: { ...request, history: history.get(id) ?? [] } };
}

/**
 * Staff move a request along, and the change is kept in its history (same transaction);
 * 'refused' for anyone else, 'not-found' for an unknown id. Setting the status it already has
 * changes nothing and records nothing. When the status really changes, the member is e-mailed
 * after the commit, through the outbox (a failed send is retried later; the change stands).
 */
export async function changeAssistanceStatus(
  viewer: Viewer,
  update: { id: string; status: AssistanceStatus },
  deps: Pick<AssistanceDeps, 'db' | 'now' | 'send'> = {},
): Promise<'updated' | 'refused' | 'not-found'> {
  if (viewer.kind !== 'user' || !isStaff(viewer)) return 'refused';
  const db = deps.db ?? (await getDb());
  const now = deps.now ?? new Date();
  const outcome = await db.transaction().execute(async (trx) => {
    const before = await findAssistanceRequest(trx, update.id);
    if (!before || !(await setAssistanceStatus(trx, update.id, update.status, now))) {
      return null;
    }
    if (before.status !== update.status) {
      await insertRequestEvent(trx, {
        requestKind: 'assistance',
        requestId: update.id,
        actorEmail: viewer.email,
        field: 'status',
        fromValue: before.status,
        toValue: update.status,
        now,
      });
    }
    return before;
  });
  if (!outcome) return 'not-found';
  if (outcome.status !== update.status) {
    // Through the outbox: with SMTP down the member still hears of it, on a retry.
    try {
      await sendThroughOutbox(
        db,
        `assistance:status:${update.id}:${update.status}`,
        { to: outcome.memberEmail, ...statusChangedEmail({ ...outcome, status: update.status }) },
        deps.send ?? sendMail,
        now,
      );
    } catch (error) {
      console.error(`[assistance] status e-mail for request ${update.id} not stored:`, error);
    }
  }
  return 'updated';
}
