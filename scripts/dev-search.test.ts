// `npm run dev`'s search index (issue 26: search answered "not available" for the whole first
// hour): every guide a reader can open is indexed from the development server's answer; a draft
// (404 to readers) is left out; a page with an open members' section is refused.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDevSearchIndex, guideAddresses, type FetchPage } from './lib/dev-search';

const dir = mkdtempSync(path.join(tmpdir(), 'sojoourn-dev-search-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const contentDir = path.join(dir, 'content');
mkdirSync(path.join(contentDir, 'guides'), { recursive: true });
for (const name of ['carte-vitale.mdx', 'a-draft.mdx', 'short-stays.mdx', 'notes.txt']) {
  writeFileSync(path.join(contentDir, 'guides', name), '');
}

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><title>${title}</title></head><body><main data-pagefind-body><h1>${title}</h1><p>${body}</p></main></body></html>`;

/** The development server as a reader sees it: drafts answer 404. */
const server: FetchPage = async (url) =>
  url === '/guides/a-draft'
    ? { status: 404, html: 'not found' }
    : { status: 200, html: page(url.slice(8), `Public words of ${url}.`) };

const pageCount = (out: string) =>
  (
    JSON.parse(readFileSync(path.join(out, 'pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, { page_count: number }>;
    }
  ).languages.en?.page_count;

describe("npm run dev's search index", () => {
  it('lists the guides from their files', () => {
    expect(guideAddresses(contentDir)).toEqual([
      '/guides/a-draft',
      '/guides/carte-vitale',
      '/guides/short-stays',
    ]);
  });

  it('indexes every guide a reader can open, and no draft', async () => {
    const out = path.join(dir, 'index');
    const indexed = await buildDevSearchIndex({ contentDir, out, fetchPage: server });
    expect(indexed).toEqual(['/guides/carte-vitale', '/guides/short-stays']);
    expect(pageCount(out)).toBe(2);
  }, 60_000);

  it("refuses a page that holds an open members' section, and keeps the last index", async () => {
    const out = path.join(dir, 'index');
    const leaking: FetchPage = async (url) => ({
      status: 200,
      html: page(url, '<div data-members-section="open">Members only.</div>'),
    });
    await expect(buildDevSearchIndex({ contentDir, out, fetchPage: leaking })).rejects.toThrow(
      /open members' section/,
    );
    expect(pageCount(out)).toBe(2);
  }, 60_000);
});
