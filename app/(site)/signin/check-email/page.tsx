import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import Link from 'next/link';
import { SignInCodeForm } from '@/components/auth/SignInCodeForm';
import { TYPED_CODE_COOKIE } from '@/lib/auth/code-cookie';
import { queryValue } from '@/lib/forms/query';
import { emailServer, signInLinkMaxAgeSeconds } from '@/lib/platform/env';
import { safeReturnPath } from '@/lib/platform/site-url';

export const metadata: Metadata = { title: 'Check your inbox', robots: { index: false } };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function CheckEmailPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const email = queryValue(params.email, 254);
  const error = queryValue(params.error, 40) ?? null;
  const left = Number(queryValue(params.left, 2));
  // What was typed before a refused code (app/(site)/signin/code/route.ts), shown back.
  const typed = error ? ((await cookies()).get(TYPED_CODE_COOKIE)?.value ?? '').slice(0, 20) : '';
  const hours = Math.round(signInLinkMaxAgeSeconds() / 3600);
  // No SMTP server (development): nothing is sent, the link and code are printed by `npm run dev`.
  const printed = !emailServer();
  const again = `/signin?${new URLSearchParams({
    ...(email ? { email } : {}),
    callbackUrl: safeReturnPath(queryValue(params.callbackUrl), '/account'),
  })}`;
  return (
    <div className="mx-auto max-w-md px-4 py-16">
      <h1 className="font-serif text-3xl font-bold">Check your inbox</h1>
      <p className="mt-4 text-lg text-slate-700 dark:text-slate-300" role="status">
        We sent a sign-in link and code to <strong>{email || 'your e-mail address'}</strong>.
      </p>
      {printed ? (
        <p
          className="mt-4 rounded-lg border border-amber-400 bg-amber-50 p-3 text-amber-950 dark:bg-amber-950/40 dark:text-amber-100"
          data-testid="dev-mail-notice"
        >
          Development: no e-mail server is set (<code>EMAIL_SERVER</code>), so nothing was sent. The
          sign-in link and code are printed in the terminal where <code>npm run dev</code> runs.
        </p>
      ) : null}
      <h2 className="mt-8 text-xl font-semibold">Reading your mail on another device?</h2>
      <p className="mt-2 text-slate-700 dark:text-slate-300">
        Type the code from the e-mail here to sign in on this browser.
      </p>
      <div className="mt-4">
        <SignInCodeForm
          email={email ?? ''}
          error={error}
          triesLeft={Number.isInteger(left) && left > 0 ? left : null}
          typed={typed}
        />
      </div>
      <h2 className="mt-10 text-xl font-semibold">On this device?</h2>
      <p className="mt-2 text-slate-700 dark:text-slate-300">
        Open the link in the e-mail. It works once and expires in {hours} hour
        {hours === 1 ? '' : 's'}. Nothing there? Check your spam folder.
      </p>
      <p className="mt-8 flex flex-col gap-2">
        <Link href={again} className="text-brand-700 underline dark:text-brand-100">
          Ask for a new link and code
        </Link>
        <Link href="/signin" className="text-brand-700 underline dark:text-brand-100">
          Use a different e-mail address
        </Link>
      </p>
    </div>
  );
}
