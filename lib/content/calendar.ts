// Small pure helpers for members' events: where an event happens, and its iCalendar (RFC 5545)
// file for "add to calendar". No I/O, so everything here is unit-tested in ./calendar.test.ts.

/** Events whose city is "online" (any case) happen online. */
export function isOnlineEvent(city: string): boolean {
  return city.trim().toLowerCase() === 'online';
}

/** The place as shown to people: "Online" or the city as written. */
export function eventPlaceLabel(city: string): string {
  return isOnlineEvent(city) ? 'Online' : city.trim();
}

/** Whether an event is over at `now` (same rule as lib/content listEvents: ended = past). */
export function hasEnded(endsAt: string, now: Date = new Date()): boolean {
  return Date.parse(endsAt) < now.getTime();
}

export interface CalendarEventInput {
  slug: string;
  title: string;
  summary: string;
  startsAt: string;
  endsAt: string;
  city: string;
  /** The event's page, e.g. https://sojoourn.com/events/paris-meetup. */
  url: string;
}

/** TEXT values: backslash, semicolon and comma escaped, line breaks as \n (RFC 5545 §3.3.11). */
export function escapeIcsText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** An instant as a UTC DATE-TIME: 20270114T173000Z. */
export function icsDateTime(instant: string | Date): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) throw new Error(`Not a date: ${String(instant)}`);
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

const encoder = new TextEncoder();

/**
 * Folds a content line at 75 octets (RFC 5545 §3.1): CRLF and one space before each continuation.
 * Counts UTF-8 octets and never splits a character.
 */
export function foldIcsLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    // The first line holds 75 octets; continuation lines 74 after their leading space.
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** A one-event VCALENDAR, lines folded and ending in CRLF. */
export function buildIcs(
  event: CalendarEventInput,
  { now = new Date(), domain }: { now?: Date; domain: string },
): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Sojoourn//Members events//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    // Stable per event, so importing the file twice updates the entry instead of duplicating it.
    `UID:event-${event.slug}@${domain}`,
    `DTSTAMP:${icsDateTime(now)}`,
    `DTSTART:${icsDateTime(event.startsAt)}`,
    `DTEND:${icsDateTime(event.endsAt)}`,
    `SUMMARY:${escapeIcsText(event.title)}`,
    `DESCRIPTION:${escapeIcsText(`${event.summary}\n\n${event.url}`)}`,
    `LOCATION:${escapeIcsText(eventPlaceLabel(event.city))}`,
    `URL:${event.url}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(foldIcsLine).join('\r\n')}\r\n`;
}
