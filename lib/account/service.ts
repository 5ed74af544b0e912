import 'server-only';
// A member's own account (GDPR): download their data, change their sign-in address (confirmed
// through a link to the new one), delete their account (subscription cancelled at once, data
// deleted, signed out everywhere). Every function checks who is asking itself.
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { accountDeletedEmail, confirmNewEmail, emailChangedNotice } from './emails';
import {
  applyEmailChange,
  deleteAccountRows,
  emailBelongsToAnotherUser,
  findEmailChange,
  readAccountRows,
  storeEmailChange,
  type DeletedCounts,
} from './store';
import type { Viewer } from '../access';
import { cancelSubscriptionsNow, updateBillingEmail } from '../billing';
import { getEvent, type EventSummary } from '../content';
import { getDb } from '../db';
import type { Database } from '../db/schema';
import { withdrawFromAllEvents } from '../events/service';
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
const EMAIL_CHANGE_LIMIT = { bucket: 'email-change', limit: 5, windowMs: 3600_000 };

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
  const rows = await readAccountRows(deps.db ?? (await getDb()), viewer.userId);
  if (!rows) return null;
  const { user, membership, customer, assistance, quotes, registrations, sessions } = rows;
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
    activeSessions: sessions.length,
  };
}

export type AccountExport = NonNullable<Awaited<ReturnType<typeof exportAccountData>>>;

export type DeleteAccountResult =
  | { kind: 'refused' }
  | { kind: 'billing-failed' }
  | { kind: 'deleted'; cancelledSubscriptions: string[]; deleted: DeletedCounts };

/**
 * Deletes the viewer's account: first their Stripe subscriptions are cancelled at once (if Stripe
 * cannot be reached, nothing is deleted: the person must not keep paying for an account that is
 * gone), then their event places are given up (the waiting list moves up), then every row about
 * them is deleted — sessions included, which signs them out everywhere.
 */
export async function deleteAccount(
  viewer: Viewer,
  deps: AccountDeps = {},
): Promise<DeleteAccountResult> {
  if (viewer.kind !== 'user') return { kind: 'refused' };
  const db = deps.db ?? (await getDb());
  const user = await db
    .selectFrom('User')
    .select('email')
    .where('id', '=', viewer.userId)
    .executeTakeFirst();
  if (!user) return { kind: 'refused' };
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
  const deleted = await deleteAccountRows(db, viewer.userId, user.email);
  try {
    await (deps.send ?? sendMail)({
      to: user.email,
      ...accountDeletedEmail(cancelledSubscriptions.length > 0),
    });
  } catch (error) {
    console.error('[account] goodbye e-mail failed:', error);
  }
  return { kind: 'deleted', cancelledSubscriptions, deleted };
}

export type EmailChangeRequest =
  | { kind: 'refused' }
  | { kind: 'same' }
  | { kind: 'taken' }
  | { kind: 'rate-limited'; retryAfterSeconds: number }
  | { kind: 'sent'; expires: Date };

/** Sends a confirmation link to the new address; nothing changes until it is used. */
export async function requestEmailChange(
  viewer: Viewer,
  newEmail: string,
  deps: AccountDeps = {},
): Promise<EmailChangeRequest> {
  if (viewer.kind !== 'user') return { kind: 'refused' };
  const now = deps.now ?? new Date();
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
 * link opened while signed in as someone else changes nothing). The old address is told.
 */
export async function confirmEmailChange(
  viewer: Viewer,
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
  const changed = await applyEmailChange(db, {
    tokenHash,
    userId: viewer.userId,
    newEmail: pending.new_email,
  });
  if (!changed) return { kind: 'invalid' };
  const send = deps.send ?? sendMail;
  const followUps = await Promise.allSettled([
    (deps.updateBillingEmail ?? updateBillingEmail)(viewer.userId, pending.new_email),
    send({ to: viewer.email, ...emailChangedNotice(pending.new_email) }),
  ]);
  for (const result of followUps) {
    if (result.status === 'rejected')
      console.error('[account] after e-mail change:', result.reason);
  }
  return { kind: 'changed', email: pending.new_email };
}
