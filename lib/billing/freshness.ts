// The membership an access check may use. lib/access fails closed for a stored `active` row whose
// paid period is over (a renewal would have moved it, so its news was lost); before that happens to
// a member, the data path asks Stripe once and stores the answer. No 'server-only' marker: the
// client is passed in, so unit tests drive it with a fake or the local stand-in.
import type { Kysely } from 'kysely';
import { membershipIsStale, STALE_PERIOD_GRACE_MS, type MembershipState } from '../access';
import type { Database } from '../db/schema';
import { markStripeSeen, readMembership, readMembershipSource } from './membership-store';
import { syncSubscription, type StripeReader } from './sync';

/** After Stripe could not be reached for a user, wait this long before asking again. */
export const STRIPE_RETRY_AFTER_MS = 60_000;
const unreachableUntil = new Map<string, number>();

/**
 * The stored membership of `userId`, re-read from Stripe first when it is stale and Stripe has not
 * been asked since its period ended. Stripe unreachable: the stale row is returned as it is, and
 * lib/access grants nothing on it.
 */
export async function currentMembership(
  db: Kysely<Database>,
  client: () => StripeReader,
  userId: string,
  now: Date = new Date(),
): Promise<MembershipState | null> {
  const stored = await readMembership(db, userId);
  if (!membershipIsStale(stored, now)) return stored;
  const source = await readMembershipSource(db, userId);
  if (!source || !stored) return stored;
  // Asked once since the period ended (plus grace): that answer is stored; don't ask on every page.
  const staleSince = stored.currentPeriodEnd.getTime() + STALE_PERIOD_GRACE_MS;
  if (source.stripeSeenAt.getTime() >= staleSince) return stored;
  if ((unreachableUntil.get(userId) ?? 0) > now.getTime()) return stored;
  try {
    await syncSubscription(db, client(), source.subscriptionId, now);
    await markStripeSeen(db, userId, now);
    unreachableUntil.delete(userId);
  } catch (error) {
    unreachableUntil.set(userId, now.getTime() + STRIPE_RETRY_AFTER_MS);
    console.error(
      `[billing] could not re-read subscription ${source.subscriptionId} from Stripe (access fails closed):`,
      (error as Error).message,
    );
    return stored;
  }
  return readMembership(db, userId);
}

/** Forgets the "Stripe unreachable" back-off (tests). */
export function resetStripeBackoff(): void {
  unreachableUntil.clear();
}
