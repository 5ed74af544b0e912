import 'server-only';
// The e-mails of the events domain: a registration (a place, or a turn on the waiting list) and
// "a place opened up". Each says when (in the event's zone, the site's date format) and where; a
// place comes with the event's calendar file, the same .ics the event page offers.
import { buildIcs, eventPlaceLabel } from '../content/calendar';
import type { EventSummary } from '../content';
import { formatDateTime, formatTime } from '../platform/format';
import type { MailAttachment, OutgoingMail } from '../platform/mail';
import { renderEmail } from '../platform/mail-template';
import { absoluteUrl, siteUrl } from '../platform/site-url';

type EventFacts = Pick<
  EventSummary,
  'slug' | 'title' | 'summary' | 'startsAt' | 'endsAt' | 'timezone' | 'city'
>;

/** When the event runs, start to end, as the event page shows it (lib/platform/format). */
export function eventWhenText(event: Pick<EventFacts, 'startsAt' | 'endsAt' | 'timezone'>) {
  const sameDay = Date.parse(event.endsAt) - Date.parse(event.startsAt) < 24 * 3600_000;
  const end = sameDay
    ? formatTime(event.endsAt, event.timezone)
    : formatDateTime(event.endsAt, event.timezone);
  return `${formatDateTime(event.startsAt, event.timezone)} – ${end}`;
}

const eventUrl = (event: EventFacts) => absoluteUrl(`/events/${event.slug}`);

/** The event's .ics, as an attachment (the file the event page's "Add to calendar" gives). */
export function eventCalendarAttachment(event: EventFacts, now: Date): MailAttachment {
  return {
    filename: `${event.slug}.ics`,
    contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
    content: buildIcs(
      { ...event, url: eventUrl(event) },
      { now, domain: new URL(siteUrl()).hostname },
    ),
  };
}

function whenAndWhere(event: EventFacts) {
  return [
    { label: 'When', value: eventWhenText(event) },
    // The city only: the exact address or joining link stays on the members' event page.
    { label: 'Where', value: eventPlaceLabel(event.city) },
  ];
}

const CANCEL_HINT =
  'If you can no longer come, please cancel from the event page or your club home: the next person on the waiting list then gets your place.';

/** The answer to a registration: a place (with the .ics), or a turn on the waiting list. */
export function registrationEmail(
  event: EventFacts,
  registration: { status: 'going' } | { status: 'waiting'; position: number },
  now: Date,
): Omit<OutgoingMail, 'to'> {
  const button = { label: 'See the event', url: eventUrl(event) };
  if (registration.status === 'going') {
    return {
      subject: `You are registered: ${event.title}`,
      ...renderEmail({
        preheader: `Your place at ${event.title}, with the calendar file.`,
        heading: 'You have a place',
        paragraphs: [
          `You are registered for “${event.title}”.`,
          'The calendar file attached adds it to your calendar. The exact place or joining link is on the event page.',
          CANCEL_HINT,
        ],
        details: whenAndWhere(event),
        button,
      }),
      attachments: [eventCalendarAttachment(event, now)],
    };
  }
  return {
    subject: `You are on the waiting list: ${event.title}`,
    ...renderEmail({
      preheader: `The event is full: you are number ${registration.position} on the waiting list.`,
      heading: 'You are on the waiting list',
      paragraphs: [
        `“${event.title}” is full, so you are on its waiting list: number ${registration.position}. You do not have a place yet.`,
        'If someone cancels, the first person waiting gets their place at once, and we e-mail them with the calendar file. If your plans change, you can leave the waiting list from the event page or your club home.',
      ],
      details: whenAndWhere(event),
      button,
    }),
  };
}

/** A member moved from the waiting list to a place: when, where, and the .ics. */
export function placeOpenedEmail(event: EventFacts, now: Date): Omit<OutgoingMail, 'to'> {
  return {
    subject: `A place opened up: ${event.title}`,
    ...renderEmail({
      preheader: 'You were on the waiting list, and you are now registered.',
      heading: 'You have a place',
      paragraphs: [
        `Someone cancelled, so you moved from the waiting list to the list of people coming to “${event.title}”.`,
        'The calendar file attached adds it to your calendar. The exact place or joining link is on the event page.',
        CANCEL_HINT,
      ],
      details: whenAndWhere(event),
      button: { label: 'See the event', url: eventUrl(event) },
    }),
    attachments: [eventCalendarAttachment(event, now)],
  };
}
