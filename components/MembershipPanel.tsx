import Link from 'next/link';
import { openBillingPortal } from '@/lib/billing/actions';
import { membershipIsActive, type MembershipState } from '@/lib/access';
import { formatDate } from '@/lib/platform/format';

function describe(membership: MembershipState, now: Date) {
  const active = membershipIsActive(membership, now);
  const end = formatDate(membership.currentPeriodEnd);
  if (active && membership.cancelAtPeriodEnd) {
    return {
      label: 'Active — cancels at the end of the period',
      detail: `Your access ends on ${end}. You will not be charged again.`,
    };
  }
  if (active && membership.status === 'past_due') {
    return {
      label: 'Active — payment problem',
      detail: 'Your last renewal failed. Update your card to keep your membership.',
    };
  }
  if (active)
    return {
      label: membership.status === 'trialing' ? 'Trial' : 'Active',
      detail: `Renews on ${end}.`,
    };
  if (membership.status === 'past_due' || membership.status === 'unpaid') {
    return {
      label: 'Paused — payment failed',
      detail: 'Your last payment did not go through. Update your card to restore your membership.',
    };
  }
  return { label: 'Ended', detail: `Your membership ended. You can join again at any time.` };
}

export function MembershipPanel({
  membership,
  hasBillingAccount,
  returnTo = '/account',
  now = new Date(),
}: {
  membership: MembershipState | null;
  hasBillingAccount: boolean;
  /** Where the billing portal and the join page send the person back to. */
  returnTo?: string;
  now?: Date;
}) {
  const summary = membership ? describe(membership, now) : null;
  const active = membershipIsActive(membership, now);
  return (
    <section
      aria-labelledby="membership-title"
      className="rounded-2xl border border-slate-200 p-6 dark:border-slate-800"
    >
      <h2 id="membership-title" className="font-serif text-2xl font-bold">
        Sojoourn Club membership
      </h2>
      {summary && membership ? (
        <dl className="mt-4 grid gap-3 sm:grid-cols-2">
          <div>
            <dt className="text-sm text-slate-600 dark:text-slate-400">Status</dt>
            <dd className="font-semibold" data-testid="membership-status">
              {summary.label}
            </dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600 dark:text-slate-400">Member since</dt>
            <dd>{formatDate(membership.startedAt)}</dd>
          </div>
          <div className="sm:col-span-2">
            <dt className="sr-only">Details</dt>
            <dd className="text-slate-700 dark:text-slate-300" data-testid="membership-detail">
              {summary.detail}
            </dd>
          </div>
        </dl>
      ) : (
        <p className="mt-4 text-slate-700 dark:text-slate-300" data-testid="membership-status">
          You are not a member yet. Members read every guide section, get personalised assistance
          and join our events.
        </p>
      )}
      <div className="mt-6 flex flex-wrap gap-3">
        {hasBillingAccount ? (
          <form action={openBillingPortal}>
            <input type="hidden" name="returnTo" value={returnTo} />
            <button type="submit" className="btn-secondary">
              Manage billing
            </button>
          </form>
        ) : null}
        {!active ? (
          <Link
            href={`/club/join?returnTo=${encodeURIComponent(returnTo)}`}
            className="btn-primary"
          >
            {membership ? 'Join again' : 'Join the club'}
          </Link>
        ) : null}
      </div>
    </section>
  );
}
