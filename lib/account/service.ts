import 'server-only';
// A member's own account (GDPR): download their data, change their sign-in address (confirmed
// through a link to the new one, undone through a link to the old one), delete their account
// (subscription cancelled at once, data deleted, signed out everywhere). Every function checks who
// is asking itself; changing the address and deleting also ask for a recent sign-in, so that a
// borrowed or stolen session cannot do either.
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { accountDeletedEmail, confirmNewEmail, emailChangedNotice } from './emails';
import {
  currentEmailOf,
  deleteAccountRows,
  emailBelongsToAnotherUser,
  findEmailChange,
  findEmailChangeUndo,
  formerEmailsOf,
  moveUserEmail,
  readAccountRows,
  storeEmailChange,
  type DeletedCounts,
} from './store';
import type { Viewer } from '../access';
import { isRecentSignIn, type CurrentSession } from '../auth/recent-sign-in';
import { cancelSubscriptionsNow, updateBillingEmail } from '../billing';
import { getEvent, type EventSummary } from '../content';
import { getDb } from '../db';
import type { Database } from '../db/schema';
import { withdrawFromAllEvents } from '../events/service';
import { fileExportOf } from '../file/service';
import { followExport } from '../follow/service';
import { sendMail, type OutgoingMail } from '../platform/mail';
import { consumeRateLimit } from '../platform/rate-limit';
import { absoluteUrl } from '../platform/site-url';

