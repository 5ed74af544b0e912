// Our published text is written afresh: no run of RUN_WORDS consecutive words may be shared with
// the seed article (the 2021 blog post the guides replaced, kept outside the repository in
// shared/seed/*.txt). Checked: every guide under content/guides (title, summary and body, members'
// sections included) and every text of the planner (content/planner/carte-vitale.yaml).
//
// Where the seed lives: the repository is checked out with shared/ beside it (CI clones both into
// one folder; a worktree may sit one level deeper), so the nearest ancestor of the repository that
// holds shared/seed is used. A missing seed fails the test: passing without it would prove nothing.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';

const RUN_WORDS = 12;
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const GUIDES_DIR = path.join(REPO_ROOT, 'content', 'guides');
const PLANNER_FILE = path.join(REPO_ROOT, 'content', 'planner', 'carte-vitale.yaml');

interface Text {
  /** Where the text comes from, e.g. content/guides/carte-vitale.mdx */
  source: string;
  words: string[];
}

interface SharedRun {
  source: string;
  run: string;
}

/** The folders looked in for shared/seed, nearest first (the repository's parent, then upwards). */
function seedCandidates(): string[] {
  const candidates: string[] = [];
  let dir = path.dirname(path.resolve(REPO_ROOT));
  for (;;) {
    candidates.push(path.join(dir, 'shared', 'seed'));
    const parent = path.dirname(dir);
    if (parent === dir) return candidates;
    dir = parent;
  }
}

function seedFiles(): string[] {
  for (const dir of seedCandidates()) {
    if (!existsSync(dir)) continue;
    const files = readdirSync(dir)
      .filter((name) => name.endsWith('.txt'))
      .map((name) => path.join(dir, name));
    if (files.length > 0) return files;
  }
  return [];
}

/**
 * MDX/Markdown reduced to its words: components, link targets, bare addresses, emphasis, table
 * pipes and heading marks go; the text a reader sees stays.
 */
function mdxToText(source: string): string {
  return (
    source
      // {/* comments */} and other expressions
      .replace(/\{\/\*[\s\S]*?\*\/\}/g, ' ')
      // Component tags, opening and closing, with their attributes (a teaser is text too: keep it).
      .replace(/<\/?[A-Za-z][^>]*>/g, (tag) =>
        [...tag.matchAll(/(?:title|teaser)="([^"]*)"/g)].map((m) => ` ${m[1]} `).join(' '),
      )
      // [label](address) → label
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/https?:\/\/\S+/g, ' ')
  );
}

/** Lower case, no accents, apostrophes joined (doctor’s → doctors), words only. */
function wordsOf(text: string): string[] {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/['’ʼ`]/g, '')
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** Every maximal run of at least RUN_WORDS words of `text` that also occurs in the seed. */
function sharedRuns(text: Text, seedShingles: Set<string>): SharedRun[] {
  const { words } = text;
  const runs: SharedRun[] = [];
  let i = 0;
  while (i + RUN_WORDS <= words.length) {
    if (!seedShingles.has(words.slice(i, i + RUN_WORDS).join(' '))) {
      i += 1;
      continue;
    }
    // Extend while the next window is shared too, so one copied passage is one finding.
    let end = i + RUN_WORDS;
    while (end < words.length && seedShingles.has(words.slice(end - RUN_WORDS + 1, end + 1).join(' '))) {
      end += 1;
    }
    runs.push({ source: text.source, run: words.slice(i, end).join(' ') });
    i = end;
  }
  return runs;
}

function shinglesOf(words: string[]): Set<string> {
  const shingles = new Set<string>();
  for (let i = 0; i + RUN_WORDS <= words.length; i += 1) {
    shingles.add(words.slice(i, i + RUN_WORDS).join(' '));
  }
  return shingles;
}

function guideTexts(): Text[] {
  return readdirSync(GUIDES_DIR)
    .filter((name) => name.endsWith('.mdx'))
    .sort()
    .map((name) => {
      const parsed = matter(readFileSync(path.join(GUIDES_DIR, name), 'utf8'));
      const { title = '', summary = '' } = parsed.data as { title?: string; summary?: string };
      return {
        source: `content/guides/${name}`,
        words: wordsOf(`${title}\n${summary}\n${mdxToText(parsed.content)}`),
      };
    });
}

/** Every string in the planner file, each its own text, named by its place (questions.0.label). */
function plannerTexts(): Text[] {
  const texts: Text[] = [];
  const visit = (value: unknown, at: string) => {
    if (typeof value === 'string') {
      texts.push({ source: `content/planner/carte-vitale.yaml ${at}`, words: wordsOf(mdxToText(value)) });
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, `${at}.${index}`));
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) visit(item, at ? `${at}.${key}` : key);
    }
  };
  visit(YAML.parse(readFileSync(PLANNER_FILE, 'utf8')), '');
  return texts;
}

