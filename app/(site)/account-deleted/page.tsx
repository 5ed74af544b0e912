import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Your account is deleted', robots: { index: false } };

/** Where a deleted account lands (outside /account, which asks for a session). */
export default function AccountDeletedPage() {
  return (
    <div className="mx-auto max-w-xl px-4 py-12">
      <h1 className="font-serif text-4xl font-bold">Your account is deleted</h1>
      <p className="mt-4 text-slate-700 dark:text-slate-300" role="status">
        We deleted your account and the data we held about you, cancelled any subscription at once
        and signed you out on every device. We have e-mailed you a confirmation.
      </p>
      <p className="mt-6">
        <Link href="/" className="btn-secondary">
          Back to the home page
        </Link>
      </p>
    </div>
  );
}
