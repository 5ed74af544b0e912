import type { Metadata } from 'next';
import Link from 'next/link';
import { SIGNIN_ERRORS, signInError } from '@/lib/auth/schema';
import { queryValue } from '@/lib/forms/query';

export const metadata: Metadata = { title: 'Sign-in problem', robots: { index: false } };

export default async function SignInErrorPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string | string[] }>;
}) {
  const { error } = await searchParams;
  const problem = signInError(queryValue(error) || 'Default') ?? SIGNIN_ERRORS.Default!;
  return (
    <div className="mx-auto max-w-md px-4 py-16">
      <h1 className="font-serif text-3xl font-bold">{problem.title}</h1>
      <p className="mt-4 text-slate-700 dark:text-slate-300" role="alert">
        {problem.message}
      </p>
      <Link href="/signin" className="btn-primary mt-8">
        Send me a new link
      </Link>
    </div>
  );
}
