// Table-of-contents entries from an MDX body. The ids match what rehype-slug gives the rendered
// headings (both use github-slugger), so the anchors land. Gated blocks are skipped: a heading
// inside a members' section is members' text too.
import GithubSlugger from 'github-slugger';
import { findMembersOnlyBlocks, type Heading } from './schema';

// Every ATX level: rehype-slug numbers h1–h6 alike, so all of them advance the slugger.
const HEADING_LINE = /^(#{1,6})\s+(.+?)\s*#*\s*$/;
const MEMBERS_ONLY_BLOCK = /<MembersOnly\b[^>]*>[\s\S]*?<\/MembersOnly>/g;

function plainText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]/g, '')
    .trim();
}

export type TocEntry = Heading | { depth: 2; text: string; id: string; membersOnly: true };

export function extractToc(mdx: string): TocEntry[] {
  const slugger = new GithubSlugger();
  const gatedTitles = findMembersOnlyBlocks(mdx).map((block) => ({
    id: block.attributes.id ?? '',
    title: block.attributes.title ?? '',
    body: block.body,
  }));
  const entries: TocEntry[] = [];
  let inFence = false;
  let gatedIndex = 0;
  // Replace each gated block by a marker line so its place in the order is kept.
  const lines = mdx.replace(MEMBERS_ONLY_BLOCK, '\n@@members-only@@\n').split('\n');
  for (const line of lines) {
    if (line.trim().startsWith('```')) inFence = !inFence;
    if (inFence) continue;
    if (line.trim() === '@@members-only@@') {
      const gated = gatedTitles[gatedIndex++];
      if (gated?.id) entries.push({ depth: 2, text: gated.title, id: gated.id, membersOnly: true });
      // Its headings are not listed, but rehype-slug numbered them: a later "Next steps" is
      // next-steps-2 on the page, so the slugger must count them too.
      headingsOf(gated?.body ?? '').forEach((heading) => slugger.slug(heading.text));
      continue;
    }
    const heading = headingOf(line);
    if (!heading) continue;
    const id = slugger.slug(heading.text);
    if (heading.depth === 2 || heading.depth === 3) {
      entries.push({ depth: heading.depth, text: heading.text, id });
    }
  }
  return entries;
}

function headingOf(line: string): { depth: number; text: string } | null {
  const match = HEADING_LINE.exec(line);
  return match ? { depth: (match[1] ?? '').length, text: plainText(match[2] ?? '') } : null;
}

/** ATX headings of a markdown fragment, outside code fences. */
function headingsOf(markdown: string): { depth: number; text: string }[] {
  const found: { depth: number; text: string }[] = [];
  let inFence = false;
  for (const line of markdown.split('\n')) {
    if (line.trim().startsWith('```')) inFence = !inFence;
    const heading = inFence ? null : headingOf(line);
    if (heading) found.push(heading);
  }
  return found;
}
