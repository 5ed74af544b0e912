// What every public page module under components/pages takes, so both route trees call them alike:
// app/(site)/… passes `await getViewer()`, app/reader/… passes READER (the prerendered copy).
import type { Viewer } from '@/lib/access';
import { audienceOf } from '@/lib/access';
import { getClubPrice } from '@/lib/billing/price';

/** A page component's props: who is looking, plus its route params already resolved. */
export type PageProps<Params extends Record<string, string> = Record<never, never>> = Params & {
  viewer: Viewer;
};

/** A dynamic route's props as Next passes them (for the route and its generateMetadata). */
export type RouteParams<Params extends Record<string, string>> = { params: Promise<Params> };

/** The price is only shown to signed-in non-members, so only they cost a Stripe lookup. */
export async function clubPriceFor(viewer: Viewer): Promise<string | null> {
  return audienceOf(viewer) === 'user' ? ((await getClubPrice())?.label ?? null) : null;
}
