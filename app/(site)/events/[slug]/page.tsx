import { EventPage, type EventParams } from '@/components/pages/EventPage';
import { getViewer } from '@/lib/auth/viewer';

export { eventMetadata as generateMetadata } from '@/components/pages/EventPage';

export default async function Page({ params }: EventParams) {
  return <EventPage slug={(await params).slug} viewer={await getViewer()} />;
}
