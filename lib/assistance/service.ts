import 'server-only';
// Personalised assistance, a member benefit: members ask, staff answer from the inbox (/admin).
// The store functions take the database so they can be tested on a real SQLite file; the
// viewer-level functions below them check lib/access themselves, whoever calls them.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { canRequestAssistance, isStaff, type Viewer } from '../access';
import {
  contactMethodLabel,
  languageLabel,
  statusLabel,
  topicLabel,
  type AssistanceRequestInput,
  type AssistanceStatus,
} from './schema';
import { getDb } from '../db';
import type { Database } from '../db/schema';
import { staffEmailList } from '../platform/env';
import { sendMail, type OutgoingMail } from '../platform/mail';
import { renderEmail } from '../platform/mail-template';
import { consumeRateLimit } from '../platform/rate-limit';
import { absoluteUrl } from '../platform/site-url';

export interface AssistanceRequest {
  id: string;
  userId: string;
  createdAt: string;
  updatedAt: string;
  topic: string;
  description: string;
  contactMethod: string;
  phone: string | null;
  language: string;
  status: AssistanceStatus;
}

export interface InboxAssistanceRequest extends AssistanceRequest {
  memberEmail: string;
}

type Row = Database['assistance_request'];

function fromRow(row: Row): AssistanceRequest {
  return {
    id: row.id,
    userId: row.user_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    topic: row.topic,
    description: row.description,
    contactMethod: row.contact_method,
    phone: row.phone,
    language: row.language,
    status: row.status as AssistanceStatus,
  };
}

// ── Store ────────────────────────────────────────────────────────────────────────────────────────

export async function insertAssistanceRequest(
  db: Kysely<Database>,
  userId: string,
  input: AssistanceRequestInput,
  now: Date = new Date(),
): Promise<AssistanceRequest> {
  const row: Row = {
    id: randomUUID(),
    user_id: userId,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
    topic: input.topic,
    description: input.description,
    contact_method: input.contactMethod,
    phone: input.phone,
    language: input.language,
    status: 'new',
  };
  await db.insertInto('assistance_request').values(row).execute();
  return fromRow(row);
}

/** One member's requests, newest first. */
export async function listUserAssistanceRequests(
  db: Kysely<Database>,
  userId: string,
): Promise<AssistanceRequest[]> {
  const rows = await db
    .selectFrom('assistance_request')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(fromRow);
}

/** Every request with the member's e-mail, newest first: the staff inbox. */
export async function listAllAssistanceRequests(
  db: Kysely<Database>,
  limit = 200,
): Promise<InboxAssistanceRequest[]> {
  const rows = await db
    .selectFrom('assistance_request')
    .innerJoin('User', 'User.id', 'assistance_request.user_id')
    .selectAll('assistance_request')
    .select('User.email as member_email')
    .orderBy('assistance_request.created_at', 'desc')
    .orderBy('assistance_request.id')
    .limit(limit)
    .execute();
  return rows.map(({ member_email, ...row }) => ({ ...fromRow(row), memberEmail: member_email }));
}

