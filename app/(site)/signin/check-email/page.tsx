import type { Metadata } from 'next';
import Link from 'next/link';
import { queryValue } from '@/lib/forms/query';
import { signInLinkMaxAgeSeconds } from '@/lib/platform/env';

export const metadata: Metadata = { title: 'Check your inbox', robots: { index: false } };

export default async function CheckEmailPage({
  searchParams,
}: {
  searchParams: Promise<{ email?: string | string[] }>;
}) {
  const email = queryValue((await searchParams).email, 254);
  const hours = Math.round(signInLinkMaxAgeSeconds() / 3600);
  return (
    <div className="mx-auto max-w-md px-4 py-16">
      <h1 className="font-serif text-3xl font-bold">Check your inbox</h1>
      <p className="mt-4 text-lg text-slate-700 dark:text-slate-300" role="status">
        We sent a sign-in link to <strong>{email || 'your e-mail address'}</strong>.
      </p>
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
