import type { Metadata } from 'next';
import Link from 'next/link';
import { LINK_PROBLEMS, linkState } from '@/lib/auth/link-problem';
import { SIGNIN_ERRORS } from '@/lib/auth/schema';
import { queryValue } from '@/lib/forms/query';
import { safeReturnPath } from '@/lib/platform/site-url';

export const metadata: Metadata = { title: 'Finish signing in', robots: { index: false } };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// The e-mail's link lands here. Opening this page uses nothing up (mail scanners open links before
// people do); the button below completes the sign-in through next-auth's callback. A link that
// cannot work says why: used, expired, or not one of ours (made up, or cut short by a mail app).
export default async function ConfirmSignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const token = queryValue(params.token, 201) ?? '';
  const email = queryValue(params.email, 255) ?? '';
  const callbackUrl = queryValue(params.callbackUrl);
  const back = safeReturnPath(callbackUrl, '/account');
  const state = await linkState(token, email);

  if (state !== 'valid') {
    const problem = SIGNIN_ERRORS[LINK_PROBLEMS[state]]!;
    const again = `/signin?email=${encodeURIComponent(email.slice(0, 254))}&callbackUrl=${encodeURIComponent(back)}`;
    return (
      <div className="mx-auto max-w-md px-4 py-16">
        <h1 className="font-serif text-3xl font-bold">{problem.title}</h1>
        <p className="mt-4 text-slate-700 dark:text-slate-300" role="alert">
          {problem.message}
        </p>
        <Link href={again} className="btn-primary mt-8">
          Send me a new link
        </Link>
      </div>
    );
  }

  return (
    <div className="mx-auto max-w-md px-4 py-16">
      <h1 className="font-serif text-3xl font-bold">Finish signing in</h1>
      <p className="mt-4 text-slate-700 dark:text-slate-300">
        You are signing in as <strong>{email}</strong>.
      </p>
      <form method="get" action="/api/auth/callback/email" className="mt-8">
        <input type="hidden" name="callbackUrl" value={back} />
        <input type="hidden" name="token" value={token} />
        <input type="hidden" name="email" value={email} />
        <button type="submit" className="btn-primary w-full">
          Sign in to Sojoourn
        </button>
      </form>
    </div>
  );
}
