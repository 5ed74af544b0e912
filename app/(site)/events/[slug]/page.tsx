import { EventPage, type EventParams } from '@/components/pages/EventPage';
import { getViewer } from '@/lib/auth/viewer';
import { queryValue } from '@/lib/forms/query';

export { eventMetadata as generateMetadata } from '@/components/pages/EventPage';

export default async function Page({
  params,
  searchParams,
}: EventParams & { searchParams: Promise<{ registration?: string | string[] }> }) {
  const { registration } = await searchParams;
  return (
    <EventPage
      slug={(await params).slug}
      viewer={await getViewer()}
      registrationNotice={queryValue(registration, 40)}
    />
  );
}
