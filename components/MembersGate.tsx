import Link from 'next/link';
import type { Audience } from '@/lib/access';
import { openBillingPortal } from '@/lib/billing/actions';

type GateAudience = Exclude<Audience, 'member' | 'staff'>;

/**
 * The call to action shown where members' content would be. It speaks to each visitor:
 * readers sign in or join, signed-in non-members join (with the price), members whose payment
 * failed update their card. `returnTo` brings them back to this exact place afterwards.
 */
export function MembersGate({
  audience,
  returnTo,
  priceLabel,
  what = 'This section',
  joinReason = 'Join to read it, along with every other members’ tip.',
}: {
  audience: GateAudience;
  returnTo: string;
  priceLabel?: string | null;
  what?: string;
  /** What joining gives here, for signed-in non-members. */
  joinReason?: string;
}) {
  const back = encodeURIComponent(returnTo);
  if (audience === 'payment-issue') {
    return (
      <div className="mt-4">
        <p className="text-sm text-slate-800 dark:text-slate-200">
          Your last membership payment did not go through, so {what.toLowerCase()} is paused. Update
          your card to read it again.
        </p>
        <form action={openBillingPortal} className="mt-3">
          <input type="hidden" name="returnTo" value={returnTo} />
          <button type="submit" className="btn-primary">
            Update your card
          </button>
        </form>
      </div>
    );
  }
  if (audience === 'user') {
    return (
      <div className="mt-4">
        <p className="text-sm text-slate-800 dark:text-slate-200">
          {what} is for Sojoourn Club members. {joinReason}
        </p>
        <Link href={`/club/join?returnTo=${back}`} className="btn-primary mt-3">
          Join the club{priceLabel ? ` — ${priceLabel}` : ''}
        </Link>
      </div>
    );
  }
  return (
    <div className="mt-4">
      <p className="text-sm text-slate-800 dark:text-slate-200">
        {what} is for Sojoourn Club members. Already a member? Sign in. New here? Join the club.
      </p>
      <div className="mt-3 flex flex-wrap gap-3">
        <Link href={`/signin?callbackUrl=${back}`} className="btn-secondary">
          Sign in
        </Link>
        <Link
          href={`/signin?callbackUrl=${encodeURIComponent(`/club/join?returnTo=${back}`)}`}
          className="btn-primary"
        >
          Join the club
        </Link>
      </div>
    </div>
  );
}
