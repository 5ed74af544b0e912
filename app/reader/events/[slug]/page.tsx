import { EventPage, type EventParams } from '@/components/pages/EventPage';
import { READER } from '@/lib/access';

export {
  eventMetadata as generateMetadata,
  eventStaticParams as generateStaticParams,
} from '@/components/pages/EventPage';
// An unknown slug (a typo, a draft, a removed page) is rendered on request and answers 404 via
// notFound(). With dynamicParams = false, Next 16.4 answered a reader's RSC request or prefetch for
// one with a 500 ("Expected RSC response, got text/html"); the leak crawl checks every status.
export const dynamicParams = true;
// Rebuilt hourly so the "Past event" mark appears once the event has ended.
export const revalidate = 3600;

export default async function Page({ params }: EventParams) {
  return <EventPage slug={(await params).slug} viewer={READER} />;
}
