// Route plumbing shared by the per-viewer event pages under app/(site)/events and their
// prerendered reader copies under app/reader/events (see proxy.ts). Not a route (private folder).
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { EventsIndexView } from '@/components/views/EventsIndexView';
import { EventView } from '@/components/views/EventView';
import { audienceOf, type Viewer } from '@/lib/access';
import { getClubPrice } from '@/lib/billing/price';
import { getEvent, listEvents } from '@/lib/content';
import { hasEnded } from '@/lib/content/calendar';
import { pageMetadata } from '@/lib/platform/seo';

export type EventParams = { params: Promise<{ slug: string }> };

export const eventsIndexMetadata: Metadata = pageMetadata({
  title: 'Members’ events',
  description: 'Workshops and meetups for Sojoourn Club members, online and in person.',
  path: '/events',
});

export function EventsIndexPage() {
  const { upcoming, past } = listEvents();
  return <EventsIndexView upcoming={upcoming} past={past} />;
}

export function eventStaticParams() {
  const { upcoming, past } = listEvents();
  return [...upcoming, ...past].map((event) => ({ slug: event.slug }));
}

export async function eventMetadata({ params }: EventParams): Promise<Metadata> {
  const event = getEvent((await params).slug);
  if (!event) return { title: 'Event not found' };
  return pageMetadata({
    title: event.title,
    description: event.summary,
    path: `/events/${event.slug}`,
  });
}

export async function EventPage({ slug, viewer }: { slug: string; viewer: Viewer }) {
  const event = getEvent(slug);
  if (!event) notFound();
  // The price is only shown to signed-in non-members, so only they cost a Stripe lookup.
  const priceLabel = audienceOf(viewer) === 'user' ? ((await getClubPrice())?.label ?? null) : null;
  return (
    <EventView
      event={event}
      viewer={viewer}
      priceLabel={priceLabel}
      isPast={hasEnded(event.endsAt)}
    />
  );
}
