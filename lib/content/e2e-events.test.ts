// The e2e suite's own events are valid content, dated from the day of the build, whatever that day.
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { checkFile } from '@/scripts/content-check';
import { E2E_EVENTS, e2eEventMdx, e2eEventTimes, includesE2eEvents } from './e2e-events';
import { eventFrontmatter, findMembersOnlyBlocks } from './schema';

const parisClock = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Paris',
  }).format(new Date(iso));

describe('the e2e events', () => {
  // Around both changes of clocks, and on the days the sample events went past.
  const days = ['2027-01-14', '2027-02-11', '2027-02-26', '2027-03-01', '2027-10-01', '2030-06-30'];

  it.each(days)('are valid, upcoming or past as named, at their Paris time, built on %s', (day) => {
    const today = new Date(`${day}T10:59:58Z`);
    for (const event of Object.values(E2E_EVENTS)) {
      const mdx = e2eEventMdx(event, today);
      // What `npm run content:check` says of it (the build runs it first).
      expect(checkFile('events', `${event.slug}.mdx`, mdx)).toEqual([]);
      const { data, content } = matter(mdx);
      const frontmatter = eventFrontmatter.parse(data);
      expect(frontmatter.startsAt).toBe(e2eEventTimes(event, today).startsAt);
      expect(parisClock(frontmatter.startsAt)).toBe(event.at);
      expect(Date.parse(frontmatter.endsAt) - Date.parse(frontmatter.startsAt)).toBe(
        event.minutes * 60_000,
      );
      const daysAway = (Date.parse(frontmatter.startsAt) - today.getTime()) / 86_400_000;
      expect(Math.round(daysAway)).toBe(event.inDays);
      expect(findMembersOnlyBlocks(content)).toHaveLength(1);
    }
  });

  it('are built only when E2E_EVENT_FIXTURES=1', () => {
    expect(includesE2eEvents({ E2E_EVENT_FIXTURES: '1' })).toBe(true);
    expect(includesE2eEvents({})).toBe(false);
    expect(includesE2eEvents({ E2E_EVENT_FIXTURES: 'yes' })).toBe(false);
  });
});
