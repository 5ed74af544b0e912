import { EventsPage, eventsMetadata } from '@/components/pages/EventsPage';
import { READER } from '@/lib/access';

export const metadata = eventsMetadata;
// Rebuilt hourly so an event that has ended moves to the past list.
export const revalidate = 3600;

export default function Page() {
  return <EventsPage viewer={READER} />;
}