export interface AccountDeps {
  db?: Kysely<Database>;
  send?: (mail: OutgoingMail) => Promise<void>;
  /** Cancels the user's Stripe subscriptions now (lib/billing); returns the ids cancelled. */
  cancelBilling?: (userId: string) => Promise<string[]>;
  updateBillingEmail?: (userId: string, email: string) => Promise<void>;
  findEvent?: (slug: string) => EventSummary | null;
  now?: Date;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
/** How long a link to confirm a new address works. */
export const EMAIL_CHANGE_TTL_MS = 24 * 3600_000;
/** How long the old address's link to undo a change works. */
export const EMAIL_CHANGE_UNDO_TTL_MS = 7 * 24 * 3600_000;
/** Confirmation links one account may ask for: 5 an hour. */
export const EMAIL_CHANGE_LIMIT = { bucket: 'email-change', limit: 5, windowMs: 3600_000 };

/** The request's session is the viewer's and its sign-in recent (../auth/recent-sign-in.ts). */
function signedInRecently(
  viewer: Extract<Viewer, { kind: 'user' }>,
  session: CurrentSession | null,
  now: Date,
): boolean {
  return session?.userId === viewer.userId && isRecentSignIn(session, now);
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/** Everything stored about the viewer, as one JSON-ready object; null for readers. */
export async function exportAccountData(viewer: Viewer, deps: AccountDeps = {}) {
  if (viewer.kind !== 'user') return null;
  const now = deps.now ?? new Date();
  const db = deps.db ?? (await getDb());
  const rows = await readAccountRows(db, viewer.userId);
  if (!rows) return null;
  // Their Carte Vitale file is their data whatever their membership: a lapsed member exports it too.
  const carteVitaleFile = await fileExportOf(db, viewer.userId);
  const { user, formerEmails, membership, customer, assistance, quotes, registrations, sessions } =
    rows;
  const findEvent = deps.findEvent ?? getEvent;
  return {
    exportedAt: now.toISOString(),
    about:
      'Everything Sojoourn stores about you. Payments and invoices are held by Stripe: see them from “Manage billing” on your account page.',
    profile: {
      id: user.id,
      email: user.email,
      name: user.name,
      emailConfirmedAt: user.emailVerified ? new Date(user.emailVerified).toISOString() : null,
      isStaff: viewer.isStaff,
      earlierEmails: formerEmails.map((former) => ({
        email: former.email,
        usedUntil: former.left_at,
      })),
    },
    membership: membership
      ? {
          status: membership.status,
          startedAt: membership.started_at,
          currentPeriodStart: membership.current_period_start,
          currentPeriodEnd: membership.current_period_end,
          cancelAtPeriodEnd: membership.cancel_at_period_end === 1,
          stripeSubscriptionId: membership.subscription_id,
          stripeCustomerId: membership.customer_id,
        }
      : null,
    stripeCustomer: customer ? { id: customer.customer_id, createdAt: customer.created_at } : null,
    assistanceRequests: assistance.map((request) => ({
      id: request.id,
      createdAt: request.created_at,
      updatedAt: request.updated_at,
      topic: request.topic,
      description: request.description,
      contactMethod: request.contact_method,
      phone: request.phone,
      language: request.language,
      status: request.status,
    })),
    quoteRequests: quotes.map((quote) => ({
      id: quote.id,
      createdAt: quote.created_at,
      name: quote.name,
      email: quote.email,
      phone: quote.phone,
      situation: quote.situation,
      nationality: quote.nationality,
      stayLength: quote.stay_length,
      procedures: parseJson(quote.procedures),
      message: quote.message,
      language: quote.language,
      consentedAt: quote.consented_at,
    })),
    eventRegistrations: registrations.map((registration) => ({
      event: registration.event_slug,
      eventTitle: findEvent(registration.event_slug)?.title ?? null,
      status: registration.status,
      registeredAt: registration.created_at,
      updatedAt: registration.updated_at,
    })),
    carteVitaleFile,
    /** Guides they follow by e-mail ('all guides' included), and since when. */
    follows: await followExport(db, viewer.userId),
    activeSessions: sessions.length,
  };
}

export type AccountExport = NonNullable<Awaited<ReturnType<typeof exportAccountData>>>;

export type DeleteAccountResult =
  | { kind: 'refused' }
  | { kind: 'sign-in-again' }
  | { kind: 'billing-failed' }
  | { kind: 'deleted'; cancelledSubscriptions: string[]; deleted: DeletedCounts };

/**
 * Deletes the viewer's account: first their Stripe subscriptions are cancelled at once (if Stripe
 * cannot be reached, nothing is deleted: the person must not keep paying for an account that is
 * gone), then their event places are given up (the waiting list moves up), then every row about
 * them is deleted, under their current address and every earlier one — sessions included, which
 * signs them out everywhere. Only from a session whose sign-in is recent.
 */
export async function deleteAccount(
  viewer: Viewer,
  session: CurrentSession | null,
  deps: AccountDeps = {},
): Promise<DeleteAccountResult> {
  if (viewer.kind !== 'user') return { kind: 'refused' };
  if (!signedInRecently(viewer, session, deps.now ?? new Date())) return { kind: 'sign-in-again' };
  const db = deps.db ?? (await getDb());
  const email = await currentEmailOf(db, viewer.userId);
  if (email === null) return { kind: 'refused' };
  let cancelledSubscriptions: string[];
  try {
    cancelledSubscriptions = await (deps.cancelBilling ?? cancelSubscriptionsNow)(viewer.userId);
  } catch (error) {
    console.error(`[account] subscription of ${viewer.userId} could not be cancelled:`, error);
    return { kind: 'billing-failed' };
  }
  await withdrawFromAllEvents(db, viewer.userId, {
    send: deps.send,
    findEvent: deps.findEvent,
    now: deps.now,
  });
  const former = await formerEmailsOf(db, viewer.userId);
  const deleted = await deleteAccountRows(db, viewer.userId, [
    email,
    ...former.map((row) => row.email),
  ]);
  try {
    await (deps.send ?? sendMail)({
      to: email,
      ...accountDeletedEmail(cancelledSubscriptions.length > 0),
    });
  } catch (error) {
    console.error('[account] goodbye e-mail failed:', error);
  }
  return { kind: 'deleted', cancelledSubscriptions, deleted };
}

export type EmailChangeRequest =
  | { kind: 'refused' }
  | { kind: 'sign-in-again' }
  | { kind: 'same' }
  | { kind: 'taken' }
  | { kind: 'rate-limited'; retryAfterSeconds: number }
  | { kind: 'sent'; expires: Date };

/**
 * Sends a confirmation link to the new address; nothing changes until it is used. Only from a
 * session whose sign-in is recent (checked before the rate limit counts anything).
 */
export async function requestEmailChange(
  viewer: Viewer,
  session: CurrentSession | null,
  newEmail: string,
  deps: AccountDeps = {},
): Promise<EmailChangeRequest> {
  if (viewer.kind !== 'user') return { kind: 'refused' };
  const now = deps.now ?? new Date();
  if (!signedInRecently(viewer, session, now)) return { kind: 'sign-in-again' };
  const email = newEmail.trim().toLowerCase();
  if (email === viewer.email.toLowerCase()) return { kind: 'same' };
  const db = deps.db ?? (await getDb());
  const limit = await consumeRateLimit(db, EMAIL_CHANGE_LIMIT, viewer.userId, now);
  if (!limit.allowed) return { kind: 'rate-limited', retryAfterSeconds: limit.retryAfterSeconds };
  if (await emailBelongsToAnotherUser(db, email, viewer.userId)) return { kind: 'taken' };
  const token = randomBytes(32).toString('base64url');
  const expires = new Date(now.getTime() + EMAIL_CHANGE_TTL_MS);
  await storeEmailChange(db, {
    tokenHash: hashToken(token),
    userId: viewer.userId,
    newEmail: email,
    now,
    expiresAt: expires,
  });
  const link = absoluteUrl(`/account/email/confirm?token=${encodeURIComponent(token)}`);
  await (deps.send ?? sendMail)({ to: email, ...confirmNewEmail(link, expires) });
  return { kind: 'sent', expires };
}

export type EmailChangeConfirmation =
  | { kind: 'invalid' }
  | { kind: 'expired' }
  | { kind: 'other-account' }
  | { kind: 'taken' }
  | { kind: 'changed'; email: string };

/**
 * Uses a confirmation link: the token proves the new address, the session proves the account (a
 * link opened while signed in as someone else changes nothing). Every other session of the
 * account ends, the old address's pending sign-in links stop working, and the old address gets a
 * notice with a link that undoes the change for 7 days.
 */
export async function confirmEmailChange(
  viewer: Viewer,
  session: CurrentSession | null,
  token: string,
  deps: AccountDeps = {},
): Promise<EmailChangeConfirmation> {
  if (viewer.kind !== 'user') return { kind: 'other-account' };
  const now = deps.now ?? new Date();
  const db = deps.db ?? (await getDb());
  const tokenHash = hashToken(token);
  const pending = await findEmailChange(db, tokenHash);
  if (!pending) return { kind: 'invalid' };
  if (pending.user_id !== viewer.userId) return { kind: 'other-account' };
  if (new Date(pending.expires_at) <= now) return { kind: 'expired' };
  if (await emailBelongsToAnotherUser(db, pending.new_email, viewer.userId))
    return { kind: 'taken' };
  const undoToken = randomBytes(32).toString('base64url');
  const undoExpires = new Date(now.getTime() + EMAIL_CHANGE_UNDO_TTL_MS);
  const changed = await moveUserEmail(db, {
    userId: viewer.userId,
    oldEmail: viewer.email,
    newEmail: pending.new_email,
    now,
    spends: { link: 'confirmation', tokenHash },
    keepSession: session?.userId === viewer.userId ? session.token : undefined,
    undo: { tokenHash: hashToken(undoToken), expiresAt: undoExpires },
  });
  if (!changed) return { kind: 'invalid' };
  const undoLink = absoluteUrl(`/account-restore?token=${encodeURIComponent(undoToken)}`);
  const send = deps.send ?? sendMail;
  const followUps = await Promise.allSettled([
    (deps.updateBillingEmail ?? updateBillingEmail)(viewer.userId, pending.new_email),
    send({ to: viewer.email, ...emailChangedNotice(pending.new_email, undoLink, undoExpires) }),
  ]);
  for (const result of followUps) {
    if (result.status === 'rejected')
      console.error('[account] after e-mail change:', result.reason);
  }
  return { kind: 'changed', email: pending.new_email };
}

export type EmailChangeUndo =
  | { kind: 'invalid' }
  | { kind: 'expired' }
  | { kind: 'taken' }
  | { kind: 'restored'; email: string };

/**
 * Uses the old address's undo link (no session needed: whoever changed the address may have
 * locked its owner out). The account goes back to the old address and every session ends, the
 * one that made the change included; the owner signs in again with their old address.
 */
export async function undoEmailChange(
  token: string,
  deps: AccountDeps = {},
): Promise<EmailChangeUndo> {
  const now = deps.now ?? new Date();
  const db = deps.db ?? (await getDb());
  const tokenHash = hashToken(token);
  const undo = await findEmailChangeUndo(db, tokenHash);
  if (!undo) return { kind: 'invalid' };
  if (new Date(undo.expires_at) <= now) return { kind: 'expired' };
  const email = await currentEmailOf(db, undo.user_id);
  if (email === null) return { kind: 'invalid' };
  if (await emailBelongsToAnotherUser(db, undo.old_email, undo.user_id)) return { kind: 'taken' };
  const restored = await moveUserEmail(db, {
    userId: undo.user_id,
    oldEmail: email,
    newEmail: undo.old_email,
    now,
    spends: { link: 'undo', tokenHash },
  });
  if (!restored) return { kind: 'invalid' };
  try {
    await (deps.updateBillingEmail ?? updateBillingEmail)(undo.user_id, undo.old_email);
  } catch (error) {
    console.error('[account] billing address after an undo:', error);
  }
  return { kind: 'restored', email: undo.old_email };
}
