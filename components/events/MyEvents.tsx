// "Your events": the signed-in person's own registrations, on their club home and account page
// (server component, rendered per request; the page is private, no-store). Each upcoming one has
// its calendar file and a cancel behind a confirmation; begun or past ones are listed as such.
import Link from 'next/link';
import { EventWhen } from '@/components/EventCard';
import { CancelRegistrationForm } from '@/components/events/CancelRegistrationForm';
import { canReadMembersContent, type SignedInViewer } from '@/lib/access';
import { eventPlaceLabel } from '@/lib/content/calendar';
import { myEvents } from '@/lib/events/service';
import { lookup } from '@/lib/forms/query';

const NOTICES: Readonly<Record<string, string>> = {
  cancelled: 'Your registration is cancelled.',
  none: 'You were not registered for that event.',
};

export async function MyEvents({
  viewer,
  from,
  notice,
}: {
  viewer: SignedInViewer;
  from: 'club' | 'account';
  /** From the address (`?events=`): only our own words are shown, never what it says. */
  notice?: string;
}) {
  const entries = await myEvents(viewer);
  const noticeText = lookup(NOTICES, notice);
  // The calendar file's route is for members (a lapsed member may still cancel from here).
  const calendarFiles = canReadMembersContent(viewer);
  return (
    <section
      id="my-events"
      aria-labelledby="my-events-title"
      className="rounded-2xl border border-slate-200 p-6 dark:border-slate-800"
    >
      <h2 id="my-events-title" className="font-serif text-2xl font-bold">
        Your events
      </h2>
      {noticeText ? (
        <p role="status" className="mt-2 font-semibold" data-testid="my-events-notice">
          {noticeText}
        </p>
      ) : null}
      {entries.length ? (
        <ul className="mt-4 divide-y divide-slate-200 dark:divide-slate-800">
          {entries.map((entry) => (
            <li key={entry.event.slug} className="py-4" data-testid="my-event">
              <h3 className="font-semibold">
                <Link
                  href={`/events/${entry.event.slug}`}
                  prefetch={false}
                  className="text-brand-700 underline dark:text-brand-100"
                >
                  {entry.event.title}
                </Link>
              </h3>
              <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
                <EventWhen event={entry.event} />
                {' · '}
                {eventPlaceLabel(entry.event.city)}
              </p>
              <p className="mt-1 font-semibold" data-testid="my-event-status">
                {entry.started
                  ? entry.status === 'going'
                    ? 'You were registered.'
                    : 'You were on the waiting list.'
                  : entry.status === 'going'
                    ? 'You are registered.'
                    : `You are on the waiting list (number ${entry.position ?? '?'}).`}
              </p>
              {entry.started ? null : (
                <div className="mt-3 flex flex-wrap items-start gap-3">
                  {entry.status === 'going' && calendarFiles ? (
                    <a
                      href={`/api/events/${entry.event.slug}/ics`}
                      download={`${entry.event.slug}.ics`}
                      className="btn-secondary"
                    >
                      Calendar file (.ics)
                      <span className="sr-only">: {entry.event.title}</span>
                    </a>
                  ) : null}
                  <CancelRegistrationForm
                    slug={entry.event.slug}
                    title={entry.event.title}
                    status={entry.status}
                    position={entry.position}
                    full={entry.full}
                    from={from}
                  />
                </div>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-4 text-slate-700 dark:text-slate-300">
          You have not registered for any event yet.
        </p>
      )}
      <Link href="/events" className="btn-secondary mt-4">
        See the events
      </Link>
    </section>
  );
}
