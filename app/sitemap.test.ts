// Needs `.contentlayer/generated` (`npx contentlayer2 build`), like the app itself.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { gatedPhrases, guideSources, phrasesIn } from '@/test/support/gated';
import sitemap from './sitemap';

const ORIGIN = 'https://sojoourn.example';
let entries: ReturnType<typeof sitemap>;

beforeAll(() => {
  vi.stubEnv('SITE_URL', ORIGIN);
  entries = sitemap();
});
afterAll(() => vi.unstubAllEnvs());

const paths = () => entries.map((entry) => new URL(entry.url).pathname);

describe('sitemap', () => {
  const guides = guideSources().filter((guide) => !guide.draft);

  it('lists absolute URLs on the site, each once', () => {
    expect(entries.every((entry) => entry.url.startsWith(`${ORIGIN}/`))).toBe(true);
    expect(new Set(paths()).size).toBe(entries.length);
  });

  it('has the public pages', () => {
    expect(paths()).toEqual(
      expect.arrayContaining(['/', '/guides', '/club', '/events', '/contact', '/privacy']),
    );
  });

  it('has every published guide with its last change', () => {
    for (const guide of guides) {
      const entry = entries.find((e) => e.url === `${ORIGIN}/guides/${guide.slug}`);
      expect(entry, guide.slug).toBeDefined();
      expect(String(entry?.lastModified)).toMatch(/^\d{4}-\d{2}-\d{2}/);
    }
  });

  it('has a page for every tag in use', () => {
    const tags = new Set(guides.flatMap((guide) => guide.tags));
    expect(tags.size).toBeGreaterThan(3);
    const tagPaths = paths().filter((p) => p.startsWith('/guides/tags/'));
    expect(tagPaths.sort()).toEqual([...tags].map((tag) => `/guides/tags/${tag}`).sort());
  });

  it('has no private, internal or reader-copy address', () => {
    const forbidden = paths().filter((p) =>
      /^\/(reader|api|account|admin|assistance|signin|signout|go)(\/|$)/.test(p),
    );
    expect(forbidden).toEqual([]);
  });

  it('holds no members’ text', () => {
    expect(phrasesIn(JSON.stringify(entries), gatedPhrases())).toEqual([]);
  });
});
