// Needs `.contentlayer/generated` (`npx contentlayer2 build`), like the app itself.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildGuidesFeed } from './feed';
import { listGuides } from './index';
import {
  decodeEntities,
  gatedPhrases,
  guideSources,
  normalise,
  phrasesIn,
} from '@/test/support/gated';

const ORIGIN = 'https://sojoourn.example';
let xml: string;

beforeAll(() => {
  vi.stubEnv('SITE_URL', ORIGIN);
  xml = buildGuidesFeed();
});
afterAll(() => vi.unstubAllEnvs());

/** An XML text node as a reader sees it, compared the way every other check compares text. */
const asText = (xml = '') => normalise(decodeEntities(xml));

/** The <item> elements of the feed, with their main fields as text. */
function items(feed: string) {
  const text = (item: string, tag: string) =>
    (item.match(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`))?.[1] ?? '')
      .replace(/^<!\[CDATA\[|\]\]>$/g, '')
      .trim();
  return [...feed.matchAll(/<item>([\s\S]*?)<\/item>/g)].map(([, item = '']) => ({
    title: text(item, 'title'),
    link: text(item, 'link'),
    description: text(item, 'description'),
  }));
}

describe('the guides RSS feed', () => {
  const guides = guideSources().filter((guide) => !guide.draft);

  it('is RSS 2.0 XML about the site', () => {
    expect(xml.startsWith('<?xml')).toBe(true);
    expect(xml).toMatch(/<rss [^>]*version="2\.0"/);
    expect(xml).toMatch(new RegExp(`<channel>[\\s\\S]*?<link>${ORIGIN}/?</link>`));
    expect(xml).toContain(`<atom:link href="${ORIGIN}/feed.xml" rel="self"`);
    expect(xml.trim().endsWith('</rss>')).toBe(true);
  });

  it('lists every published guide once, with its title, summary and link', () => {
    expect(guides.length).toBeGreaterThanOrEqual(5);
    // The guides' own items; their changes' items link to #what-changed (what-changed.test.ts).
    const listed = items(xml).filter((item) => !item.link.includes('#'));
    expect(listed).toHaveLength(guides.length);
    for (const guide of guides) {
      const item = listed.find((entry) => entry.link === `${ORIGIN}/guides/${guide.slug}`);
      expect(item, guide.slug).toBeDefined();
      const expectedTitle = guide.access === 'members' ? `${guide.title} (members)` : guide.title;
      expect(asText(item?.title)).toBe(normalise(expectedTitle));
      expect(asText(item?.description)).toBe(normalise(guide.summary));
    }
  });

  it('holds no sentence of members’ text', () => {
    const phrases = gatedPhrases();
    // The members-only guide and the MembersOnly blocks give plenty to look for.
    expect(phrases.length).toBeGreaterThan(20);
    const leaked = phrasesIn(xml, phrases);
    expect(leaked).toEqual([]);
  });

  it('would notice a leak that went through the feed (the check itself works)', () => {
    // A listing whose members' guide carried a gated sentence (say, a summary written from the
    // body): the feed built from it is caught by the same check. The phrase goes *through* the
    // feed builder (escaping, CDATA…), not appended to its output afterwards.
    const phrases = gatedPhrases();
    const phrase = phrases.find((candidate) => candidate.text.split(' ').length >= 8)!;
    const guides = listGuides();
    const members = guides.find((guide) => guide.access === 'members')!;
    expect(members, 'a members’ guide to tamper with').toBeDefined();
    const leaky = guides.map((guide) =>
      guide.slug === members.slug ? { ...guide, summary: `${guide.summary} ${phrase.text}` } : guide,
    );
    expect(phrasesIn(buildGuidesFeed(leaky), phrases)).toContain(phrase);
    expect(phrasesIn(buildGuidesFeed(guides), phrases)).toEqual([]);
  });
});
