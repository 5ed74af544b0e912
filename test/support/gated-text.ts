// Members' sentences read straight from the MDX sources, for tests that check an output holds
// none of them: every <MembersOnly> body, and the whole body of guides with `access: members`.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { findMembersOnlyBlocks } from '../../lib/content/schema';

export interface GuideSource {
  slug: string;
  title: string;
  summary: string;
  access: 'public' | 'members';
  draft: boolean;
  tags: string[];
  body: string;
}

export function readGuideSources(dir = path.resolve('content/guides')): GuideSource[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.mdx'))
    .map((file) => {
      const { data, content } = matter(readFileSync(path.join(dir, file), 'utf8'));
      return {
        slug: file.replace(/\.mdx$/, ''),
        title: String(data.title),
        summary: String(data.summary),
        access: data.access === 'members' ? 'members' : 'public',
        draft: data.draft === true,
        tags: (data.tags as string[]) ?? [],
        body: content,
      };
    });
}

/** Lowercase words only, so markup, entities and punctuation cannot hide a match. */
export function normalizeText(text: string): string {
  return text
    .replace(/<!\[CDATA\[|\]\]>/g, ' ')
    .replace(/&(amp|lt|gt|quot|apos|#39|#x27);/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Sentences of at least `minWords` words from everything gated, normalised. */
export function gatedSentences(guides = readGuideSources(), minWords = 8): string[] {
  const gatedMarkdown = guides.flatMap((guide) =>
    guide.access === 'members'
      ? [guide.body]
      : findMembersOnlyBlocks(guide.body).map((block) => block.body),
  );
  return gatedMarkdown
    .flatMap((markdown) =>
      markdown.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').split(/(?<=[.!?:;])\s+|\n+/),
    )
    .map(normalizeText)
    .filter((sentence) => sentence.split(' ').length >= minWords);
}
