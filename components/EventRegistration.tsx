// Registering for an event, on its page (server component). Members see their place, their
// waiting-list position, the calendar file once registered, and a cancel behind a confirmation;
// staff also see who comes. Readers and non-members get nothing here: the page's own gate speaks to them.
import type { Viewer } from '@/lib/access';
import type { EventSummary } from '@/lib/content';
import { AttendeePager } from '@/components/events/AttendeePager';
import { CancelRegistrationForm } from '@/components/events/CancelRegistrationForm';
import { registerForEventAction } from '@/lib/events/actions';
import { REGISTRATION_STATUSES, type AttendeeCursor } from '@/lib/events/schema';
import { registrationView } from '@/lib/events/service';
import { lookup } from '@/lib/forms/query';
import { formatDateTime } from '@/lib/platform/format';

const NOTICES: Readonly<Record<string, string>> = {
  going: 'You are registered. See you there!',
  waiting:
    'The event is full, so you are on the waiting list. We will e-mail you if a place opens up.',
  cancelled: 'Your registration is cancelled.',
  none: 'You were not registered for this event.',
  past: 'Registration for this event has closed.',
  refused: 'Registering for events is for Sojoourn Club members.',
};

export async function EventRegistration({
  event,
  viewer,
  isPast,
  notice,
  attendeesAfter,
}: {
  event: EventSummary;
  viewer: Viewer;
  isPast: boolean;
  notice?: string;
  /** Staff: where their list of attendees continues (from the address, checked by the schema). */
  attendeesAfter?: AttendeeCursor;
}) {
  if (viewer.kind === 'reader') return null;
  const view = await registrationView(viewer, event, {}, { attendeesAfter });
  // The notice comes from the address: `__proto__` or `toString` must find nothing, not a prototype.
  const noticeText = lookup(NOTICES, notice);
  if (!view) {
    return noticeText ? (
      <p role="status" className="mt-6 font-semibold">
        {noticeText}
      </p>
    ) : null;
  }
  const { mine, placesTaken, capacity, attendees } = view;
  const full = capacity !== null && placesTaken >= capacity;
  return (
    <section
      id="registration"
      aria-labelledby="registration-title"
      className="mt-8 rounded-2xl border border-slate-200 p-6 dark:border-slate-800"
    >
      <h2 id="registration-title" className="font-serif text-2xl font-bold">
        Registration
      </h2>
      {noticeText ? (
        <p role="status" className="mt-2 font-semibold" data-testid="registration-notice">
          {noticeText}
        </p>
      ) : null}
      <p className="mt-2 text-slate-700 dark:text-slate-300" data-testid="registration-places">
        {capacity === null
          ? `${placesTaken} member${placesTaken === 1 ? '' : 's'} registered.`
          : `${placesTaken} of ${capacity} places taken${full ? ' — the event is full' : ''}.`}
      </p>
      {mine ? (
        <div className="mt-4">
          <p className="font-semibold" data-testid="registration-status">
            {mine.status === 'going'
              ? 'You are registered.'
              : `You are on the waiting list (number ${mine.position ?? '?'}).`}
          </p>
          <div className="mt-3 flex flex-wrap gap-3">
            {mine.status === 'going' && !isPast ? (
              <a
                href={`/api/events/${event.slug}/ics`}
                download={`${event.slug}.ics`}
                className="btn-secondary"
              >
                Download the calendar file (.ics)
              </a>
            ) : null}
            {!isPast ? (
              <CancelRegistrationForm
                slug={event.slug}
                title={event.title}
                status={mine.status}
                position={mine.position}
                full={full}
              />
            ) : null}
          </div>
        </div>
      ) : isPast ? (
        <p className="mt-4">This event has taken place.</p>
      ) : (
        <form action={registerForEventAction} className="mt-4">
          <input type="hidden" name="slug" value={event.slug} />
          <button type="submit" className="btn-primary">
            {full ? 'Join the waiting list' : 'Register'}
          </button>
        </form>
      )}
      {attendees ? (
        <div id="attendees" className="mt-6 border-t border-slate-200 pt-4 dark:border-slate-800">
          <h3 className="font-semibold">Who comes (staff)</h3>
          {attendees.shown.length ? (
            <table className="mt-2 w-full text-left text-sm" data-testid="event-attendees">
              <thead>
                <tr>
                  <th scope="col" className="py-1 pr-4">
                    Member
                  </th>
                  <th scope="col" className="py-1 pr-4">
                    Status
                  </th>
                  <th scope="col" className="py-1">
                    Since
                  </th>
                </tr>
              </thead>
              <tbody>
                {attendees.shown.map((person) => (
                  <tr key={person.id}>
                    <td className="py-1 pr-4">{person.email}</td>
                    <td className="py-1 pr-4">{REGISTRATION_STATUSES[person.status]}</td>
                    <td className="py-1">{formatDateTime(person.createdAt, 'Europe/Paris')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="mt-2 text-sm">
              {attendees.after ? 'Nobody registered after these.' : 'Nobody has registered yet.'}
            </p>
          )}
          <AttendeePager slug={event.slug} page={attendees} />
        </div>
      ) : null}
    </section>
  );
}
