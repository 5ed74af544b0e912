import { EventPage, type EventParams } from '@/app/_pages/events';
import { getViewer } from '@/lib/auth/options';

export { eventMetadata as generateMetadata } from '@/app/_pages/events';

export default async function Page({ params }: EventParams) {
  return <EventPage slug={(await params).slug} viewer={await getViewer()} />;
}
