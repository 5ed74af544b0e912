import 'server-only';
// A free-quote request posted from /contact: read the form, anti-spam checks, rate limit, store.
// The server action (./actions.ts) only wires this to the request; ./service.ts sends the e-mails.
import type { Kysely } from 'kysely';
import {
  CONTACT_FIELDS,
  CONTACT_LIMITS,
  contactFormDataToObject,
  contactSubmissionSchema,
  contactValuesFrom,
  type ContactFormState,
  type ContactRequest,
} from './schema';
import { notifyContactRequest } from './service';
import {
  contactRequestIdByNonce,
  insertContactRequest,
  type ContactFlag,
  type StoredContactRequest,
} from './store';
import { checkFormToken, issueFormToken } from './token';
import type { Database } from '../db/schema';
import { fieldErrorsFrom } from '../forms/state';
import { authSecret, contactSettings, type ContactSettings } from '../platform/env';
import { requestLog } from '../platform/log';
import { sendMail, type OutgoingMail } from '../platform/mail';
import { consumeRateLimit } from '../platform/rate-limit';

/** A fresh fill-time token for a form being shown now. */
export function newContactFormToken(now: Date = new Date()): string {
  return issueFormToken(authSecret(), { now: now.getTime() });
}

export type ContactOutcome =
  /** Stored; `notify` sends the e-mails (run it after the response, it never throws). */
  | { kind: 'accepted'; request: StoredContactRequest; notify: () => Promise<void> }
  /** A robot (the honeypot is filled): thank them, keep nothing. */
  | { kind: 'dropped'; reason: 'honeypot' }
  /** A repeat of a stored post (same form token): nothing new; the stored request's reference. */
  | { kind: 'dropped'; reason: 'duplicate'; reference: string | null }
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
    const fieldErrors = fieldErrorsFrom(parsed.error, CONTACT_FIELDS);
    if (!Object.keys(fieldErrors).length) return rejected('refused', {}, UNEXPECTED_FIELDS);
    return rejected('invalid', fieldErrors, null);
  }

  // A complete, valid form back faster than a person types: browser autofill does that as well as
  // robots, so it is kept and flagged for staff, never dropped (the person sees the same thanks).
  // Checked after the fields, so a fast half-empty form shows what is missing instead.
  const flag: ContactFlag | null = token.kind === 'too-fast' ? 'fast-fill' : null;
  if (token.kind !== 'ok' && token.kind !== 'too-fast') {
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
  const stored = await insertContactRequest(db, request, { nonce: token.nonce, now, flag });
  if (!stored) {
    return {
      kind: 'dropped',
      reason: 'duplicate',
      reference: await contactRequestIdByNonce(db, token.nonce),
    };
  }
  (await requestLog()).info(
    { event: 'contact.stored', id: stored.id, ...(stored.flag ? { flag: stored.flag } : {}) },
    'contact request stored',
  );
  return {
    kind: 'accepted',
    request: stored,
    notify: () => notifyContactRequest(db, stored, send, { settings, now }),
  };
}
