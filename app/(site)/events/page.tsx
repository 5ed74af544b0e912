import { EventsPage, eventsMetadata } from '@/components/pages/EventsPage';
import { getViewer } from '@/lib/auth/viewer';

export const metadata = eventsMetadata;

export default async function Page() {
  return <EventsPage viewer={await getViewer()} />;
}
