import Link from 'next/link';
import type { EventSummary } from '@/lib/content';
import { eventPlaceLabel } from '@/lib/content/calendar';
import { formatDateTime, formatTime } from '@/lib/platform/format';

export function ExampleBadge() {
  return (
    <span className="rounded-full bg-slate-200 px-2.5 py-0.5 text-xs font-semibold text-slate-800 dark:bg-slate-700 dark:text-slate-100">
      Example event
    </span>
  );
}

export function MembersEventBadge() {
  return (
    <span className="rounded-full bg-amber-100 px-2.5 py-0.5 text-xs font-semibold text-amber-900 dark:bg-amber-900/40 dark:text-amber-100">
      ★ For members
    </span>
  );
}

/** "Thursday, 14 January 2027 at 18:30 CET – 20:00" in the event's own zone. */
export function EventWhen({
  event,
}: {
  event: Pick<EventSummary, 'startsAt' | 'endsAt' | 'timezone'>;
}) {
  const sameDay =
    new Date(event.endsAt).getTime() - new Date(event.startsAt).getTime() < 24 * 3600_000;
  return (
    <>
      <time dateTime={event.startsAt}>{formatDateTime(event.startsAt, event.timezone)}</time>
      {' – '}
      <time dateTime={event.endsAt}>
        {sameDay
          ? formatTime(event.endsAt, event.timezone)
          : formatDateTime(event.endsAt, event.timezone)}
      </time>
    </>
  );
}

/** An event in a list: public facts only (title, date, place, summary). */
/** When and where, as a definition list (cards and the event page). */
export function EventFacts({ event, className }: { event: EventSummary; className: string }) {
  return (
    <dl className={`space-y-1 text-slate-700 dark:text-slate-300 ${className}`}>
      <div>
        <dt className="inline font-semibold">When: </dt>
        <dd className="inline">
          <EventWhen event={event} />
        </dd>
      </div>
      <div>
        <dt className="inline font-semibold">Where: </dt>
        <dd className="inline">{eventPlaceLabel(event.city)}</dd>
      </div>
    </dl>
  );
}

export function EventCard({ event }: { event: EventSummary }) {
  return (
    <article
      className="relative rounded-2xl border border-slate-200 bg-white p-6 shadow-sm transition hover:border-brand-600 dark:border-slate-800 dark:bg-slate-900"
      data-testid="event-card"
    >
      <div className="mb-3 flex flex-wrap items-center gap-2">
        {event.access === 'members' ? <MembersEventBadge /> : null}
        {event.example ? <ExampleBadge /> : null}
      </div>
      <h3 className="font-serif text-xl font-bold leading-snug text-slate-900 dark:text-slate-50">
        <Link
          href={`/events/${event.slug}`}
          prefetch={false}
          className="after:absolute after:inset-0"
        >
          {event.title}
        </Link>
      </h3>
      <EventFacts event={event} className="mt-3 text-sm" />
      <p className="mt-3 text-slate-700 dark:text-slate-300">{event.summary}</p>
    </article>
  );
}
