import { EventPage, type EventParams } from '@/components/pages/EventPage';
import { READER } from '@/lib/access';

export {
  eventMetadata as generateMetadata,
  eventStaticParams as generateStaticParams,
} from '@/components/pages/EventPage';
// Only the slugs built here: next.config.js rewrites readers here for those alone (a made-up or
// draft slug gets the per-request 404 of app/(site), lib/platform/content-slugs.js), and one asked
// for here directly gets Next's 404 without being rendered, so nothing is ever kept on disk for it.
export const dynamicParams = false;
// Rebuilt hourly so the "Past event" mark appears once the event has ended.
export const revalidate = 3600;

export default async function Page({ params }: EventParams) {
  return <EventPage slug={(await params).slug} viewer={READER} />;
}
