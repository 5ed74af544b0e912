// /events/[slug], shared by app/(site)/events/[slug] (per viewer) and its prerendered reader copy.
// The event's MDX is evaluated here on the server with the viewer, so the `MembersOnly` details
// (place, joining link, programme) reach members only; others get the teaser and a gate.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { EventFacts, ExampleBadge, MembersEventBadge } from '@/components/EventCard';
import { EventRegistration } from '@/components/EventRegistration';
import { HowRegistrationWorks } from '@/components/events/HowRegistrationWorks';
import { MdxContent } from '@/components/mdx/MdxContent';
import { canReadMembersContent } from '@/lib/access';
import { getEvent, listEvents } from '@/lib/content';
import { registrationIsOpen } from '@/lib/events/rules';
import type { AttendeeCursor } from '@/lib/events/schema';
import { hasEnded } from '@/lib/content/calendar';
import { pageMetadata } from '@/lib/platform/seo';
import { clubPriceFor, type PageProps, type RouteParams } from './page-props';

export type EventParams = RouteParams<{ slug: string }>;

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

export async function EventPage({
  slug,
  viewer,
  registrationNotice,
  attendeesAfter,
}: PageProps<{ slug: string }> & {
  registrationNotice?: string;
  /** Staff: where their list of attendees continues. */
  attendeesAfter?: AttendeeCursor;
}) {
  const event = getEvent(slug);
  if (!event) notFound();
  const priceLabel = await clubPriceFor(viewer);
  const isPast = hasEnded(event.endsAt);
  const path = `/events/${event.slug}`;
  return (
    <div className="mx-auto max-w-3xl px-4 py-10">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600 dark:text-slate-400">
        <Link href="/events" className="hover:text-brand-700 hover:underline">
          Events
        </Link>
        <span aria-hidden="true"> / </span>
        <span>{event.title}</span>
      </nav>
      <header className="mt-4">
        <div className="flex flex-wrap items-center gap-2">
          {event.access === 'members' ? <MembersEventBadge /> : null}
          {event.example ? <ExampleBadge /> : null}
          {isPast ? (
            <span className="rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-semibold text-slate-800 dark:bg-slate-800 dark:text-slate-100">
              Past event
            </span>
          ) : null}
        </div>
        <h1 className="mt-3 font-serif text-4xl font-bold leading-tight text-slate-900 dark:text-slate-50">
          {event.title}
        </h1>
        <p className="mt-4 text-xl text-slate-700 dark:text-slate-300">{event.summary}</p>
        <EventFacts event={event} className="mt-6" />
        {!isPast && canReadMembersContent(viewer) ? (
          <p className="mt-6">
            {/* A plain link: the route checks membership itself and answers with a file. */}
            <a
              href={`/api/events/${event.slug}/ics`}
              download={`${event.slug}.ics`}
              className="btn-secondary"
            >
              <span aria-hidden="true">📅</span> Add to calendar (.ics)
            </a>
          </p>
        ) : null}
        <EventRegistration
          event={event}
          viewer={viewer}
          isPast={isPast}
          notice={registrationNotice}
          attendeesAfter={attendeesAfter}
        />
        {registrationIsOpen(event) ? <HowRegistrationWorks event={event} viewer={viewer} /> : null}
      </header>
      <article className="prose prose-slate mt-8 max-w-none prose-headings:font-serif prose-a:text-brand-700 dark:prose-invert dark:prose-a:text-brand-100">
        <MdxContent code={event.code} viewer={viewer} pagePath={path} priceLabel={priceLabel} />
      </article>
    </div>
  );
}
