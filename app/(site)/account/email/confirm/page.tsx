import type { Metadata } from 'next';
import Link from 'next/link';
import { confirmEmailChangeAction } from '@/lib/account/actions';
import { requireSignedIn } from '@/lib/auth/viewer';
import { lookup, queryValue } from '@/lib/forms/query';

export const metadata: Metadata = { title: 'Confirm your new address', robots: { index: false } };

const ERRORS: Record<string, string> = {
  invalid:
    'This link is not valid any more. It may have been used already, or replaced by a newer one.',
  expired: 'This link has expired. Ask for a new one from your account page.',
  'other-account':
    'This link was sent for another Sojoourn account. Sign out, then sign in with that account to use it.',
  taken: 'That address now belongs to another Sojoourn account, so it cannot be used.',
};

type SearchParams = Promise<{ token?: string | string[]; error?: string | string[] }>;

export default async function ConfirmEmailPage({ searchParams }: { searchParams: SearchParams }) {
  const { token, error } = await searchParams;
  const tokenValue = queryValue(token, 100) ?? '';
  await requireSignedIn(
    tokenValue ? `/account/email/confirm?token=${encodeURIComponent(tokenValue)}` : '/account',
  );
  // Any value at all may arrive here (`__proto__` included): only the table's own entries count.
  const errorText = lookup(ERRORS, queryValue(error));
  return (
    <div className="mx-auto max-w-xl px-4 py-12">
      <h1 className="font-serif text-4xl font-bold">Confirm your new sign-in address</h1>
      {errorText ? (
        <div
          role="alert"
          className="mt-6 rounded-lg border border-red-300 bg-red-50 p-4 text-red-900 dark:border-red-800 dark:bg-red-950/40 dark:text-red-100"
        >
          {errorText}
        </div>
      ) : null}
      {tokenValue && !errorText ? (
        <form action={confirmEmailChangeAction} className="mt-6">
          <input type="hidden" name="token" value={tokenValue} />
          <p className="text-slate-700 dark:text-slate-300">
            Press the button to sign in with your new address from now on.
          </p>
          <button type="submit" className="btn-primary mt-4">
            Confirm my new address
          </button>
        </form>
      ) : (
        <p className="mt-6">
          <Link href="/account" className="btn-secondary">
            Back to your account
          </Link>
        </p>
      )}
    </div>
  );
}
