// Writes a Pagefind search index from guide pages rendered for a reader. Used by
// `npm run search:index` (the production build's reader copies) and by `npm run dev` (the
// development server's pages, scripts/lib/dev-search.ts): in both, the pages were rendered for no
// one signed in, so they hold no members' text; one that holds an open members' section is refused.
import { rmSync } from 'node:fs';
import * as pagefind from 'pagefind';

export interface ReaderPage {
  /** The page's address on the site, e.g. /guides/carte-vitale. */
  url: string;
  html: string;
}

/** Indexes `pages` into `out` (replacing what was there); returns how many pages it holds. */
export async function writeSearchIndex(pages: ReaderPage[], out: string): Promise<number> {
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
    if (!index) throw new Error(`Pagefind: ${errors.join('; ')}`);
    for (const { url, html } of pages) {
      if (html.includes('data-members-section="open"')) {
        throw new Error(`${url} holds an open members' section: it must not be indexed`);
      }
      const added = await index.addHTMLFile({ url, content: html });
      if (added.errors.length) throw new Error(`${url}: ${added.errors.join('; ')}`);
    }
    rmSync(out, { recursive: true, force: true });
    const written = await index.writeFiles({ outputPath: out });
    if (written.errors.length) throw new Error(`Pagefind: ${written.errors.join('; ')}`);
    return pages.length;
  } finally {
    // Pagefind runs a helper process per use; a later call starts a new one.
    await pagefind.close();
  }
}
