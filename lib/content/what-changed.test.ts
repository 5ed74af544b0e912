// "What changed" end to end inside lib/content, on fixture guides (not the sample content, which
// may change): the listings, the page section, the feed and the sitemap show a members' change's
// summary to nobody but members; everyone else reads that a members' section was updated.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { READER, type Viewer } from '../access';
import { MEMBERS_CHANGE_LINE, changeId } from './changes';

// Counted from the real clock: nothing here depends on the calendar date the tests run on.
const dayFrom = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const asTimestamp = (day: string) => `${day}T00:00:00.000Z`;

const PUBLIC_CHANGE = 'The flat charge per visit is now confirmed on Service-Public again.';
const MEMBERS_CHANGE = 'The members’ tip on claiming back the fixture charge was rewritten.';
const MEMBERS_GUIDE_CHANGE = 'The fixture members’ guide now covers the second appointment.';
const OLDER_CHANGE = 'An older public change, kept below the newer ones in the list.';

const guide = (
  slug: string,
  fields: { access?: string; draft?: boolean; updatedAt?: string; changes?: unknown[] } = {},
) => ({
  slug,
  url: `/guides/${slug}`,
  title: `Fixture guide ${slug}`,
  summary: 'A summary long enough for a guide card and the feed.',
  publishedAt: asTimestamp(dayFrom(-90)),
  updatedAt: fields.updatedAt ? asTimestamp(fields.updatedAt) : undefined,
  reviewedAt: asTimestamp(fields.updatedAt ?? dayFrom(-90)),
  tags: ['health'],
  access: fields.access ?? 'public',
  draft: fields.draft ?? false,
  readingMinutes: 3,
  toc: [],
  officialLinks: [],
  changes: fields.changes,
  body: { raw: 'Public text.\n\n<MembersOnly id="tip">Members’ tip.</MembersOnly>', code: 'x' },
});

vi.mock('contentlayer/generated', () => ({
  allGuides: [
    guide('with-changes', {
      updatedAt: dayFrom(-3),
      changes: [
        { date: asTimestamp(dayFrom(-30)), summary: OLDER_CHANGE },
        { date: asTimestamp(dayFrom(-3)), summary: MEMBERS_CHANGE, members: true },
        { date: asTimestamp(dayFrom(-10)), summary: PUBLIC_CHANGE },
      ],
    }),
    guide('members-guide', {
      access: 'members',
      updatedAt: dayFrom(-5),
      changes: [{ date: asTimestamp(dayFrom(-5)), summary: MEMBERS_GUIDE_CHANGE }],
    }),
    guide('never-changed'),
  ],
  allClubEvents: [],
  allSitePages: [],
}));

const content = () => import('./index');

const member = (): Viewer => ({
  kind: 'user',
  userId: 'member-1',
  email: 'member@example.test',
  isStaff: false,
  membership: {
    status: 'active',
    currentPeriodStart: new Date(Date.now() - 86_400_000),
    currentPeriodEnd: new Date(Date.now() + 30 * 86_400_000),
    cancelAtPeriodEnd: false,
    startedAt: new Date(Date.now() - 86_400_000),
  },
});
const signedInNonMember: Viewer = { ...member(), membership: null } as Viewer;
const lapsed: Viewer = {
  ...member(),
  membership: { ...(member() as { membership: NonNullable<unknown> }).membership, status: 'canceled' },
} as Viewer;

