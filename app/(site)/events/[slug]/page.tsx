import { EventPage, type EventParams } from '@/components/pages/EventPage';
import { getViewer } from '@/lib/auth/viewer';

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
      registrationNotice={typeof registration === 'string' ? registration : undefined}
    />
  );
}
