import type { Metadata } from 'next';
import Link from 'next/link';
import { SignOutButton } from '@/components/auth/SignOutButton';
import { getViewer } from '@/lib/auth/viewer';

export const metadata: Metadata = { title: 'Sign out', robots: { index: false } };

export default async function SignOutPage() {
  const viewer = await getViewer();
  if (viewer.kind === 'reader') {
    return (
      <div className="mx-auto max-w-md px-4 py-16">
        <h1 className="font-serif text-3xl font-bold">You are signed out</h1>
        <Link href="/" className="btn-secondary mt-8">
          Back to the home page
        </Link>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md px-4 py-16">
      <h1 className="font-serif text-3xl font-bold">Sign out?</h1>
      <p className="mt-4 text-slate-700 dark:text-slate-300">
        You are signed in as <strong>{viewer.email}</strong>.
      </p>
      <div className="mt-8 flex gap-3">
        <SignOutButton />
        <Link href="/account" className="btn-secondary">
          Stay signed in
        </Link>
      </div>
    </div>
  );
}
