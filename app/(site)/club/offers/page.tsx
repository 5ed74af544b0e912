import type { Metadata } from 'next';
import { MembersGate } from '@/components/MembersGate';
import { MdxContent } from '@/components/mdx/MdxContent';
import { clubPriceFor } from '@/components/pages/page-props';
import { audienceOf } from '@/lib/access';
import { getViewer } from '@/lib/auth/viewer';
import { offersFor } from '@/lib/offers';
import { formatDay } from '@/lib/platform/format';

// Members' text: rendered per request after lib/access, never prerendered, listed or indexed.
export const metadata: Metadata = {
  title: 'Partner offers for members',
  robots: { index: false, follow: false },
};

const PATH = '/club/offers';

export default async function PartnerOffersPage() {
  const viewer = await getViewer();
  const offers = offersFor(viewer);
  const audience = audienceOf(viewer);
  return (
    <div className="mx-auto max-w-3xl px-4 py-12">
      <h1 className="font-serif text-4xl font-bold">Partner offers</h1>
      {offers === null ? (
        <section
          id="offers-gate"
          aria-labelledby="offers-gate-title"
          className="mt-8 rounded-2xl border border-amber-300 bg-amber-50 p-6 dark:border-amber-800 dark:bg-amber-950/30"
        >
          <h2 id="offers-gate-title" className="font-serif text-2xl font-bold">
            Offers from Sojoourn’s partners, for members
          </h2>
          <MembersGate
            audience={audience === 'member' || audience === 'staff' ? 'user' : audience}
            returnTo={PATH}
            priceLabel={await clubPriceFor(viewer)}
            what="This page"
            joinReason="Join to see our partners’ offers and their codes."
          />
        </section>
      ) : offers.length ? (
        <>
          <p className="mt-4 text-lg text-slate-700 dark:text-slate-300">
            Codes from Sojoourn’s partners, for members only. Please keep them to yourself.
          </p>
          <ul className="mt-8 space-y-6">
            {offers.map((offer) => (
              <li
                key={offer.slug}
                className="rounded-2xl border border-slate-200 p-6 dark:border-slate-800"
                data-testid="partner-offer"
              >
                <article aria-labelledby={`offer-${offer.slug}`}>
                  <p className="text-sm font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
                    {offer.partner}
                  </p>
                  <h2 id={`offer-${offer.slug}`} className="mt-1 font-serif text-2xl font-bold">
                    {offer.title}
                  </h2>
                  <p className="mt-4">
                    Your code:{' '}
                    <code
                      className="rounded bg-slate-100 px-2 py-1 font-mono text-lg font-bold dark:bg-slate-800"
                      data-testid="offer-code"
                    >
                      {offer.code}
                    </code>
                  </p>
                  {offer.validUntil ? (
                    <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
                      Valid until {formatDay(offer.validUntil)}
                    </p>
                  ) : null}
                  <div className="prose prose-slate mt-4 max-w-none dark:prose-invert">
                    <MdxContent code={offer.body} viewer={viewer} pagePath={PATH} />
                  </div>
                  <p className="mt-4">
                    <a
                      href={offer.url}
                      rel="noopener noreferrer"
                      className="font-semibold text-brand-700 underline dark:text-brand-100"
                    >
                      Go to {offer.partner}
                    </a>
                  </p>
                </article>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="mt-8 text-slate-700 dark:text-slate-300">
          There are no partner offers just now. We will add them here as soon as there are.
        </p>
      )}
    </div>
  );
}
