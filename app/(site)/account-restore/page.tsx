import type { Metadata } from 'next';
import Link from 'next/link';
import { undoEmailChangeAction } from '@/lib/account/actions';
import { lookup, queryValue } from '@/lib/forms/query';

export const metadata: Metadata = {
  title: 'Undo the change of sign-in address',
  robots: { index: false },
};

const ERRORS: Record<string, string> = {
  invalid: 'This link is not valid any more. It may have been used already.',
  expired:
    'This link has expired (it worked for 7 days). Reply to the e-mail that brought you here and we will help.',
  taken:
    'Your old address now belongs to another Sojoourn account, so the change cannot be undone here. Reply to the e-mail that brought you here and we will sort it out.',
  failed: 'The change could not be undone just now. Please try again in a moment.',
};

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * Where the old address's "undo this change" link lands (outside /account: whoever changed the
 * address may have locked its owner out, so no session is needed). A button, so that a mail
 * scanner opening the link changes nothing.
 */
export default async function AccountRestorePage({ searchParams }: { searchParams: SearchParams }) {
  const query = await searchParams;
  const token = queryValue(query.token, 100) ?? '';
  const errorText = lookup(ERRORS, queryValue(query.error));
  const done = queryValue(query.done) === '1';
  return (
    <div className="mx-auto max-w-xl px-4 py-12">
      <h1 className="font-serif text-4xl font-bold">Undo the change of sign-in address</h1>
      {done ? (
        <>
          <p className="mt-6 text-slate-700 dark:text-slate-300" role="status">
            Done: your account is back at your old address, and every device was signed out. Sign in
            again with your old address.
          </p>
          <p className="mt-6">
            <Link href="/signin?callbackUrl=%2Faccount" className="btn-primary">
              Sign in
            </Link>
          </p>
        </>
      ) : errorText ? (
        <div
          role="alert"
          className="mt-6 rounded-lg border border-red-300 bg-red-50 p-4 text-red-900 dark:border-red-800 dark:bg-red-950/40 dark:text-red-100"
        >
          {errorText}
        </div>
      ) : token ? (
        <form action={undoEmailChangeAction} className="mt-6">
          <input type="hidden" name="token" value={token} />
          <p className="text-slate-700 dark:text-slate-300">
            Your account goes back to the address this link was sent to, and every device signed in
            to it is signed out.
          </p>
          <button type="submit" className="btn-primary mt-4">
            Undo the change
          </button>
        </form>
      ) : (
        <p className="mt-6 text-slate-700 dark:text-slate-300">
          Open the link from the e-mail that told you your sign-in address was changed.
        </p>
      )}
    </div>
  );
}
