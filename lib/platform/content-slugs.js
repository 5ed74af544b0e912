// The slugs that have a page, as contentlayer built them (`npm run build` runs it before Next):
// next.config.js rewrites only these to the reader copies and the members' editions, so a made-up
// address never reaches a prerendered route (where Next would render and keep it on disk) and gets
// the per-request 404 instead. Plain JavaScript read from JSON, since next.config.js loads it as is;
// content-slugs.test.ts checks it against the routes' own generateStaticParams.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const GENERATED = new URL('../../.contentlayer/generated/', import.meta.url);

/** @param {string} type contentlayer document type */
function documentsOf(type) {
  const file = fileURLToPath(new URL(`${type}/_index.json`, GENERATED));
  try {
    return /** @type {{ slug: string; draft?: boolean; tags?: string[] }[]} */ (
      JSON.parse(readFileSync(file, 'utf8'))
    );
  } catch (error) {
    throw new Error(`content-slugs: cannot read ${file}; run \`npx contentlayer2 build\` first`, {
      cause: error,
    });
  }
}

/**
 * Published guides, their tags and published events (drafts have no reader copy and no edition).
 * @returns {import('./reader-pages.js').KnownSlugs}
 */
export function knownContentSlugs() {
  const guides = documentsOf('Guide').filter((guide) => !guide.draft);
  const events = documentsOf('ClubEvent').filter((event) => !event.draft);
  return {
    guides: guides.map((guide) => guide.slug).sort(),
    tags: [...new Set(guides.flatMap((guide) => guide.tags ?? []))].sort(),
    events: events.map((event) => event.slug).sort(),
  };
}
