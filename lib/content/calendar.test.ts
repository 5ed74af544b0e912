import { describe, expect, it } from 'vitest';
import {
  buildIcs,
  escapeIcsText,
  eventPlaceLabel,
  foldIcsLine,
  hasEnded,
  icsDateTime,
  isOnlineEvent,
} from './calendar';

const event = {
  slug: 'carte-vitale-questions',
  title: 'Carte Vitale questions answered (example)',
  summary: 'An online workshop for members: the form, the wait; and ordering your card.',
  startsAt: '2027-01-14T18:30:00+01:00',
  endsAt: '2027-01-14T20:00:00+01:00',
  city: 'online',
  url: 'https://sojoourn.test/events/carte-vitale-questions',
};
const now = new Date('2026-11-26T15:00:00.123Z');

/** Undoes folding (RFC 5545 §3.1) so properties can be read back. */
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');

describe('event place', () => {
  it('shows online events as "Online", whatever the case', () => {
    expect(isOnlineEvent('online')).toBe(true);
    expect(isOnlineEvent(' Online ')).toBe(true);
    expect(eventPlaceLabel('ONLINE')).toBe('Online');
    expect(eventPlaceLabel('Paris')).toBe('Paris');
    expect(isOnlineEvent('Lyon')).toBe(false);
  });

  it('knows when an event has ended', () => {
    expect(hasEnded(event.endsAt, new Date('2027-01-14T19:00:01Z'))).toBe(true);
    expect(hasEnded(event.endsAt, new Date('2027-01-14T18:59:59Z'))).toBe(false);
  });
});

describe('iCalendar pieces', () => {
  it('writes instants in UTC without fractions', () => {
    expect(icsDateTime('2027-01-14T18:30:00+01:00')).toBe('20270114T173000Z');
    expect(icsDateTime(now)).toBe('20261126T150000Z');
    expect(() => icsDateTime('not a date')).toThrow();
  });

  it('escapes backslashes, semicolons, commas and line breaks in text', () => {
    expect(escapeIcsText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('leaves short lines alone', () => {
    expect(foldIcsLine('SUMMARY:short')).toBe('SUMMARY:short');
    expect(foldIcsLine('X'.repeat(75))).toBe('X'.repeat(75));
  });

  it('folds long lines at 75 octets with CRLF and a space', () => {
    const folded = foldIcsLine(`DESCRIPTION:${'a'.repeat(200)}`);
    const lines = folded.split('\r\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(lines.slice(1).every((line) => line.startsWith(' '))).toBe(true);
    expect(unfold(folded)).toBe(`DESCRIPTION:${'a'.repeat(200)}`);
  });

  it('never splits a multi-byte character when folding', () => {
    const text = `SUMMARY:${'é'.repeat(60)}${'😀'.repeat(20)}`;
    const folded = foldIcsLine(text);
    for (const line of folded.split('\r\n')) {
      expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
      expect(line).not.toContain('\uFFFD');
    }
    expect(unfold(folded)).toBe(text);
  });
});

describe('buildIcs', () => {
  const ics = buildIcs(event, { now, domain: 'sojoourn.test' });
  const lines = unfold(ics).split('\r\n');

  it('is one VCALENDAR with one VEVENT, CRLF line endings and a final CRLF', () => {
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines.some((line) => line.startsWith('PRODID:'))).toBe(true);
    expect(lines.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(ics.endsWith('END:VEVENT\r\nEND:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('holds UID, DTSTAMP, DTSTART/DTEND in UTC, SUMMARY, DESCRIPTION and LOCATION', () => {
    expect(lines).toContain('UID:event-carte-vitale-questions@sojoourn.test');
    expect(lines).toContain('DTSTAMP:20261126T150000Z');
    expect(lines).toContain('DTSTART:20270114T173000Z');
    expect(lines).toContain('DTEND:20270114T190000Z');
    expect(lines).toContain('SUMMARY:Carte Vitale questions answered (example)');
    expect(lines).toContain(
      'DESCRIPTION:An online workshop for members: the form\\, the wait\\; and ordering your card.\\n\\nhttps://sojoourn.test/events/carte-vitale-questions',
    );
    expect(lines).toContain('LOCATION:Online');
    expect(lines).toContain('URL:https://sojoourn.test/events/carte-vitale-questions');
  });

  it('keeps every physical line within 75 octets', () => {
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  it('uses the city for in-person events, escaped', () => {
    const inPerson = unfold(buildIcs({ ...event, city: 'Paris, 11e' }, { now, domain: 'x.test' }));
    expect(inPerson).toContain('\r\nLOCATION:Paris\\, 11e\r\n');
  });

  it('gives the same UID on every download of the same event', () => {
    const again = buildIcs(event, {
      now: new Date('2027-01-01T00:00:00Z'),
      domain: 'sojoourn.test',
    });
    expect(unfold(again)).toContain('UID:event-carte-vitale-questions@sojoourn.test');
  });
});
