// `npm run dev`'s search index. There are no prerendered reader copies in development, so search
// would answer "not available" for the whole first hour: instead, once the development server is
// up (and again after content changes), each guide's page is fetched from it as a reader — no
// cookie, so the members' sections are teasers — and indexed into lib/search/index-files.ts's
// development folder, which the /pagefind route serves under `next dev`.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { writeSearchIndex, type ReaderPage } from './search-index-writer';

/** The guides' addresses, from their file names (drafts included: a reader gets their 404). */
export function guideAddresses(contentDir: string): string[] {
  return readdirSync(path.join(contentDir, 'guides'))
    .filter((name) => name.endsWith('.mdx'))
    .map((name) => `/guides/${name.replace(/\.mdx$/, '')}`)
    .sort();
}

export type FetchPage = (url: string) => Promise<{ status: number; html: string }>;

/** A page as a reader gets it from the development server: no cookie, no query. */
export function readerFetch(baseUrl: string, timeoutMs = 180_000): FetchPage {
  return async (address) => {
    const response = await fetch(new URL(address, baseUrl), {
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: response.status, html: await response.text() };
  };
}

/**
 * Fetches every guide as a reader and writes the index into `out`; a guide that is not a page for
 * readers (a draft, a broken file) is left out. Returns the addresses indexed.
 */
export async function buildDevSearchIndex(options: {
  contentDir: string;
  out: string;
  fetchPage: FetchPage;
}): Promise<string[]> {
  const pages: ReaderPage[] = [];
  // One at a time: `next dev` compiles the guide route on the first request, and the machine is
  // shared with the person's editor and browser.
  for (const url of guideAddresses(options.contentDir)) {
    const { status, html } = await options.fetchPage(url);
    if (status === 200) pages.push({ url, html });
  }
  await writeSearchIndex(pages, options.out);
  return pages.map((page) => page.url);
}
