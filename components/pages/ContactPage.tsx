// /contact (ask for a free quote), shared by app/(site)/contact (per request) and its prerendered
// reader copy.
import type { Metadata } from 'next';
import Link from 'next/link';
import { ContactForm } from '@/components/contact/ContactForm';
import { initialContactState } from '@/lib/contact/schema';
import { newContactFormToken } from '@/lib/contact/submit';
import { pageMetadata } from '@/lib/platform/seo';
import type { PageProps } from './page-props';

export const contactMetadata: Metadata = pageMetadata({
  title: 'Ask for a free quote',
  description:
    'Tell us about your situation and the French procedures you face: a Sojoourn advisor replies with a free quote for our administrative guidance.',
  path: '/contact',
});

const linkClass = 'font-semibold text-brand-700 underline dark:text-brand-100';

/**
 * Per request, the fill-time token is made now and a signed-in person's address is filled in.
 * `prerendered` (the reader copy): no token in the HTML (it would be the build's); the form
 * fetches one when it loads.
 */
export function ContactPage({
  viewer,
  prerendered = false,
}: PageProps & { prerendered?: boolean }) {
  const values = viewer.kind === 'user' ? { email: viewer.email } : {};
  const initialState = initialContactState(values, prerendered ? null : newContactFormToken());
  return (
    <div className="mx-auto max-w-5xl px-4 py-12">
      <h1 className="font-serif text-4xl font-bold md:text-5xl">Ask for a free quote</h1>
      <p className="mt-4 max-w-2xl text-lg text-slate-700 dark:text-slate-300">
        Tell us about your situation and the procedures you are facing. A Sojoourn advisor will
        reply by e-mail with a free quote for guiding you through the French paperwork, in English
        or French.
      </p>
      <div className="mt-10 grid gap-12 md:grid-cols-[1fr_18rem]">
        <ContactForm initialState={initialState} />
        <aside className="space-y-8 text-slate-700 dark:text-slate-300">
          <section aria-labelledby="next-steps">
            <h2
              id="next-steps"
              className="font-serif text-xl font-bold text-slate-900 dark:text-slate-50"
            >
              What happens next
            </h2>
            <ol className="mt-3 list-decimal space-y-2 pl-5">
              <li>You receive an e-mail saying that your request arrived, with its reference.</li>
              <li>A Sojoourn advisor reads your request.</li>
              <li>
                We reply with a free quote. There is no commitment: you decide whether to go ahead.
              </li>
            </ol>
            <p className="mt-3 text-sm">
              We use your details only to answer your request: see our{' '}
              <Link href="/privacy" className={linkClass}>
                privacy policy
              </Link>
              .
            </p>
          </section>
          <section aria-labelledby="short-stays">
            <h2
              id="short-stays"
              className="font-serif text-xl font-bold text-slate-900 dark:text-slate-50"
            >
              In France for less than 3 months?
            </h2>
            <p className="mt-3">
              Short stays do not open French public health insurance. Read about{' '}
              <Link href="/partners/partirassur" className={linkClass}>
                health insurance for short stays
              </Link>
              .
            </p>
          </section>
        </aside>
      </div>
    </div>
  );
}
