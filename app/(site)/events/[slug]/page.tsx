import { EventPage, type EventParams } from '@/components/pages/EventPage';
import { getViewer } from '@/lib/auth/viewer';
import { attendeeCursorFrom } from '@/lib/events/schema';
import { queryValue } from '@/lib/forms/query';

export { eventMetadata as generateMetadata } from '@/components/pages/EventPage';

export default async function Page({
  params,
  searchParams,
}: EventParams & {
  searchParams: Promise<{ registration?: string | string[]; attendees?: string | string[] }>;
}) {
  const { registration, attendees } = await searchParams;
  return (
    <EventPage
      slug={(await params).slug}
      viewer={await getViewer()}
      registrationNotice={queryValue(registration, 40)}
      attendeesAfter={attendeeCursorFrom(attendees)}
    />
  );
}
