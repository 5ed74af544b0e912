// Table-of-contents entries from an MDX body. The ids match what rehype-slug gives the rendered
// headings (both use github-slugger), so the anchors land. Gated blocks are skipped: a heading
// inside a members' section is members' text too.
import GithubSlugger from 'github-slugger';
import { findMembersOnlyBlocks, type Heading } from './content-schema';

const HEADING_LINE = /^(#{2,3})\s+(.+?)\s*#*\s*$/;
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
      continue;
    }
    const match = HEADING_LINE.exec(line);
    if (!match) continue;
    const text = plainText(match[2] ?? '');
    entries.push({ depth: (match[1] ?? '').length === 2 ? 2 : 3, text, id: slugger.slug(text) });
  }
  return entries;
}