/** Sets a request's status; false when there is no such request. */
export async function setAssistanceStatus(
  db: Kysely<Database>,
  id: string,
  status: AssistanceStatus,
  now: Date = new Date(),
): Promise<boolean> {
  const result = await db
    .updateTable('assistance_request')
    .set({ status, updated_at: now.toISOString() })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

// ── E-mails ──────────────────────────────────────────────────────────────────────────────────────

function contactLine(request: Pick<AssistanceRequest, 'contactMethod' | 'phone'>): string {
  return request.contactMethod === 'phone' && request.phone
    ? `${contactMethodLabel('phone')}: ${request.phone}`
    : contactMethodLabel('email');
}

export function staffNotification(
  request: AssistanceRequest,
  memberEmail: string,
): Omit<OutgoingMail, 'to'> {
  return {
    subject: `New assistance request: ${topicLabel(request.topic)}`,
    replyTo: memberEmail,
    ...renderEmail({
      preheader: `${memberEmail} asked for help with ${topicLabel(request.topic).toLowerCase()}.`,
      heading: 'New personalised assistance request',
      paragraphs: [`A Sojoourn Club member asked for personalised assistance.`],
      details: [
        { label: 'Member', value: memberEmail },
        { label: 'Topic', value: topicLabel(request.topic) },
        { label: 'Preferred contact', value: contactLine(request) },
        { label: 'Language', value: languageLabel(request.language) },
        { label: 'Situation', value: request.description },
        { label: 'Reference', value: request.id },
      ],
      button: { label: 'Open the inbox', url: absoluteUrl('/admin') },
    }),
  };
}

export function memberConfirmation(request: AssistanceRequest): Omit<OutgoingMail, 'to'> {
  const how =
    request.contactMethod === 'phone' && request.phone
      ? `by phone on ${request.phone}`
      : 'by e-mail at this address';
  return {
    subject: 'We received your assistance request',
    ...renderEmail({
      preheader: 'A Sojoourn advisor will get back to you.',
      heading: 'We received your request',
      paragraphs: [
        `Thank you. A Sojoourn advisor will read your request about ${topicLabel(request.topic).toLowerCase()} and get back to you ${how}, in ${languageLabel(request.language)}.`,
        'You can follow its status on your account page.',
      ],
      details: [
        { label: 'Topic', value: topicLabel(request.topic) },
        { label: 'Your message', value: request.description },
        { label: 'Status', value: statusLabel(request.status) },
      ],
      button: { label: 'See your requests', url: absoluteUrl('/account#assistance-requests') },
    }),
  };
}

// ── What a viewer may do ─────────────────────────────────────────────────────────────────────────

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
  | { kind: 'stored'; request: AssistanceRequest };

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
  const send = deps.send ?? sendMail;
  const staff = deps.staffEmails ?? staffEmailList();
  const mails: OutgoingMail[] = [
    ...(staff.length ? [{ to: staff, ...staffNotification(request, viewer.email) }] : []),
    { to: viewer.email, ...memberConfirmation(request) },
  ];
  if (!staff.length) console.warn('[assistance] STAFF_EMAILS is empty: nobody was notified');
  const results = await Promise.allSettled(mails.map((mail) => send(mail)));
  for (const result of results) {
    if (result.status === 'rejected') {
      console.error(`[assistance] e-mail for request ${request.id} failed:`, result.reason);
    }
  }
  return { kind: 'stored', request };
}

/** The viewer's own requests (none for readers). */
export async function assistanceRequestsOf(
  viewer: Viewer,
  deps: Pick<AssistanceDeps, 'db'> = {},
): Promise<AssistanceRequest[]> {
  if (viewer.kind !== 'user') return [];
  return listUserAssistanceRequests(deps.db ?? (await getDb()), viewer.userId);
}

/** The staff inbox; null for anyone who is not staff. */
export async function assistanceInbox(
  viewer: Viewer,
  deps: Pick<AssistanceDeps, 'db'> = {},
): Promise<InboxAssistanceRequest[] | null> {
  if (!isStaff(viewer)) return null;
  return listAllAssistanceRequests(deps.db ?? (await getDb()));
}

/** Staff move a request along; 'refused' for anyone else, 'not-found' for an unknown id. */
export async function changeAssistanceStatus(
  viewer: Viewer,
  update: { id: string; status: AssistanceStatus },
  deps: Pick<AssistanceDeps, 'db' | 'now'> = {},
): Promise<'updated' | 'refused' | 'not-found'> {
  if (!isStaff(viewer)) return 'refused';
  const updated = await setAssistanceStatus(
    deps.db ?? (await getDb()),
    update.id,
    update.status,
    deps.now,
  );
  return updated ? 'updated' : 'not-found';
}
