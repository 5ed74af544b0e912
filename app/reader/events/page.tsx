import { EventsIndexPage, eventsIndexMetadata } from '@/app/_pages/events';

export const metadata = eventsIndexMetadata;
// Rebuilt hourly so an event that has ended moves to the past list.
export const revalidate = 3600;

export default function Page() {
  return <EventsIndexPage />;
}
