import type { Metadata } from 'next';
import Link from 'next/link';
import { queryValue } from '@/lib/forms/query';
import { emailServer, signInLinkMaxAgeSeconds } from '@/lib/platform/env';

export const metadata: Metadata = { title: 'Check your inbox', robots: { index: false } };

export default async function CheckEmailPage({
  searchParams,
}: {
  searchParams: Promise<{ email?: string | string[] }>;
}) {
  const email = queryValue((await searchParams).email, 254);
  const hours = Math.round(signInLinkMaxAgeSeconds() / 3600);
  // No SMTP server (development): nothing is sent, the link is printed by `npm run dev`.
  const printed = !emailServer();
  return (
    <div className="mx-auto max-w-md px-4 py-16">
      <h1 className="font-serif text-3xl font-bold">Check your inbox</h1>
      <p className="mt-4 text-lg text-slate-700 dark:text-slate-300" role="status">
        We sent a sign-in link to <strong>{email || 'your e-mail address'}</strong>.
      </p>
      {printed ? (
        <p
          className="mt-4 rounded-lg border border-amber-400 bg-amber-50 p-3 text-amber-950 dark:bg-amber-950/40 dark:text-amber-100"
          data-testid="dev-mail-notice"
        >
          Development: no e-mail server is set (<code>EMAIL_SERVER</code>), so nothing was sent. The
          sign-in link is printed in the terminal where <code>npm run dev</code> runs.
        </p>
      ) : null}
      <p className="mt-4 text-slate-700 dark:text-slate-300">
        Open it on this device to finish signing in. The link works once and expires in {hours} hour
        {hours === 1 ? '' : 's'}. Nothing there? Check your spam folder.
      </p>
      <p className="mt-8">
        <Link href="/signin" className="text-brand-700 underline dark:text-brand-100">
          Use a different e-mail address
        </Link>
      </p>
    </div>
  );
}
