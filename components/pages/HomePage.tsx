// The home page (/), shared by app/(site)/page.tsx and its prerendered reader copy app/reader/page.tsx.
// No metadata of its own: the root layout's title and description are the home page's.
import Link from 'next/link';
import { GuideCard } from '@/components/GuideCard';
import { club, site } from '@/lib/config';
import { homeGuides } from '@/lib/content';
import type { PageProps } from './page-props';

export function HomePage({ viewer }: PageProps) {
  // Featured guides first (the Carte Vitale flagship), then the newest: never drafts.
  const latest = homeGuides(3);
  return (
    <>
      <section className="bg-gradient-to-b from-brand-50 to-white dark:from-slate-900 dark:to-slate-950">
        <div className="mx-auto max-w-6xl px-4 py-16 md:py-24">
          <p className="text-sm font-semibold uppercase tracking-wider text-brand-700 dark:text-brand-100">
            {site.tagline}
          </p>
          <h1 className="mt-3 max-w-3xl font-serif text-4xl font-bold leading-tight text-slate-900 md:text-6xl dark:text-slate-50">
            Get through French paperwork with confidence.
          </h1>
          <p className="mt-6 max-w-2xl text-lg text-slate-700 dark:text-slate-300">
            Sojoourn helps expats settle in France. Our guides explain each procedure step by step,
            in plain English, with the French words you will meet and links to the official pages.
            When you want a hand, our club and advisors are here.
          </p>
          <div className="mt-8 flex flex-wrap gap-3">
            <Link href="/guides" className="btn-primary">
              Read the guides
            </Link>
            <Link href="/guides/carte-vitale/planner" prefetch={false} className="btn-secondary">
              Plan your route to the Carte Vitale
            </Link>
            <Link href="/contact" className="btn-secondary">
              Ask for a free quote
            </Link>
          </div>
        </div>
      </section>

      <section aria-labelledby="latest-guides" className="mx-auto max-w-6xl px-4 py-12">
        <div className="flex items-end justify-between gap-4">
          <h2 id="latest-guides" className="font-serif text-3xl font-bold">
            Start with these guides
          </h2>
          <Link
            href="/guides"
            className="text-sm font-semibold text-brand-700 hover:underline dark:text-brand-100"
          >
            See all guides →
          </Link>
        </div>
        <div className="mt-6 grid gap-6 md:grid-cols-3" data-testid="home-guides">
          {latest.map((guide) => (
            <GuideCard key={guide.slug} guide={guide} />
          ))}
        </div>
      </section>

      <section aria-labelledby="club-cta" className="mx-auto max-w-6xl px-4 py-12">
        <div className="rounded-3xl bg-brand-900 p-8 text-white md:p-12">
          <h2 id="club-cta" className="font-serif text-3xl font-bold">
            {viewer.kind === 'reader' ? `Join the ${club.name}` : `The ${club.name}`}
          </h2>
          <ul className="mt-6 grid gap-4 md:grid-cols-2">
            {club.benefits.map((benefit) => (
              <li key={benefit.title}>
                <p className="font-semibold">{benefit.title}</p>
                <p className="text-brand-100">{benefit.description}</p>
              </li>
            ))}
          </ul>
          <Link href="/club" className="btn mt-8 bg-white text-brand-900 hover:bg-brand-50">
            Discover the club
          </Link>
        </div>
      </section>

      <section aria-labelledby="short-stay" className="mx-auto max-w-6xl px-4 pb-8">
        <h2 id="short-stay" className="font-serif text-2xl font-bold">
          In France for less than 3 months?
        </h2>
        <p className="mt-2 max-w-2xl text-slate-700 dark:text-slate-300">
          Short stays do not open the door to French public health insurance, but you can still be
          covered. Read{' '}
          <Link
            href="/guides/health-cover-short-stays-france"
            prefetch={false}
            className="text-brand-700 underline dark:text-brand-100"
          >
            our guide to short stays
          </Link>{' '}
          or meet{' '}
          <Link
            href="/partners/partirassur"
            prefetch={false}
            className="text-brand-700 underline dark:text-brand-100"
          >
            our insurance partner
          </Link>
          .
        </p>
      </section>
    </>
  );
}
