// /club for a member: their home in the club. Their Carte Vitale file, their assistance requests
// and where each stands, their events (cancel behind a confirmation), the partner offers, and
// their membership with the billing portal. Rendered per request for them alone: the page is
// private and no-store (next.config.js, signed-in pages), and holds nothing shared.
import Link from 'next/link';
import { AssistanceRequests } from '@/components/AssistanceRequests';
import { MembershipPanel } from '@/components/MembershipPanel';
import { MemberHomeFile } from '@/components/club/MemberHomeFile';
import { MyEvents } from '@/components/events/MyEvents';
import type { SignedInViewer } from '@/lib/access';
import { hasBillingAccount } from '@/lib/billing';
import { club } from '@/lib/config';
import { offersFor } from '@/lib/offers';
import { formatDay } from '@/lib/platform/format';

export async function MemberHome({
  viewer,
  eventsNotice,
}: {
  viewer: SignedInViewer;
  eventsNotice?: string;
}) {
  const billingAccount = await hasBillingAccount(viewer.userId);
  const offers = offersFor(viewer) ?? [];
  return (
    <div className="mx-auto max-w-3xl px-4 py-12">
      <h1 className="font-serif text-4xl font-bold">Your {club.name}</h1>
      <p className="mt-4 text-lg text-slate-700 dark:text-slate-300">
        Everything the club does for you, in one place.
      </p>
      <div className="mt-8 space-y-8">
        <MemberHomeFile viewer={viewer} />
        <AssistanceRequests viewer={viewer} />
        <MyEvents viewer={viewer} from="club" notice={eventsNotice} />
        <section
          id="my-offers"
          aria-labelledby="my-offers-title"
          className="rounded-2xl border border-slate-200 p-6 dark:border-slate-800"
        >
          <h2 id="my-offers-title" className="font-serif text-2xl font-bold">
            Partner offers
          </h2>
          {offers.length ? (
            <ul className="mt-4 space-y-2" data-testid="home-offers">
              {offers.map((offer) => (
                <li key={offer.slug}>
                  <span className="font-semibold">{offer.partner}</span>: {offer.title}
                  {offer.validUntil ? (
                    <span className="text-sm text-slate-600 dark:text-slate-400">
                      {' '}
                      (until {formatDay(offer.validUntil)})
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-2 text-slate-700 dark:text-slate-300">
              No partner offer is running just now.
            </p>
          )}
          <Link href="/club/offers" className="btn-secondary mt-4">
            See the partner offers and their codes
          </Link>
        </section>
        <MembershipPanel
          membership={viewer.membership}
          hasBillingAccount={billingAccount}
          returnTo="/club"
        />
      </div>
    </div>
  );
}
