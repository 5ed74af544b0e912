import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { joinClub } from '@/lib/billing/actions';
import { TestModeBadge } from '@/components/TestModeBadge';
import { isPayingMember } from '@/lib/access';
import { requireSignedIn } from '@/lib/auth/viewer';
import { getClubPrice, isTestMode } from '@/lib/billing';
import { club } from '@/lib/config';
import { queryValue } from '@/lib/forms/query';
import { safeReturnPath } from '@/lib/platform/site-url';

export const metadata: Metadata = { title: 'Join the club', robots: { index: false } };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function JoinPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const returnTo = safeReturnPath(queryValue(params.returnTo), '/club');
  const viewer = await requireSignedIn(`/club/join?returnTo=${encodeURIComponent(returnTo)}`);
  if (isPayingMember(viewer)) redirect('/account?notice=already-member');
  const price = await getClubPrice();
  const error = queryValue(params.error);
  return (
    <div className="mx-auto max-w-lg px-4 py-12">
      {isTestMode() ? <TestModeBadge /> : null}
      <h1 className="mt-4 font-serif text-3xl font-bold">Join the {club.name}</h1>
      {queryValue(params.cancelled) ? (
        <p
          role="status"
          className="mt-6 rounded-lg border border-slate-300 bg-slate-50 p-4 dark:border-slate-700 dark:bg-slate-900"
        >
          Payment cancelled. You have not been charged. You can join whenever you are ready.
        </p>
      ) : null}
      {error ? (
        <p
          role="alert"
          className="mt-6 rounded-lg border border-red-300 bg-red-50 p-4 text-red-900 dark:border-red-800 dark:bg-red-950/40 dark:text-red-100"
        >
          {error === 'busy'
            ? 'You have opened the payment page many times in the last hour. Nothing was charged. Please wait a little, then try again.'
            : 'We could not open the secure payment page just now. Nothing was charged. Please try again in a moment.'}
        </p>
      ) : null}
      <div className="mt-6 rounded-2xl border border-slate-200 p-6 dark:border-slate-800">
        <p className="text-slate-700 dark:text-slate-300">
          Signed in as <strong>{viewer.email}</strong>
        </p>
        <p className="mt-4 font-serif text-3xl font-bold">
          {price ? price.label : 'Price shown at checkout'}
        </p>
        <ul className="mt-4 space-y-1 text-slate-700 dark:text-slate-300">
          {club.benefits.map((benefit) => (
            <li key={benefit.title}>✓ {benefit.title}</li>
          ))}
        </ul>
        <form action={joinClub} className="mt-6">
          <input type="hidden" name="returnTo" value={returnTo} />
          <button type="submit" className="btn-primary w-full py-3 text-base">
            Continue to secure payment
          </button>
        </form>
        <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">
          You will pay on Stripe’s secure page. Cancel any time from your account; you keep access
          until the end of the period you paid for.
        </p>
      </div>
      <p className="mt-6">
        <Link href={returnTo} className="text-brand-700 underline dark:text-brand-100">
          Not now, go back
        </Link>
      </p>
    </div>
  );
}
