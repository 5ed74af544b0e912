import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/SignInForm';
import { getViewer } from '@/lib/auth/viewer';
import { getClubPrice } from '@/lib/billing/price';
import { club } from '@/lib/config';
import { queryValue } from '@/lib/forms/query';
import { safeReturnPath } from '@/lib/platform/site-url';

export const metadata: Metadata = { title: 'Sign in', robots: { index: false } };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeReturnPath(queryValue(params.callbackUrl), '/account');
  const viewer = await getViewer();
  if (viewer.kind === 'user') redirect(callbackUrl);
  // "Join the club" from a gate comes here first (joining needs an account): say so, with the price.
  const joining = /^\/club\/join(?:[/?#]|$)/.test(callbackUrl);
  const price = joining ? await getClubPrice() : null;
  return (
    <div className="mx-auto max-w-md px-4 py-16">
      {joining ? (
        <div
          className="mb-8 rounded-2xl border border-brand-600/30 bg-brand-50 p-5 text-slate-800 dark:bg-slate-900 dark:text-slate-200"
          data-testid="joining-notice"
        >
          <p className="font-semibold">
            You are joining the {club.name}
            {price ? ` — ${price.label}` : ''}.
          </p>
          <p className="mt-1 text-sm">
            First, sign in with your e-mail address (new here? the same link creates your account).
            The link brings you back to pay, on Stripe&rsquo;s secure page.
          </p>
        </div>
      ) : null}
      <h1 className="font-serif text-3xl font-bold">Sign in to Sojoourn</h1>
      <p className="mt-2 text-slate-700 dark:text-slate-300">
        Enter your e-mail address and we will send you a link. New here? The same link creates your
        account.
      </p>
      <div className="mt-8">
        <SignInForm
          callbackUrl={callbackUrl}
          initialEmail={queryValue(params.email, 254) ?? ''}
          initialError={queryValue(params.error, 100) ?? null}
        />
      </div>
    </div>
  );
}
