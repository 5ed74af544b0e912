import 'server-only';
// Partner offers for members (content/offers/*.mdx). Everything in an offer — its text, its code and
// its address — is members' text: it is read here only after lib/access says yes, rendered per
// request, and never listed in a reader copy, sitemap, feed, search index or metadata.
import { allPartnerOffers } from 'contentlayer/generated';
import { canReadMembersContent, type Viewer } from '../access';
import { readEnv } from '../platform/env';

export interface PartnerOfferView {
  slug: string;
  partner: string;
  title: string;
  code: string;
  url: string;
  validUntil: string | null;
  /** Compiled MDX. Evaluate only in a server component (components/mdx/MdxContent). */
  body: string;
}

const includeDrafts = readEnv().NODE_ENV === 'development';

/** The offers for a member (or staff), soonest-ending first; null for anyone else. */
export function offersFor(viewer: Viewer, now: Date = new Date()): PartnerOfferView[] | null {
  if (!canReadMembersContent(viewer, now)) return null;
  const today = now.toISOString().slice(0, 10);
  return allPartnerOffers
    .filter((offer) => includeDrafts || !offer.draft)
    .filter((offer) => !offer.validUntil || offer.validUntil.slice(0, 10) >= today)
    .map((offer) => ({
      slug: offer.slug,
      partner: offer.partner,
      title: offer.title,
      code: offer.code,
      url: offer.url,
      validUntil: offer.validUntil ? offer.validUntil.slice(0, 10) : null,
      body: offer.body.code,
    }))
    .sort(
      (a, b) =>
        (a.validUntil ?? '9999').localeCompare(b.validUntil ?? '9999') ||
        a.partner.localeCompare(b.partner),
    );
}
