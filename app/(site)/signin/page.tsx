import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/SignInForm';
import { getViewer } from '@/lib/auth/viewer';
import { queryValue } from '@/lib/forms/query';
import { safeReturnPath } from '@/lib/platform/site-url';

export const metadata: Metadata = { title: 'Sign in', robots: { index: false } };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeReturnPath(queryValue(params.callbackUrl), '/account');
  const viewer = await getViewer();
  if (viewer.kind === 'user') redirect(callbackUrl);
  return (
    <div className="mx-auto max-w-md px-4 py-16">
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
