// The member's file as a calendar: one all-day event per step whose expected date is known
// (RFC 5545), built with the same escaping and folding as the events' .ics (lib/content/calendar).
import { escapeIcsText, foldIcsLine, icsDateTime } from '../content/calendar';
import { addDays, type FileStep } from './expected';

const icsDay = (day: string) => day.replace(/-/g, '');

/** The expected dates of the steps still to do, as a VCALENDAR (lines folded, CRLF). */
export function fileCalendar(
  steps: FileStep[],
  { fileId, now, domain, fileUrl }: { fileId: string; now: Date; domain: string; fileUrl: string },
): string {
  const events = steps.flatMap((step) => {
    const expected = step.expectation;
    if (step.state !== 'todo' || expected?.kind !== 'dated') return [];
    const how =
      expected.delayKind === 'experience'
        ? `In our members' experience, ${expected.label}`
        : `Official delay: ${expected.label}`;
    return [
      'BEGIN:VEVENT',
      // Stable per file and step: importing the file again updates the entry instead of adding one.
      `UID:file-${fileId}-${step.id}@${domain}`,
      `DTSTAMP:${icsDateTime(now)}`,
      `DTSTART;VALUE=DATE:${icsDay(expected.date)}`,
      `DTEND;VALUE=DATE:${icsDay(addDays(expected.date, 1))}`,
      `SUMMARY:${escapeIcsText(`Expected: ${step.title}`)}`,
      `DESCRIPTION:${escapeIcsText(`${how} (counted from ${expected.from.title}, ${expected.from.doneOn}).\n\n${fileUrl}`)}`,
      `URL:${fileUrl}`,
      'END:VEVENT',
    ];
  });
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Sojoourn//Carte Vitale file//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...events,
    'END:VCALENDAR',
  ];
  return `${lines.map(foldIcsLine).join('\r\n')}\r\n`;
}
