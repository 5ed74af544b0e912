// /events, shared by app/(site)/events and its prerendered reader copy (rebuilt hourly there).
// Not viewer-dependent.
import type { Metadata } from 'next';
import Link from 'next/link';
import { EventCard } from '@/components/EventCard';
import { listEvents } from '@/lib/content';
import { pageMetadata } from '@/lib/platform/seo';
import type { PageProps } from './page-props';

export const eventsMetadata: Metadata = pageMetadata({
  title: 'Members’ events',
  description: 'Workshops and meetups for Sojoourn Club members, online and in person.',
  path: '/events',
});

export function EventsPage(_props: PageProps) {
  const { upcoming, past } = listEvents();
  return (
    <div className="mx-auto max-w-5xl px-4 py-10">
      <h1 className="font-serif text-4xl font-bold text-slate-900 dark:text-slate-50">
        Members’ events
      </h1>
      <p className="mt-3 max-w-2xl text-lg text-slate-700 dark:text-slate-300">
        Workshops and meetups for Sojoourn Club members, online and in person. Everyone can see what
        is coming up; members also get the place or joining link and can add each event to their
        calendar.{' '}
        <Link href="/club" className="text-brand-700 underline dark:text-brand-100">
          About the club
        </Link>
      </p>

      <section aria-labelledby="upcoming-events" className="mt-10">
        <h2 id="upcoming-events" className="font-serif text-2xl font-bold">
          Upcoming events
        </h2>
        {upcoming.length ? (
          <ul className="mt-6 grid gap-6 md:grid-cols-2">
            {upcoming.map((event) => (
              <li key={event.slug}>
                <EventCard event={event} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-4 text-slate-700 dark:text-slate-300">
            No events are planned just now. New ones appear here first.
          </p>
        )}
      </section>

      {past.length ? (
        <section aria-labelledby="past-events" className="mt-14">
          <h2 id="past-events" className="font-serif text-2xl font-bold">
            Past events
          </h2>
          <ul className="mt-6 grid gap-6 md:grid-cols-2">
            {past.map((event) => (
              <li key={event.slug}>
                <EventCard event={event} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
