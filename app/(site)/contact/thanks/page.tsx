import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Thank you', robots: { index: false } };

export default function ContactThanksPage() {
  return (
    <div className="mx-auto max-w-2xl px-4 py-16">
      <h1 className="font-serif text-4xl font-bold">Thank you: we have your request</h1>
      <p className="mt-4 text-lg text-slate-700 dark:text-slate-300">
        You will receive an e-mail confirming what you told us. A Sojoourn advisor will read your
        request and reply by e-mail with a free quote for our administrative guidance.
      </p>
      <p className="mt-4 text-slate-700 dark:text-slate-300">
        No e-mail from us? Check your spam folder, or{' '}
        <Link
          href="/contact"
          className="font-semibold text-brand-700 underline dark:text-brand-100"
        >
          send a new request
        </Link>{' '}
        if the address you gave had a typo.
      </p>
      <div className="mt-8 flex flex-wrap gap-3">
        <Link href="/guides" className="btn-primary">
          Read the guides
        </Link>
        <Link href="/" className="btn-secondary">
          Back to the home page
        </Link>
      </div>
    </div>
  );
}
