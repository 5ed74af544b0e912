// The events e-mails as a member receives them: when (in Paris time, the site's date format) and
// where, the waiting list said plainly, and a calendar file that a calendar would read back.
import { describe, expect, it } from 'vitest';
import { icsDateTime } from '../content/calendar';
import type { MailAttachment } from '../platform/mail';
import { absoluteUrl } from '../platform/site-url';
import { placeOpenedEmail, registrationEmail } from './emails';

const NOW = new Date('2026-12-01T10:00:00Z');

const winterMeetup = {
  slug: 'paris-meetup',
  // A comma and a semicolon: escaped in the .ics, read back whole.
  title: 'Paris meetup: forms, questions; and coffee',
  summary: 'An evening with other members.',
  startsAt: '2027-02-11T19:00:00+01:00',
  endsAt: '2027-02-11T21:00:00+01:00',
  timezone: 'Europe/Paris',
  city: 'Paris',
};
const summerWorkshop = {
  ...winterMeetup,
  slug: 'summer-workshop',
  title: 'Summer workshop',
  startsAt: '2027-07-08T18:30:00+02:00',
  endsAt: '2027-07-08T20:00:00+02:00',
  city: 'online',
};

/**
 * The VEVENT's properties as a calendar reads them: lines unfolded (RFC 5545 §3.1), parameters
 * dropped, TEXT values unescaped (§3.3.11). Throws when the file is not one VCALENDAR/VEVENT.
 */
function readIcs(file: MailAttachment): Record<string, string> {
  expect(file.contentType).toMatch(/^text\/calendar/);
  expect(file.filename).toMatch(/\.ics$/);
  const lines = file.content.replace(/\r\n[ \t]/g, '').split('\r\n');
  expect(lines.at(-1)).toBe('');
  expect(lines.slice(0, 1)).toEqual(['BEGIN:VCALENDAR']);
  const start = lines.indexOf('BEGIN:VEVENT');
  const end = lines.indexOf('END:VEVENT');
  if (start < 0 || end < start) throw new Error(`no VEVENT in:\n${file.content}`);
  const properties: Record<string, string> = {};
  for (const line of lines.slice(start + 1, end)) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).split(';')[0]!;
    properties[name] = line
      .slice(colon + 1)
      .replace(/\\([\\;,nN])/g, (_, char: string) => (char.toLowerCase() === 'n' ? '\n' : char));
  }
  return properties;
}

describe('the registration e-mail', () => {
  it('gives a place with the date and time in Paris, the place, and the event’s .ics', () => {
    const mail = registrationEmail(winterMeetup, { status: 'going' }, NOW);
    expect(mail.subject).toBe('You are registered: Paris meetup: forms, questions; and coffee');
    for (const body of [mail.text, mail.html]) {
      expect(body).toContain('Thursday, 11 February 2027 at 19:00 CET – 21:00');
      expect(body).toContain('Paris');
      expect(body).toContain(absoluteUrl('/events/paris-meetup'));
    }
    expect(mail.text).toContain('When: Thursday, 11 February 2027 at 19:00 CET – 21:00');
    expect(mail.text).toContain('Where: Paris');
    expect(mail.text).not.toMatch(/waiting list: number/);

    expect(mail.attachments).toHaveLength(1);
    const ics = readIcs(mail.attachments![0]!);
    expect(ics).toMatchObject({
      DTSTART: '20270211T180000Z',
      DTEND: '20270211T200000Z',
      SUMMARY: 'Paris meetup: forms, questions; and coffee',
      LOCATION: 'Paris',
      URL: absoluteUrl('/events/paris-meetup'),
      DTSTAMP: icsDateTime(NOW),
    });
    expect(ics.UID).toMatch(/^event-paris-meetup@/);
    expect(mail.attachments![0]!.filename).toBe('paris-meetup.ics');
  });

  it('shows summer time as CEST and an online event as online, in the text and the .ics', () => {
    const mail = registrationEmail(summerWorkshop, { status: 'going' }, NOW);
    expect(mail.text).toContain('When: Thursday, 8 July 2027 at 18:30 CEST – 20:00');
    expect(mail.text).toContain('Where: Online');
    expect(readIcs(mail.attachments![0]!)).toMatchObject({
      DTSTART: '20270708T163000Z',
      LOCATION: 'Online',
      SUMMARY: 'Summer workshop',
    });
  });

  it('says a waiting-list registration is not a place: the turn, the date, no calendar file', () => {
    const mail = registrationEmail(winterMeetup, { status: 'waiting', position: 3 }, NOW);
    expect(mail.subject).toBe(
      'You are on the waiting list: Paris meetup: forms, questions; and coffee',
    );
    expect(mail.text).toContain('waiting list: number 3');
    expect(mail.text).toContain('You do not have a place yet.');
    expect(mail.text).toContain('When: Thursday, 11 February 2027 at 19:00 CET – 21:00');
    expect(mail.text).toContain('Where: Paris');
    expect(mail.html).toContain('number 3');
    expect(mail.attachments ?? []).toEqual([]);
  });
});

describe('the "a place opened up" e-mail', () => {
  it('gives the date, the time, the place and the .ics', () => {
    const mail = placeOpenedEmail(winterMeetup, NOW);
    expect(mail.subject).toBe('A place opened up: Paris meetup: forms, questions; and coffee');
    expect(mail.text).toContain('moved from the waiting list');
    expect(mail.text).toContain('When: Thursday, 11 February 2027 at 19:00 CET – 21:00');
    expect(mail.text).toContain('Where: Paris');
    expect(mail.html).toContain('19:00 CET');
    const ics = readIcs(mail.attachments![0]!);
    expect(ics).toMatchObject({
      DTSTART: '20270211T180000Z',
      LOCATION: 'Paris',
      SUMMARY: 'Paris meetup: forms, questions; and coffee',
    });
  });

  it('escapes what the event says in the HTML part', () => {
    const mail = placeOpenedEmail({ ...winterMeetup, title: 'Q&A <live>' }, NOW);
    expect(mail.html).toContain('Q&amp;A &lt;live&gt;');
    expect(mail.html).not.toContain('<live>');
    expect(readIcs(mail.attachments![0]!).SUMMARY).toBe('Q&A <live>');
  });
});
