import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compile } from '@mdx-js/mdx';
import GithubSlugger from 'github-slugger';
import type { Root, RootContent } from 'hast';
import matter from 'gray-matter';
import rehypeSlug from 'rehype-slug';
import remarkGfm from 'remark-gfm';
import { describe, expect, it } from 'vitest';
import { contentFile, gatedPhrases, normalise } from '@/test/support/gated';
import { findMembersOnlyBlocks } from './schema';
import { extractToc } from './headings';

/**
 * The ids the real pipeline gives h2/h3 (contentlayer compiles MDX with remark-gfm + rehype-slug),
 * outside <MembersOnly> blocks: what a reader's page actually has as anchors.
 */
async function renderedHeadingIds(mdx: string): Promise<{ depth: number; id: string }[]> {
  const found: { depth: number; id: string }[] = [];
  const walk = (node: RootContent | Root, gated: boolean) => {
    if (node.type === 'element' && (node.tagName === 'h2' || node.tagName === 'h3') && !gated) {
      found.push({ depth: Number(node.tagName[1]), id: String(node.properties.id) });
    }
    const inGate =
      gated ||
      ((node.type as string) === 'mdxJsxFlowElement' &&
        (node as unknown as { name: string }).name === 'MembersOnly');
    if ('children' in node) for (const child of node.children) walk(child, inGate);
  };
  await compile(mdx, {
    remarkPlugins: [remarkGfm],
    rehypePlugins: [rehypeSlug, () => (tree: Root) => walk(tree, false)],
  });
  return found;
}

const SAMPLE = `
Intro.

## Who can join?

### If you work in France

Text.

## Fees & costs: what you *really* pay

\`\`\`md
## Not a heading (inside a code fence)
\`\`\`

## Who can join?

### The [official](https://example.fr) page

<MembersOnly id="members-tips" title="Tips for members" teaser="What members know about the process.">

## A heading only members see

The secret sentence that only members may ever read here.

</MembersOnly>

## After the gate
`;

describe('extractToc', () => {
  it('lists h2/h3 in order with github-slugger ids, skipping code fences', () => {
    expect(extractToc(SAMPLE)).toEqual([
      { depth: 2, text: 'Who can join?', id: 'who-can-join' },
      { depth: 3, text: 'If you work in France', id: 'if-you-work-in-france' },
      {
        depth: 2,
        text: 'Fees & costs: what you really pay',
        id: 'fees--costs-what-you-really-pay',
      },
      { depth: 2, text: 'Who can join?', id: 'who-can-join-1' },
      { depth: 3, text: 'The official page', id: 'the-official-page' },
      { depth: 2, text: 'Tips for members', id: 'members-tips', membersOnly: true },
      { depth: 2, text: 'After the gate', id: 'after-the-gate' },
    ]);
  });

  it('gives the same ids as rehype-slug on the compiled MDX', async () => {
    const toc = extractToc(SAMPLE).filter((entry) => !('membersOnly' in entry));
    const rendered = await renderedHeadingIds(SAMPLE);
    expect(toc.map(({ depth, id }) => ({ depth, id }))).toEqual(rendered);
  });

  it('keeps ids in step when a gated heading repeats a later public one', async () => {
    const mdx = `
## Next steps

<MembersOnly id="extra" title="Extra" teaser="Only for the members of the club.">

## Next steps

Gated words.

</MembersOnly>

## Next steps

#### Documents

## Documents
`;
    const toc = extractToc(mdx).filter((entry) => !('membersOnly' in entry));
    const rendered = await renderedHeadingIds(mdx);
    expect(toc.map(({ depth, id }) => ({ depth, id }))).toEqual(rendered);
    // The h4 is not listed but, like the gated h2, it took the plain slug on the page.
    expect(toc.map((entry) => entry.id)).toEqual(['next-steps', 'next-steps-2', 'documents-1']);
  });

  it('shows a members-only block as one entry and nothing from inside it', () => {
    const toc = extractToc(SAMPLE);
    const gated = toc.filter((entry) => 'membersOnly' in entry);
    expect(gated).toEqual([
      { depth: 2, text: 'Tips for members', id: 'members-tips', membersOnly: true },
    ]);
    const all = JSON.stringify(toc);
    expect(all).not.toContain('only members see');
    expect(all).not.toContain('secret sentence');
  });

  it('is the same for a github-slugger fed directly', () => {
    const slugger = new GithubSlugger();
    const ids = extractToc('## Überblick\n\n## C’est parti !\n\n## Überblick\n').map((e) => e.id);
    expect(ids).toEqual([
      slugger.slug('Überblick'),
      slugger.slug('C’est parti !'),
      slugger.slug('Überblick'),
    ]);
    expect(ids[2]).toBe('überblick-1');
  });
});

describe('extractToc on the real carte-vitale guide', () => {
  const source = readFileSync(path.resolve('content/guides/carte-vitale.mdx'), 'utf8');
  const body = matter(source).content;

  it('has the gated block as a single entry', () => {
    const toc = extractToc(body);
    expect(toc.filter((entry) => 'membersOnly' in entry)).toEqual([
      {
        depth: 2,
        text: 'Bonus tip: your free European Health Insurance Card',
        id: 'ehic-bonus-tip',
        membersOnly: true,
      },
    ]);
    expect(toc.map((entry) => entry.id)).toContain('ordering-your-carte-vitale');
  });

  it('holds no sentence from inside its MembersOnly block', () => {
    const toc = normalise(JSON.stringify(extractToc(body)));
    const [block] = findMembersOnlyBlocks(body);
    expect(block).toBeDefined();
    // Down to three words and without the final stop, as a gated heading would read in the list.
    const phrases = gatedPhrases([contentFile('guides/carte-vitale.mdx')], { minWords: 3 })
      .filter((phrase) => phrase.source === 'guides/carte-vitale.mdx#ehic-bonus-tip')
      .map((phrase) => normalise(phrase.text).replace(/[.!?:;,]+$/, ''));
    expect(phrases.length).toBeGreaterThan(10);
    for (const phrase of phrases) expect(toc).not.toContain(phrase);
  });

  it('matches the anchors rehype-slug gives the rendered page', async () => {
    const toc = extractToc(body).filter((entry) => !('membersOnly' in entry));
    const rendered = await renderedHeadingIds(body);
    expect(toc.map(({ depth, id }) => ({ depth, id }))).toEqual(rendered);
  });
});
