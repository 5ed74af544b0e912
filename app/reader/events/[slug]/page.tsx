import { EventPage, type EventParams } from '@/components/pages/EventPage';
import { READER } from '@/lib/access';

export {
  eventMetadata as generateMetadata,
  eventStaticParams as generateStaticParams,
} from '@/components/pages/EventPage';
export const dynamicParams = false;
// Rebuilt hourly so the "Past event" mark appears once the event has ended.
export const revalidate = 3600;

export default async function Page({ params }: EventParams) {
  return <EventPage slug={(await params).slug} viewer={READER} />;
}
