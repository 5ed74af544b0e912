// `npm run search:index` (the build runs it after `next build`): builds the Pagefind search index
// from the prerendered reader copies of the guides. Those pages are rendered for a reader, so they
// hold no members' text; the members' blocks are also marked data-pagefind-ignore, and this
// script refuses a page that holds an open members' section.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { readerGuidesDir, searchIndexDir } from '../lib/search/index-files';

async function main() {
  const dir = readerGuidesDir();
  const pages = readdirSync(dir).filter((name) => name.endsWith('.html'));
  if (!pages.length) throw new Error(`No prerendered guides in ${dir}: run next build first`);

  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
  if (!index) throw new Error(`Pagefind: ${errors.join('; ')}`);
  for (const name of pages) {
    const html = readFileSync(path.join(dir, name), 'utf8');
    if (html.includes('data-members-section="open"')) {
      throw new Error(`${name} holds an open members' section: it must not be indexed`);
    }
    const url = `/guides/${name.replace(/\.html$/, '')}`;
    const added = await index.addHTMLFile({ url, content: html });
    if (added.errors.length) throw new Error(`${url}: ${added.errors.join('; ')}`);
  }
  const out = searchIndexDir();
  rmSync(out, { recursive: true, force: true });
  const written = await index.writeFiles({ outputPath: out });
  if (written.errors.length) throw new Error(`Pagefind: ${written.errors.join('; ')}`);
  console.log(
    `search:index: ${pages.length} guide(s) indexed into ${path.relative(process.cwd(), out)}`,
  );
  await pagefind.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
