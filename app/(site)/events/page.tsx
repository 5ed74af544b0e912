import { EventsIndexPage, eventsIndexMetadata } from '@/app/_pages/events';

export const metadata = eventsIndexMetadata;

export default function Page() {
  return <EventsIndexPage />;
}
