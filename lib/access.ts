// THE one place that decides what a viewer may see. Pure functions of (viewer, now): no I/O here,
// so every rule is tested exhaustively in lib/access.test.ts. lib/auth/viewer.ts finds the viewer.

export type SubscriptionStatus =
  | 'active'
  | 'trialing'
  | 'past_due'
  | 'unpaid'
  | 'canceled'
  | 'incomplete'
  | 'incomplete_expired'
  | 'paused';

export interface MembershipState {
  status: SubscriptionStatus | (string & {});
  currentPeriodStart: Date;
  currentPeriodEnd: Date;
  cancelAtPeriodEnd: boolean;
  startedAt: Date;
}

export type Viewer =
  | { kind: 'reader' }
  | {
      kind: 'user';
      userId: string;
      email: string;
      isStaff: boolean;
      membership: MembershipState | null;
    };

/** A signed-in person (member or not). */
export type SignedInViewer = Extract<Viewer, { kind: 'user' }>;

export const READER: Viewer = { kind: 'reader' };

/**
 * Who the viewer is for the purpose of a gate:
 * - reader: not signed in → "sign in or join"
 * - user: signed in, no membership → "join the club"
 * - payment-issue: their last renewal failed and the paid period is over → "update your card"
 * - member: may read members' content
 * - staff: may read everything and work the inbox
 */
export type Audience = 'reader' | 'user' | 'payment-issue' | 'member' | 'staff';

/**
 * How long after the stored period end an `active`/`trialing` row still grants access while the
 * renewal's news is on its way. Past this, the stored row is stale: it grants nothing until Stripe
 * is asked again (lib/billing/freshness.ts does that in the data path, once, and stores the answer).
 */
export const STALE_PERIOD_GRACE_MS = 60 * 60_000;

/**
 * Whether the stored row's paid period is over (plus the grace) so that only a fresh answer from
 * Stripe could make it grant again. A lost webhook then costs access instead of granting it forever.
 */
export function membershipIsStale(membership: MembershipState | null, now: Date): boolean {
  if (!membership) return false;
  if (membership.status !== 'active' && membership.status !== 'trialing') return false;
  return now.getTime() >= membership.currentPeriodEnd.getTime() + STALE_PERIOD_GRACE_MS;
}

/**
 * Whether a Stripe subscription state grants membership at `now`.
 * - active / trialing: yes, unless it was set to cancel and its period is over, or its period ended
 *   more than STALE_PERIOD_GRACE_MS ago (a renewal would have moved it: the row is stale).
 * - past_due: only until the end of the period that was paid. When a renewal fails, Stripe has
 *   already started the new (unpaid) period, so the paid period ended at `currentPeriodStart`.
 * - anything else (canceled, unpaid, incomplete, paused…): no.
 */
export function membershipIsActive(membership: MembershipState | null, now: Date): boolean {
  if (!membership) return false;
  switch (membership.status) {
    case 'active':
    case 'trialing':
      if (membershipIsStale(membership, now)) return false;
      return !(membership.cancelAtPeriodEnd && now >= membership.currentPeriodEnd);
    case 'past_due':
      return now < membership.currentPeriodStart;
    default:
      return false;
  }
}

function hasPaymentIssue(membership: MembershipState | null, now: Date): boolean {
  return (
    !!membership &&
    (membership.status === 'past_due' || membership.status === 'unpaid') &&
    !membershipIsActive(membership, now)
  );
}

export function audienceOf(viewer: Viewer, now: Date = new Date()): Audience {
  if (viewer.kind === 'reader') return 'reader';
  if (viewer.isStaff) return 'staff';
  if (membershipIsActive(viewer.membership, now)) return 'member';
  if (hasPaymentIssue(viewer.membership, now)) return 'payment-issue';
  return 'user';
}

/** Members' sections, members-only guides, event details. */
export function canReadMembersContent(viewer: Viewer, now: Date = new Date()): boolean {
  const audience = audienceOf(viewer, now);
  return audience === 'member' || audience === 'staff';
}

/** Personalised assistance is a member benefit (staff may use it to test the flow). */
export function canRequestAssistance(viewer: Viewer, now: Date = new Date()): boolean {
  return canReadMembersContent(viewer, now);
}

/**
 * The viewer's own Carte Vitale file (lib/file), a member benefit:
 * - write: members and staff start, update and annotate their file;
 * - read: anyone else signed in may still read a file they already have, and export it: it is their
 *   data. A lapsed member's file is read-only (no marks, notes, checklist or reminder changes), gets
 *   no reminders, and asks for assistance from it only after rejoining;
 * - none: readers.
 */
export type OwnFileAccess = 'write' | 'read' | 'none';

export function ownFileAccess(viewer: Viewer, now: Date = new Date()): OwnFileAccess {
  if (viewer.kind === 'reader') return 'none';
  return canReadMembersContent(viewer, now) ? 'write' : 'read';
}

/** Staff read every member's file and may mark a step on it (after a call, say). */
export function canWorkMemberFiles(viewer: Viewer): boolean {
  return isStaff(viewer);
}

/** Whether the viewer holds a paid membership (staff status aside): used to avoid paying twice. */
export function isPayingMember(viewer: Viewer, now: Date = new Date()): boolean {
  return viewer.kind === 'user' && membershipIsActive(viewer.membership, now);
}

export function isStaff(viewer: Viewer): boolean {
  return viewer.kind === 'user' && viewer.isStaff;
}

export function parseStaffEmails(raw: string | undefined): Set<string> {
  return new Set(
    (raw ?? '')
      .split(',')
      .map((email) => email.trim().toLowerCase())
      .filter(Boolean),
  );
}
