import type { Metadata } from 'next';
import Link from 'next/link';
import { joinClub, openBillingPortal } from '@/lib/billing/actions';
import { TestModeBadge } from '@/components/TestModeBadge';
import { MemberHome } from '@/components/club/MemberHome';
import { audienceOf, canReadMembersContent } from '@/lib/access';
import { getViewer } from '@/lib/auth/viewer';
import { getClubPrice, isTestMode } from '@/lib/billing';
import { club } from '@/lib/config';
import { queryValue } from '@/lib/forms/query';
import { pageMetadata } from '@/lib/platform/seo';

export const metadata: Metadata = pageMetadata({
  title: 'The Sojoourn Club',
  description:
    'Members read every guide section, get personalised assistance, register for our events and see our partners’ offers.',
  path: '/club',
});

/** A member's home (their file, requests, events, offers, billing); everyone else: the club's page. */
export default async function ClubPage({
  searchParams,
}: {
  searchParams: Promise<{ events?: string | string[] }>;
}) {
  const viewer = await getViewer();
  if (viewer.kind === 'user' && canReadMembersContent(viewer)) {
    const { events } = await searchParams;
    return <MemberHome viewer={viewer} eventsNotice={queryValue(events, 40)} />;
  }
  const price = await getClubPrice();
  const audience = audienceOf(viewer);

  let action;
  if (audience === 'payment-issue') {
    action = (
      <form action={openBillingPortal}>
        <input type="hidden" name="returnTo" value="/club" />
        <p className="mb-3">Your last payment did not go through.</p>
        <button type="submit" className="btn-primary">
          Update your card
        </button>
      </form>
    );
  } else if (viewer.kind === 'user') {
    action = (
      <form action={joinClub}>
        <input type="hidden" name="returnTo" value="/club" />
        <button type="submit" className="btn-primary px-6 py-3 text-base">
          Join the club{price ? ` — ${price.label}` : ''}
        </button>
      </form>
    );
  } else {
    action = (
      <div className="flex flex-wrap items-center gap-4">
        <Link
          href={`/signin?callbackUrl=${encodeURIComponent('/club/join?returnTo=/club')}`}
          className="btn-primary px-6 py-3 text-base"
        >
          Join the club
        </Link>
        <Link
          href="/signin?callbackUrl=%2Fclub"
          className="text-sm font-semibold text-brand-700 underline dark:text-brand-100"
        >
          Already a member? Sign in
        </Link>
      </div>
    );
  }

  return (
    <div className="mx-auto max-w-5xl px-4 py-12">
      {isTestMode() ? <TestModeBadge /> : null}
      <h1 className="mt-4 font-serif text-4xl font-bold md:text-5xl">The {club.name}</h1>
      <p className="mt-4 max-w-2xl text-lg text-slate-700 dark:text-slate-300">
        Settling in France is easier with help. Members get the extra tips in our guides, personal
        answers from an advisor, a place at our events and our partners’ offers.
      </p>
      <div className="mt-10 grid gap-10 md:grid-cols-[1fr_20rem]">
        <section aria-labelledby="benefits-title">
          <h2 id="benefits-title" className="font-serif text-2xl font-bold">
            What members get
          </h2>
          <ul className="mt-6 space-y-5">
            {club.benefits.map((benefit) => (
              <li key={benefit.title} className="flex gap-3">
                <span aria-hidden="true" className="mt-1 text-brand-700 dark:text-brand-100">
                  ✓
                </span>
                <div>
                  <p className="font-semibold">{benefit.title}</p>
                  <p className="text-slate-700 dark:text-slate-300">{benefit.description}</p>
                </div>
              </li>
            ))}
          </ul>
        </section>
        <aside
          aria-labelledby="price-title"
          className="h-fit rounded-2xl border border-slate-200 p-6 shadow-sm dark:border-slate-800"
        >
          <h2
            id="price-title"
            className="text-sm font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400"
          >
            Membership
          </h2>
          <p className="mt-2 font-serif text-3xl font-bold" data-testid="club-price">
            {price ? price.label : 'Price shown at checkout'}
          </p>
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
            Cancel any time. Secure payment by Stripe.
          </p>
          <div className="mt-6">{action}</div>
        </aside>
      </div>
      <section aria-labelledby="faq-title" className="mt-16 max-w-3xl">
        <h2 id="faq-title" className="font-serif text-2xl font-bold">
          Questions
        </h2>
        <dl className="mt-6 space-y-6">
          {club.faq.map((item) => (
            <div key={item.question}>
              <dt className="font-semibold">{item.question}</dt>
              <dd className="mt-1 text-slate-700 dark:text-slate-300">{item.answer}</dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}
