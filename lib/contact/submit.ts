import 'server-only';
// Free-quote requests from /contact: anti-spam checks, storage, and the e-mails to staff and to
// the person who asked. The server action (app/actions/contact.ts) only wires this to the request.
import type { Kysely } from 'kysely';
import {
  CONTACT_LIMITS,
  contactFormDataToObject,
  contactSubmissionSchema,
  contactValuesFrom,
  describeContactRequest,
  type ContactField,
  type ContactFormState,
  type ContactRequest,
} from './schema';
import { checkFormToken, issueFormToken } from './token';
import { isStaff, type Viewer } from '../access';
import { getDb } from '../db';
import type { Database } from '../db/schema';
import { authSecret, staffEmailList } from '../platform/env';
import { sendMail, type OutgoingMail } from '../platform/mail';
import { renderEmail } from '../platform/mail-template';
import { consumeRateLimit } from '../platform/rate-limit';
import { absoluteUrl } from '../platform/site-url';

function nonNegativeNumber(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
}

/** CONTACT_LIMIT_PER_IP (default 5 an hour) and CONTACT_MIN_FILL_MS (default 3 s). */
export function contactSettings(env: Record<string, string | undefined> = process.env) {
  return {
    limitPerIp: Math.max(1, nonNegativeNumber(env.CONTACT_LIMIT_PER_IP, 5)),
    windowMs: 3600_000,
    minFillMs: nonNegativeNumber(env.CONTACT_MIN_FILL_MS, 3000),
  };
}

export type ContactSettings = ReturnType<typeof contactSettings>;

/** A fresh fill-time token for a form being shown now. */
export function newContactFormToken(now: Date = new Date()): string {
  return issueFormToken(authSecret(), { now: now.getTime() });
}

export interface StoredContactRequest extends ContactRequest {
  id: string;
  createdAt: string;
}

export type ContactOutcome =
  /** Stored; `notify` sends the e-mails (run it after the response, it never throws). */
  | { kind: 'accepted'; request: StoredContactRequest; notify: () => Promise<void> }
  /** A robot (honeypot, too fast) or a repeat of a stored post: thank them, keep nothing new. */
  | { kind: 'dropped'; reason: 'honeypot' | 'too-fast' | 'duplicate' }
  /** Show the form again with this state. */
  | { kind: 'rejected'; state: ContactFormState };

const UNEXPECTED_FIELDS =
  'This form contained fields we do not expect. Please reload the page and send your request again.';