const MEMBERS_TEXT = [MEMBERS_CHANGE, MEMBERS_GUIDE_CHANGE];
const leaksIn = (text: string) =>
  MEMBERS_TEXT.filter((summary) =>
    // The way the leak checks read an output: entities and JS escapes undone.
    [text, text.replace(/&#x27;|&#39;/g, "'").replace(/\\u2019/g, '’')].some((reading) =>
      reading.includes(summary),
    ),
  );

describe('a guide’s changes as lib/content gives them', () => {
  it('lists them newest first, each with its stable id, in the summary everyone may see', async () => {
    const { listGuides } = await content();
    const withChanges = listGuides().find((g) => g.slug === 'with-changes')!;
    expect(withChanges.changes.map((change) => change.date)).toEqual([
      dayFrom(-3),
      dayFrom(-10),
      dayFrom(-30),
    ]);
    expect(withChanges.changes.map((change) => change.summary)).toEqual([
      MEMBERS_CHANGE_LINE,
      PUBLIC_CHANGE,
      OLDER_CHANGE,
    ]);
    // The id is the one the follow e-mails claim: computed from the summary staff wrote.
    expect(withChanges.changes[0]?.id).toBe(
      changeId('with-changes', { date: dayFrom(-3), summary: MEMBERS_CHANGE }),
    );
    expect(withChanges.changes[0]?.members).toBe(true);
  });

  it('never holds a members’ change summary in any listing or document', async () => {
    const { listGuides, getGuide, homeGuides, listGuidesByTag, relatedGuides } = await content();
    const everything = JSON.stringify([
      listGuides(),
      homeGuides(10),
      listGuidesByTag('health'),
      relatedGuides('never-changed'),
      getGuide('with-changes'),
      getGuide('members-guide'),
      getGuide('with-changes', member()),
    ]);
    expect(leaksIn(everything)).toEqual([]);
    expect(everything).toContain(PUBLIC_CHANGE);
  });

  it('gives the members’ summaries to members only', async () => {
    const { getGuide, guideChangesFor } = await content();
    const withChanges = getGuide('with-changes')!;
    const summaries = (viewer: Viewer | undefined) =>
      guideChangesFor(withChanges, viewer).map((change) => change.summary);
    expect(summaries(member())).toEqual([MEMBERS_CHANGE, PUBLIC_CHANGE, OLDER_CHANGE]);
    for (const viewer of [READER, signedInNonMember, lapsed, undefined]) {
      expect(summaries(viewer)).toEqual([MEMBERS_CHANGE_LINE, PUBLIC_CHANGE, OLDER_CHANGE]);
    }
  });

  it('treats every change of a members’ guide as members’', async () => {
    const { getGuide, guideChangesFor } = await content();
    const membersGuide = getGuide('members-guide')!;
    expect(guideChangesFor(membersGuide, READER)).toEqual([
      expect.objectContaining({ summary: MEMBERS_CHANGE_LINE, members: true }),
    ]);
    expect(guideChangesFor(membersGuide, member())).toEqual([
      expect.objectContaining({ summary: MEMBERS_GUIDE_CHANGE }),
    ]);
  });

  it('dates a guide by its newest change for the sitemap', async () => {
    const { listGuides } = await content();
    const lastModified = Object.fromEntries(listGuides().map((g) => [g.slug, g.lastModified]));
    expect(lastModified).toEqual({
      'with-changes': dayFrom(-3),
      'members-guide': dayFrom(-5),
      'never-changed': dayFrom(-90),
    });
  });
});

describe('the "What changed" section', () => {
  const render = async (slug: string, viewer: Viewer) => {
    const { getGuide, guideChangesFor } = await content();
    const { WhatChanged } = await import('@/components/guide/WhatChanged');
    const found = getGuide(slug)!;
    return renderToStaticMarkup(
      createElement(WhatChanged, {
        changes: guideChangesFor(found, viewer),
        publishedAt: found.publishedAt,
      }),
    );
  };

  it('shows a reader dated entries, newest first, with the neutral line for the members’ one', async () => {
    const html = await render('with-changes', READER);
    expect(html).toContain('id="what-changed"');
    expect(html).toMatch(/<h2 id="what-changed-title"[^>]*>What changed<\/h2>/);
    const dates = [...html.matchAll(/<time dateTime="([^"]+)"/g)].map((match) => match[1]);
    expect(dates).toEqual([dayFrom(-3), dayFrom(-10), dayFrom(-30)]);
    expect(html.replace(/&#x27;/g, "'")).toContain(MEMBERS_CHANGE_LINE);
    expect(leaksIn(html)).toEqual([]);
  });

  it('shows a member the members’ summary, marked as members’', async () => {
    const html = await render('with-changes', member());
    expect(leaksIn(html)).toEqual([MEMBERS_CHANGE]);
    expect(html).toMatch(/★ Members<\/span>The members’ tip/);
    expect(html.replace(/&#x27;/g, "'")).not.toContain(MEMBERS_CHANGE_LINE);
  });

  it('says plainly when a guide lists no change', async () => {
    const html = await render('never-changed', READER);
    expect(html).toContain('No changes listed since it was published on');
    expect(html).toContain(`<time dateTime="${dayFrom(-90)}">`);
    expect(html).not.toContain('<ol');
  });
});

describe('the feed and the sitemap', () => {
  const ORIGIN = 'https://sojoourn.example';
  beforeAll(() => vi.stubEnv('SITE_URL', ORIGIN));
  afterAll(() => vi.unstubAllEnvs());

  it('has an item per change, with its id, link, date and the summary everyone may see', async () => {
    const { buildGuidesFeed } = await import('./feed');
    const { listGuides } = await content();
    const xml = buildGuidesFeed();
    const items = [...xml.matchAll(/<item>([\s\S]*?)<\/item>/g)].map(([, item = '']) => ({
      title: /<title><!\[CDATA\[(.*?)\]\]><\/title>/.exec(item)?.[1],
      guid: /<guid[^>]*>(.*?)<\/guid>/.exec(item)?.[1],
      link: /<link>(.*?)<\/link>/.exec(item)?.[1],
      description: /<description><!\[CDATA\[([\s\S]*?)\]\]><\/description>/.exec(item)?.[1],
      date: /<pubDate>(.*?)<\/pubDate>/.exec(item)?.[1],
    }));
    const changes = items.filter((item) => item.link?.endsWith('#what-changed'));
    const withChanges = listGuides().find((g) => g.slug === 'with-changes')!;
    expect(changes.filter((item) => item.link?.includes('/with-changes#'))).toEqual(
      withChanges.changes.map((change) => ({
        title: 'Fixture guide with-changes: updated',
        guid: change.id,
        link: `${ORIGIN}/guides/with-changes#what-changed`,
        description: change.summary,
        date: new Date(`${change.date}T00:00:00Z`).toUTCString(),
      })),
    );
    expect(changes.find((item) => item.link?.includes('/members-guide#'))).toMatchObject({
      title: 'Fixture guide members-guide (members): updated',
      description: MEMBERS_CHANGE_LINE,
    });
    // The new-guide items stay, one per guide.
    expect(items.filter((item) => !item.link?.includes('#'))).toHaveLength(3);
    expect(leaksIn(xml)).toEqual([]);
  });

  it('would carry a members’ summary if the listing held one (the check can fail)', async () => {
    const { buildGuidesFeed } = await import('./feed');
    const { listGuides } = await content();
    const leaky = listGuides().map((g) => ({
      ...g,
      changes: g.changes.map((change) =>
        change.members ? { ...change, summary: MEMBERS_CHANGE } : change,
      ),
    }));
    expect(leaksIn(buildGuidesFeed(leaky))).toEqual([MEMBERS_CHANGE]);
  });

  it('gives each guide its newest change as lastmod, and the listings the newest of all', async () => {
    const { default: sitemap } = await import('@/app/sitemap');
    const entries = sitemap();
    const lastmod = (path: string) => entries.find((e) => e.url === `${ORIGIN}${path}`)?.lastModified;
    expect(lastmod('/guides/with-changes')).toBe(dayFrom(-3));
    expect(lastmod('/guides/members-guide')).toBe(dayFrom(-5));
    expect(lastmod('/guides/never-changed')).toBe(dayFrom(-90));
    expect(lastmod('/guides')).toBe(dayFrom(-3));
    expect(leaksIn(JSON.stringify(entries))).toEqual([]);
  });
});

describe('the leak checks’ list of gated text', () => {
  it('holds each members’ change summary, whole, and no public one', async () => {
    const { gatedPhrases, membersChanges } = await import('@/test/support/gated');
    const file = (slug: string, access: string, changes: unknown[]) => ({
      file: `guides/${slug}.mdx`,
      kind: 'guides' as const,
      slug,
      data: { title: `Fixture ${slug}`, summary: 'A public summary.', access, changes },
      body: 'Public text of the fixture guide.',
    });
    const files = [
      file('open', 'public', [
        { date: dayFrom(-3), summary: MEMBERS_CHANGE, members: true },
        { date: dayFrom(-10), summary: PUBLIC_CHANGE },
      ]),
      file('closed', 'members', [{ date: dayFrom(-5), summary: MEMBERS_GUIDE_CHANGE }]),
    ];
    const texts = gatedPhrases(files).map((phrase) => phrase.text);
    expect(texts).toEqual(expect.arrayContaining([MEMBERS_CHANGE, MEMBERS_GUIDE_CHANGE]));
    expect(texts).not.toContain(PUBLIC_CHANGE);
    expect(membersChanges(files).map((change) => change.summary)).toEqual([
      MEMBERS_CHANGE,
      MEMBERS_GUIDE_CHANGE,
    ]);
  });
});