const report = (runs: SharedRun[]) =>
  runs.map(({ source, run }) => `  ${source}\n    "${run}"`).join('\n');

describe(`no run of ${RUN_WORDS} words copied from the seed article`, () => {
  const seeds = seedFiles();
  const seedWords = seeds.flatMap((file) => wordsOf(readFileSync(file, 'utf8')));
  const seedShingles = shinglesOf(seedWords);

  it('finds the seed article (shared/seed/*.txt beside the repository)', () => {
    expect(
      seeds.length,
      `No seed article found. Looked for *.txt in:\n${seedCandidates().join('\n')}\n` +
        'Check out the shared folder beside the repository (as CI does) to run this test.',
    ).toBeGreaterThan(0);
    expect(seedWords.length, 'the seed article has text').toBeGreaterThan(RUN_WORDS * 10);
  });

  it('finds a pasted seed sentence, through MDX markup, case and punctuation', () => {
    // The seed's longest sentence, pasted into a guide body with markup around and inside it.
    const sentences = seeds
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n')
      .split(/(?<=[.?!])\s+|\n+/)
      .map((s) => s.trim());
    const pasted = sentences.reduce((a, b) => (wordsOf(b).length > wordsOf(a).length ? b : a), '');
    expect(wordsOf(pasted).length).toBeGreaterThanOrEqual(RUN_WORDS);
    const [first = '', ...rest] = pasted.split(' ');
    const body = `## A heading\n\nOur own words first. <Callout kind="tip">\n\n**${first.toUpperCase()}** [${rest.join(' ')}](https://example.test/x)\n\n</Callout>\n`;
    const runs = sharedRuns({ source: 'pasted.mdx', words: wordsOf(mdxToText(body)) }, seedShingles);
    expect(runs).toEqual([
      {
        source: 'pasted.mdx',
        run: expect.stringContaining(wordsOf(pasted).slice(0, RUN_WORDS).join(' ')),
      },
    ]);

    // One word short of a run is not a finding: the limit is exactly RUN_WORDS.
    const short = wordsOf(pasted).slice(0, RUN_WORDS - 1);
    expect(sharedRuns({ source: 'short.mdx', words: ['ours', ...short, 'ours'] }, seedShingles)).toEqual([]);
  });

  it('shares no run with any guide', () => {
    expect(seedShingles.size, 'the seed article was read').toBeGreaterThan(0);
    const texts = guideTexts();
    expect(texts.length, 'guides read').toBeGreaterThanOrEqual(5);
    const runs = texts.flatMap((text) => sharedRuns(text, seedShingles));
    expect(runs, `runs of ${RUN_WORDS}+ words shared with the seed:\n${report(runs)}`).toEqual([]);
  });

  it('shares no run with the planner’s texts', () => {
    expect(seedShingles.size, 'the seed article was read').toBeGreaterThan(0);
    const texts = plannerTexts();
    expect(texts.length, 'planner texts read').toBeGreaterThan(20);
    const runs = texts.flatMap((text) => sharedRuns(text, seedShingles));
    expect(runs, `runs of ${RUN_WORDS}+ words shared with the seed:\n${report(runs)}`).toEqual([]);
  });
});