export async function handleContactSubmission(
  db: Kysely<Database>,
  formData: FormData,
  {
    ip,
    now = new Date(),
    secret = authSecret(),
    settings = contactSettings(),
    send = sendMail,
  }: {
    ip: string;
    now?: Date;
    secret?: string;
    settings?: ContactSettings;
    send?: (mail: OutgoingMail) => Promise<void>;
  },
): Promise<ContactOutcome> {
  const raw = contactFormDataToObject(formData);

  // People never see the honeypot; whatever fills it gets the thank-you and nothing is kept.
  if (raw.website !== undefined && (typeof raw.website !== 'string' || raw.website.trim() !== '')) {
    console.info('[contact] dropped a submission: honeypot filled');
    return { kind: 'dropped', reason: 'honeypot' };
  }

  const values = contactValuesFrom(raw);
  const submittedToken =
    typeof raw.formToken === 'string' ? raw.formToken.slice(0, CONTACT_LIMITS.formToken) : null;
  const token = checkFormToken(submittedToken, secret, {
    now: now.getTime(),
    minFillMs: settings.minFillMs,
  });
  // The token the form carries next: the same one while it is good (the clock keeps running from
  // when the form was shown), else a "confirm" token so the next send goes through.
  const nextToken =
    token.kind === 'ok' || token.kind === 'too-fast'
      ? submittedToken
      : issueFormToken(secret, { now: now.getTime(), purpose: 'confirm' });
  const rejected = (
    status: ContactFormState['status'],
    fieldErrors: ContactFormState['fieldErrors'],
    formError: string | null,
  ): ContactOutcome => ({
    kind: 'rejected',
    state: { status, values, fieldErrors, formError, formToken: nextToken },
  });

  const parsed = contactSubmissionSchema.safeParse(raw);
  if (!parsed.success) {
    if (parsed.error.issues.some((issue) => issue.code === 'unrecognized_keys')) {
      return rejected('refused', {}, UNEXPECTED_FIELDS);
    }
    const fieldErrors: ContactFormState['fieldErrors'] = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (typeof field !== 'string' || field === 'website' || field === 'formToken') continue;
      fieldErrors[field as ContactField] ??= issue.message;
    }
    if (!Object.keys(fieldErrors).length) return rejected('refused', {}, UNEXPECTED_FIELDS);
    return rejected('invalid', fieldErrors, null);
  }

  // Checked after the fields so a person who presses Send on a half-empty form sees what is
  // missing; a complete, valid form in under a few seconds is a robot.
  if (token.kind === 'too-fast') {
    console.info('[contact] dropped a submission: sent faster than the minimum fill time');
    return { kind: 'dropped', reason: 'too-fast' };
  }
  if (token.kind !== 'ok') {
    return rejected(
      'confirm',
      {},
      'Almost done: please check your request below and press “Send my request” again. This extra step keeps automated spam out.',
    );
  }

  const limit = await consumeRateLimit(
    db,
    { bucket: 'contact-ip', limit: settings.limitPerIp, windowMs: settings.windowMs },
    ip,
    now,
  );
  if (!limit.allowed) {
    const minutes = Math.max(1, Math.ceil(limit.retryAfterSeconds / 60));
    return rejected(
      'refused',
      {},
      `We have received several requests from your connection in the last hour, so we cannot take another one just now. Please try again in about ${minutes} minute${minutes === 1 ? '' : 's'}: what you typed is still here.`,
    );
  }

  // The anti-spam fields are not part of the request.
  const request: ContactRequest & { website?: string; formToken?: string } = { ...parsed.data };
  delete request.website;
  delete request.formToken;
  const stored = await storeContactRequest(db, request, { nonce: token.nonce, now });
  if (!stored) return { kind: 'dropped', reason: 'duplicate' };
  return {
    kind: 'accepted',
    request: stored,
    notify: () => notifyContactRequest(db, stored, send),
  };
}

/** Stores a request; null when a request with this token's nonce is already stored. */
export async function storeContactRequest(
  db: Kysely<Database>,
  request: ContactRequest,
  { nonce, now = new Date() }: { nonce: string; now?: Date },
): Promise<StoredContactRequest | null> {
  const id = crypto.randomUUID();
  const createdAt = now.toISOString();
  const result = await db
    .insertInto('contact_request')
    .values({
      id,
      created_at: createdAt,
      name: request.name,
      email: request.email,
      phone: request.phone,
      situation: request.situation,
      nationality: request.nationality,
      stay_length: request.stay,
      procedures: JSON.stringify(request.procedures),
      message: request.message,
      language: request.language,
      consented_at: createdAt,
      form_nonce: nonce,
      staff_notified: 0,
      requester_notified: 0,
    })
    .onConflict((oc) => oc.column('form_nonce').doNothing())
    .executeTakeFirst();
  if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) return null;
  return { ...request, id, createdAt };
}

function detailsOf(request: StoredContactRequest) {
  const labels = describeContactRequest(request);
  return [
    { label: 'Name', value: request.name },
    { label: 'E-mail', value: request.email },
    { label: 'Phone', value: request.phone ?? 'Not given' },
    { label: 'Situation', value: labels.situation },
    { label: 'Nationality', value: labels.nationality },
    { label: 'Length of stay', value: labels.stay },
    { label: 'Procedures', value: labels.procedures.join(', ') },
    { label: 'Preferred language', value: labels.language },
    { label: 'Message', value: request.message },
  ];
}

