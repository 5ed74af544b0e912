// `npm run search:index` (the build runs it after `next build`): builds the Pagefind search index
// from the prerendered reader copies of the guides. Those pages are rendered for a reader, so they
// hold no members' text; the members' blocks are also marked data-pagefind-ignore, and the writer
// refuses a page that holds an open members' section.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readerGuidesDir, searchIndexDir } from '../lib/search/index-files';
import { writeSearchIndex } from './lib/search-index-writer';

async function main() {
  const dir = readerGuidesDir();
  const names = readdirSync(dir).filter((name) => name.endsWith('.html'));
  if (!names.length) throw new Error(`No prerendered guides in ${dir}: run next build first`);
  const pages = names.map((name) => ({
    url: `/guides/${name.replace(/\.html$/, '')}`,
    html: readFileSync(path.join(dir, name), 'utf8'),
  }));
  const out = searchIndexDir();
  const count = await writeSearchIndex(pages, out);
  console.log(`search:index: ${count} guide(s) indexed into ${path.relative(process.cwd(), out)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
