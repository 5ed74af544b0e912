// A typo in `access` must never open a members' text: contentlayer (and `npm run dev`) accept any
// value, so lib/content itself treats everything but the exact word `public` as members'.
import { describe, expect, it, vi } from 'vitest';
import { accessLevel } from './schema';

const guide = (slug: string, access: unknown) => ({
  slug,
  url: `/guides/${slug}`,
  title: `Guide ${slug}`,
  summary: 'A summary long enough for a guide card.',
  publishedAt: '2026-11-01',
  reviewedAt: '2026-11-01',
  tags: ['banking'],
  access,
  draft: false,
  readingMinutes: 3,
  toc: [],
  officialLinks: [],
  body: { raw: 'Members-only body.', code: 'compiled' },
});
const event = (slug: string, access: unknown) => ({
  slug,
  title: `Event ${slug}`,
  summary: 'An event summary.',
  startsAt: '2027-02-11T19:00:00+01:00',
  endsAt: '2027-02-11T21:00:00+01:00',
  timezone: 'Europe/Paris',
  city: 'Paris',
  access,
  draft: false,
  body: { raw: '', code: 'compiled' },
});

vi.mock('contentlayer/generated', () => ({
  allGuides: [
    guide('typo-member', 'member'),
    guide('typo-maybe', 'maybe'),
    guide('missing', undefined),
    guide('capitalised', 'Public'),
    guide('members', 'members'),
    guide('open', 'public'),
  ],
  allClubEvents: [event('event-typo', 'maybe'), event('event-missing', undefined), event('event-open', 'public')],
  allSitePages: [],
}));

describe('access values at run time', () => {
  it('only the exact word "public" is public', () => {
    expect(accessLevel('public')).toBe('public');
    for (const value of ['members', 'member', 'maybe', 'Public', '', undefined, null, true]) {
      expect(accessLevel(value), String(value)).toBe('members');
    }
  });

  it('serves a guide with a misspelt or missing access as members-only', async () => {
    const { getGuide, listGuides } = await import('./index');
    const access = Object.fromEntries(listGuides().map((g) => [g.slug, g.access]));
    expect(access).toEqual({
      'typo-member': 'members',
      'typo-maybe': 'members',
      missing: 'members',
      capitalised: 'members',
      members: 'members',
      open: 'public',
    });
    expect(getGuide('typo-maybe')?.access).toBe('members');
  });

  it('serves an event with a misspelt or missing access as members-only', async () => {
    const { getEvent } = await import('./index');
    expect(getEvent('event-typo')?.access).toBe('members');
    expect(getEvent('event-missing')?.access).toBe('members');
    expect(getEvent('event-open')?.access).toBe('public');
  });
});
