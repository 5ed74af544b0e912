// Needs `.contentlayer/generated` (`npx contentlayer2 build`), like the app itself.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { contentFiles, guideSources } from '@/test/support/gated';
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

  // Fixture guides with a change newer than everything else: lib/content/what-changed.test.ts.
  it('dates each guide by the newest of its publication, updatedAt and listed changes', () => {
    const day = (value: unknown) =>
      value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
    for (const file of contentFiles().filter((f) => f.kind === 'guides' && f.data.draft !== true)) {
      const changes = (file.data.changes as { date: unknown }[] | undefined) ?? [];
      const expected = [file.data.publishedAt, file.data.updatedAt, ...changes.map((c) => c.date)]
        .filter((value) => value !== undefined)
        .map(day)
        .sort()
        .at(-1);
      const entry = entries.find((e) => e.url === `${ORIGIN}/guides/${file.slug}`);
      expect(entry?.lastModified, file.slug).toBe(expected);
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

  // A sitemap holds addresses, not text: what could leak through it is an address that should not
  // be public (a draft, a members' section anchor, a reader copy). It lists exactly these.
  it('lists exactly the public pages, published guides, their tags and events: no draft, no anchor', () => {
    const published = guides.map((guide) => `/guides/${guide.slug}`);
    const drafts = guideSources()
      .filter((guide) => guide.draft)
      .map((guide) => `/guides/${guide.slug}`);
    const events = contentFiles()
      .filter((file) => file.kind === 'events' && file.data.draft !== true)
      .map((file) => `/events/${file.slug}`);
    const tags = [...new Set(guides.flatMap((guide) => guide.tags))].map(
      (tag) => `/guides/tags/${tag}`,
    );
    // Issue 13's planner and search page are public pages too.
    const pages = [
      '/',
      '/guides',
      '/guides/carte-vitale/planner',
      '/search',
      '/club',
      '/events',
      '/contact',
      '/partners/partirassur',
    ];
    const sitePages = contentFiles()
      .filter((file) => file.kind === 'pages')
      .map((file) => `/${file.slug}`);
    expect(paths().sort()).toEqual(
      [...pages, ...sitePages, ...published, ...tags, ...events].sort(),
    );
    expect(paths().filter((p) => drafts.includes(p))).toEqual([]);
    expect(entries.filter((entry) => entry.url.includes('#'))).toEqual([]);
  });
});