const formatTime = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/** The staff notification: every field, escaped by the shared layout. */
export function staffContactEmail(request: StoredContactRequest): Omit<OutgoingMail, 'to'> {
  const { html, text } = renderEmail({
    preheader: `${request.name} asks for a free quote`,
    heading: 'New free-quote request',
    paragraphs: [
      `${request.name} asked for a free quote for administrative guidance on the contact page. Reply to this e-mail to answer them directly.`,
    ],
    details: [
      ...detailsOf(request),
      { label: 'Consent to be contacted', value: `Given on ${formatTime(request.createdAt)}` },
      { label: 'Received', value: formatTime(request.createdAt) },
      { label: 'Reference', value: request.id },
    ],
  });
  // One line, clipped: a name never stretches or breaks the subject header.
  return {
    subject: `Free-quote request from ${request.name.slice(0, 60)}`,
    replyTo: request.email,
    html,
    text,
  };
}

/** The confirmation to the person who asked: what they sent and what happens next. */
export function requesterContactEmail(request: StoredContactRequest): Omit<OutgoingMail, 'to'> {
  const { html, text } = renderEmail({
    preheader: 'We have received your request for a free quote.',
    heading: 'We have received your request',
    paragraphs: [
      `Hello ${request.name},`,
      'Thank you for asking Sojoourn for a free quote. Here is what happens next: a Sojoourn advisor reads your request and replies to this e-mail address with a free quote for our administrative guidance. There is no commitment: you decide afterwards whether to go ahead.',
      'For your records, this is what you sent us:',
    ],
    details: detailsOf(request),
    button: { label: 'Read our guides while you wait', url: absoluteUrl('/guides') },
    footnote:
      'You received this e-mail because this address was entered on the Sojoourn contact page. If that was not you, you can ignore this message.',
  });
  return { subject: 'Your request for a free quote from Sojoourn', html, text };
}

/** Sends both e-mails and records the outcome on the row. Never throws: it runs after the reply. */
export async function notifyContactRequest(
  db: Kysely<Database>,
  request: StoredContactRequest,
  send: (mail: OutgoingMail) => Promise<void> = sendMail,
): Promise<void> {
  const staff = staffEmailList();
  try {
    if (!staff.length) throw new Error('STAFF_EMAILS is empty: nobody to notify');
    await send({ to: staff, ...staffContactEmail(request) });
    await db
      .updateTable('contact_request')
      .set({ staff_notified: 1, staff_notify_error: null })
      .where('id', '=', request.id)
      .execute();
  } catch (error) {
    // The request is stored either way; staff see the unsent ones in their inbox.
    const reason = error instanceof Error ? error.message : String(error);
    console.error(`[contact] staff e-mail for request ${request.id} failed: ${reason}`);
    await db
      .updateTable('contact_request')
      .set({ staff_notified: 0, staff_notify_error: reason.slice(0, 500) })
      .where('id', '=', request.id)
      .execute()
      .catch((dbError: unknown) =>
        console.error('[contact] could not record the failure:', dbError),
      );
  }
  try {
    await send({ to: request.email, ...requesterContactEmail(request) });
    await db
      .updateTable('contact_request')
      .set({ requester_notified: 1 })
      .where('id', '=', request.id)
      .execute();
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
  const rows = await (db ?? (await getDb()))
    .selectFrom('contact_request')
    .selectAll()
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => {
    const request: StoredContactRequest = {
      id: row.id,
      createdAt: row.created_at,
      name: row.name,
      email: row.email,
      phone: row.phone,
      situation: row.situation as ContactRequest['situation'],
      nationality: row.nationality as ContactRequest['nationality'],
      stay: row.stay_length as ContactRequest['stay'],
      procedures: JSON.parse(row.procedures) as ContactRequest['procedures'],
      message: row.message,
      language: row.language as ContactRequest['language'],
      consent: 'yes',
    };
    return {
      id: row.id,
      createdAt: row.created_at,
      email: row.email,
      details: detailsOf(request),
      staffNotified: Number(row.staff_notified) === 1,
      staffNotifyError: row.staff_notify_error,
    };
  });
}
