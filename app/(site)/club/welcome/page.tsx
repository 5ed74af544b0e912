import type { Metadata } from 'next';
import Link from 'next/link';
import { requireSignedIn } from '@/lib/auth/viewer';
import { confirmCheckout } from '@/lib/billing';
import { club } from '@/lib/config';
import { queryValue } from '@/lib/forms/query';
import { safeReturnPath } from '@/lib/platform/site-url';

export const metadata: Metadata = { title: 'Welcome to the club', robots: { index: false } };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function WelcomePage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const returnTo = safeReturnPath(queryValue(params.returnTo), '/account');
  const sessionId = queryValue(params.session_id, 200) ?? '';
  const viewer = await requireSignedIn(
    `/club/welcome?session_id=${encodeURIComponent(sessionId)}&returnTo=${encodeURIComponent(returnTo)}`,
  );
  const result = sessionId
    ? await confirmCheckout(viewer, sessionId)
    : ({ kind: 'not-found' } as const);

  if (result.kind === 'paid') {
    return (
      <div className="mx-auto max-w-lg px-4 py-16 text-center">
        <p
          aria-hidden="true"
          className="mx-auto flex h-16 w-16 items-center justify-center rounded-full bg-amber-100 text-3xl text-amber-700 dark:bg-amber-900/40 dark:text-amber-300"
        >
          ★
        </p>
        <h1 className="mt-4 font-serif text-4xl font-bold">Welcome to the {club.name}!</h1>
        <p className="mt-4 text-lg text-slate-700 dark:text-slate-300">
          Your membership is active. Every members’ section is now open to you.
        </p>
        <div className="mt-8 flex flex-wrap justify-center gap-3">
          {returnTo !== '/account' && returnTo !== '/club' ? (
            <Link href={returnTo} className="btn-primary">
              Continue where you left off
            </Link>
          ) : null}
          <Link
            href="/account"
            className={
              returnTo !== '/account' && returnTo !== '/club' ? 'btn-secondary' : 'btn-primary'
            }
          >
            See your membership
          </Link>
          <Link href="/club" className="btn-secondary">
            Your club home
          </Link>
        </div>
      </div>
    );
  }
  const waitMinutes = result.kind === 'rate-limited' ? Math.ceil(result.retryAfterSeconds / 60) : 0;
  const message =
    result.kind === 'rate-limited'
      ? {
          title: 'Please wait a few minutes',
          text: `This page has checked your payment many times. Your account page shows your membership as soon as it is confirmed, or try this page again in ${waitMinutes} minute${waitMinutes === 1 ? '' : 's'}.`,
        }
      : result.kind === 'pending'
        ? {
            title: 'We are confirming your payment',
            text: 'This usually takes a few seconds. Refresh this page in a moment.',
          }
        : result.kind === 'not-yours'
          ? {
              title: 'This payment belongs to another account',
              text: 'You are signed in with a different e-mail address from the one that paid. Sign in with that address to see the membership.',
            }
          : {
              title: 'We could not find this payment',
              text: 'If you were charged, your account page will show your membership shortly.',
            };
  return (
    <div className="mx-auto max-w-lg px-4 py-16">
      <h1 className="font-serif text-3xl font-bold">{message.title}</h1>
      <p role="status" className="mt-4 text-slate-700 dark:text-slate-300">
        {message.text}
      </p>
      <Link href="/account" className="btn-primary mt-8">
        Go to your account
      </Link>
    </div>
  );
}
