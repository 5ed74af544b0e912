import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import Link from 'next/link';
import { CONTACT_REFERENCE_COOKIE, openReference } from '@/lib/contact/reference';
import { authSecret } from '@/lib/platform/env';

export const metadata: Metadata = { title: 'Thank you', robots: { index: false } };

export default async function ContactThanksPage() {
  // Set by the form's action for the request this browser just sent (lib/contact/reference.ts).
  const reference = openReference(
    (await cookies()).get(CONTACT_REFERENCE_COOKIE)?.value,
    authSecret(),
  );
  return (
    <div className="mx-auto max-w-2xl px-4 py-16">
      <h1 className="font-serif text-4xl font-bold">Thank you: we have your request</h1>
      {reference ? (
        <p className="mt-6 text-lg text-slate-800 dark:text-slate-200">
          Your request’s reference:{' '}
          <strong className="break-all font-mono" data-testid="quote-reference">
            {reference}
          </strong>
        </p>
      ) : null}
      <p className="mt-4 text-lg text-slate-700 dark:text-slate-300">
        We are sending an e-mail to the address you gave. It says that your request arrived, when,
        and its reference{reference ? ' (the one above)' : ''}. For your privacy it does not repeat
        what you wrote.
      </p>
      <p className="mt-4 text-lg text-slate-700 dark:text-slate-300">
        A Sojoourn advisor will read your request and reply by e-mail with a free quote for our
        administrative guidance.
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
