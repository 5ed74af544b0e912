// The members' text, read straight from the MDX sources, and the one check every test uses to look
// for it in an output (feed, sitemap, table of contents, rendered pages, payloads, static files):
//
//   phrasesIn(output, gatedPhrases())   // → the gated phrases the output holds; [] when none leak
//
// Phrases are cut at inline markup (emphasis, links, code) because that is where rendered HTML,
// RSC payloads and compiled MDX break the text into separate strings, then split into sentences
// so that a truncated excerpt (a description cut mid-paragraph) is still caught. Used by the unit
// tests (vitest) and the e2e specs (Playwright) alike; it reads files only.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import matter from 'gray-matter';
import { E2E_EVENTS_DIR, includesE2eEvents } from '../../lib/content/e2e-events';
import { findMembersOnlyBlocks, withoutMembersOnlyBodies } from '../../lib/content/schema';

const CONTENT_DIR = join(process.cwd(), 'content');
/**
 * Phrases shorter than this are too common to prove a leak (tests may ask for other lengths).
 * Three words: a gated "Doors open at 18h30." or "Ask for Claire." counts as much as a paragraph.
 */
const MIN_WORDS = 3;
const BREAK = '\u0000';
const URL_PATTERN = /https?:\/\/[^\s)<>"'\]]+[^\s)<>"'\].,;:!?]/g;

export interface ContentFile {
  /** Path under content/, e.g. guides/carte-vitale.mdx */
  file: string;
  kind: 'guides' | 'events' | 'pages' | 'offers';
  slug: string;
  data: Record<string, unknown>;
  body: string;
}

/** A guide's front matter, typed: what the feed, the sitemap and the listings show of it. */
export interface GuideSource {
  slug: string;
  title: string;
  summary: string;
  access: 'public' | 'members';
  draft: boolean;
  tags: string[];
  body: string;
}

export interface GatedPhrase {
  text: string;
  /** Where it comes from, e.g. guides/carte-vitale.mdx#ehic-bonus-tip */
  source: string;
}

/** The e2e suite's own events, when this run's build has them (as contentlayer.config.ts decides). */
const SKIPPED_DIR = includesE2eEvents() ? null : join(CONTENT_DIR, E2E_EVENTS_DIR);

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? join(dir, entry.name) === SKIPPED_DIR
        ? []
        : walk(join(dir, entry.name))
      : entry.name.endsWith('.mdx')
        ? [join(dir, entry.name)]
        : [],
  );
}

export function contentFiles(): ContentFile[] {
  return walk(CONTENT_DIR).map((path) => {
    const file = relative(CONTENT_DIR, path);
    const parsed = matter(readFileSync(path, 'utf8'));
    return {
      file,
      kind: file.split('/')[0] as ContentFile['kind'],
      slug: file.replace(/^.*\//, '').replace(/\.mdx$/, ''),
      data: parsed.data,
      body: parsed.content,
    };
  });
}

/** Every guide under content/guides, drafts included. */
export function guideSources(files: ContentFile[] = contentFiles()): GuideSource[] {
  return files
    .filter((file) => file.kind === 'guides')
    .map(({ slug, data, body }) => ({
      slug,
      title: String(data.title),
      summary: String(data.summary),
      // Fail closed like lib/content: only the exact word `public` is public.
      access: data.access === 'public' ? 'public' : 'members',
      draft: data.draft === true,
      tags: (data.tags as string[] | undefined) ?? [],
      body,
    }));
}

/** Lowercase, one space between words, straight quotes: what both sides of a comparison go through. */
export function normalise(text: string): string {
  return text
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u00a0\u202f\s]+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Bare URLs in a piece of MDX. */
export function urlsIn(mdx: string): string[] {
  const urls = [...mdx.matchAll(/\]\((https?:\/\/[^)\s]+)\)/g)].map((m) => m[1] ?? '');
  return [...new Set([...urls, ...(mdx.match(URL_PATTERN) ?? [])])].filter(Boolean);
}

/**
 * Short details in gated text that no sentence rule catches: e-mail addresses, phone numbers
 * ("36 46", "+33 6 12 34 56 78"), street addresses ("12 rue de Rivoli") and times ("19:00").
 */
export function detailsIn(mdx: string): string[] {
  const text = mdx.replace(/<[^>]+>|\*+|`+/g, ' ');
  const patterns = [
    /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g,
    /(?:\+\d{1,3}[\s.]?)?\b\d{2}(?:[\s.]\d{2}){1,4}\b/g,
    /\b\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|boulevard|place|quai|all[ée]e|impasse|chemin|cours|passage|street|road)\s+[\p{L}' -]{2,40}/giu,
    /\b(?:[01]?\d|2[0-3])(?::|h)[0-5]\d\b/g,
  ];
  return [...new Set(patterns.flatMap((pattern) => text.match(pattern) ?? []))]
    .map((detail) => detail.trim())
    .filter((detail) => detail.replace(/\D/g, '').length !== detail.length || detail.length > 4);
}

/** Text runs of one line of MDX, cut wherever inline markup starts or ends. */
function fragmentsOfLine(line: string): string[] {
  const text = line
    .replace(/^\s*(?:#{1,6}\s+|>\s*|[-*+]\s+|\d+[.)]\s+)/, '')
    // Links: the label is its own run; the address is checked separately (urlsIn).
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, `${BREAK}$1${BREAK}`)
    .replace(URL_PATTERN, BREAK)
    .replace(/<[^>]+>/g, BREAK)
    .replace(/\*+|`+|~~/g, BREAK)
    .replace(/(^|[^\p{L}\p{N}])_+|_+(?=[^\p{L}\p{N}]|$)/gu, `$1${BREAK}`)
    .replace(/\\([\\`*_{}[\]()#+\-.!|])/g, '$1');
  return text.split(BREAK);
}

/** Every phrase of at least `minWords` words in a piece of MDX, as it will read once rendered. */
export function phrasesOf(mdx: string, minWords = MIN_WORDS): string[] {
  const runs: string[] = [];
  for (const block of mdx.split(/\n\s*\n/)) {
    const lines = block.split('\n').filter((line) => line.trim());
    // Markdown table rows: each cell is its own run; the |---| line is not text.
    const items: string[] = [];
    let paragraph: string[] = [];
    for (const line of lines) {
      if (/^\s*\|/.test(line)) {
        if (/^\s*\|[\s:|-]+\|\s*$/.test(line)) continue;
        items.push(...line.split('|'));
      } else if (/^\s*(?:[-*+]|\d+[.)])\s+/.test(line) || /^\s*#/.test(line)) {
        if (paragraph.length) items.push(paragraph.join(' '));
        paragraph = [];
        items.push(line);
      } else {
        paragraph.push(line);
      }
    }
    if (paragraph.length) items.push(paragraph.join(' '));
    for (const item of items) runs.push(...fragmentsOfLine(item));
  }
  const phrases = new Set<string>();
  for (const run of runs) {
    const sentences = [run, ...run.split(/(?<=[.!?;:])\s+/)];
    for (const sentence of sentences) {
      const clean = sentence.replace(/\s+/g, ' ').trim();
      if (clean.split(' ').filter((word) => /[\p{L}\p{N}]/u.test(word)).length >= minWords) {
        phrases.add(clean);
      }
    }
  }
  return [...phrases];
}

/** A guide with `draft: true`: only staff may read any of it (title, summary, body). */
export const isDraftGuide = (file: ContentFile) =>
  file.kind === 'guides' && file.data.draft === true;

interface ChangeSource {
  date?: unknown;
  summary?: unknown;
  members?: unknown;
}

const changesOf = (file: ContentFile): ChangeSource[] =>
  Array.isArray(file.data.changes) ? (file.data.changes as ChangeSource[]) : [];

/** A guide's "What changed" lines readers see: not a members' one, nor any of a members' guide. */
function publicChanges(file: ContentFile): ChangeSource[] {
  if (file.kind !== 'guides' || file.data.access !== 'public') return [];
  return changesOf(file).filter((change) => change.members !== true);
}

/**
 * Each change whose summary readers must not see (a members' change, or any change of a members'
 * guide): the guide, and the summary as staff wrote it. Drafts are left out (all of a draft is gated).
 */
export function membersChanges(
  files: ContentFile[] = contentFiles(),
): { file: string; slug: string; summary: string }[] {
  return files
    .filter((file) => file.kind === 'guides' && !isDraftGuide(file))
    .flatMap((file) => {
      const shown = publicChanges(file);
      return changesOf(file)
        .filter((change) => !shown.includes(change) && typeof change.summary === 'string')
        .map((change) => ({
          file: file.file,
          slug: file.slug,
          summary: String(change.summary).trim(),
        }));
    });
}

/** The text everybody may read: frontmatter strings and every body outside the gated parts. */
function publicText(files: ContentFile[]): string {
  return normalise(
    files
      .filter((file) => !isDraftGuide(file))
      .map((file) => {
        // Partner offers are members' text from top to bottom, frontmatter included.
        if (file.kind === 'offers') return '';
        const front = JSON.stringify({ ...file.data, changes: publicChanges(file) });
        if (file.kind === 'guides' && file.data.access !== 'public') return front;
        return `${front}\n${withoutMembersOnlyBodies(file.body)}`;
      })
      .join('\n'),
  );
}

/**
 * Every gated phrase: the bodies of MembersOnly blocks anywhere under content/, the whole body of
 * guides with `access: members`, and the addresses linked inside them; the summary of a members'
 * change (`changes: [{ members: true }]`, or any change of a members' guide), whole; all of a draft guide
 * (title, summary, body), which only staff may read; and every partner offer (content/offers/):
 * its title, code, address and body. A phrase that also appears
 * in public text (the same sentence in another guide) is not a secret and is left out.
 * Short details (phone numbers, e-mail and street addresses, times) are added whatever their length.
 * `files` narrows the sources (one guide, say); `minWords` (default 3) the shortest phrase kept.
 */
export function gatedPhrases(
  files: ContentFile[] = contentFiles(),
  { minWords = MIN_WORDS }: { minWords?: number } = {},
): GatedPhrase[] {
  const everyone = publicText(files);
  const found = new Map<string, GatedPhrase>();
  const add = (text: string, source: string) => {
    const key = normalise(text);
    if (!everyone.includes(key) && !found.has(key)) found.set(key, { text, source });
  };
  for (const file of files) {
    if (isDraftGuide(file)) {
      // A draft is staff's: its title, summary and whole body are secret from everyone else.
      for (const field of ['title', 'summary']) {
        const value = file.data[field];
        if (typeof value === 'string') add(value, `${file.file}#${field}`);
      }
      for (const phrase of phrasesOf(file.body, minWords)) add(phrase, file.file);
    }
    if (file.kind === 'guides') {
      // A members' change (and any change of a members' guide) shows readers a neutral line only.
      const shown = publicChanges(file);
      changesOf(file).forEach((change, index) => {
        if (!shown.includes(change) && typeof change.summary === 'string') {
          add(change.summary.trim(), `${file.file}#changes.${index}`);
        }
      });
    }
    if (file.kind === 'guides' && file.data.access !== 'public') {
      for (const phrase of phrasesOf(file.body, minWords)) add(phrase, file.file);
      for (const url of urlsIn(file.body)) add(url, file.file);
      for (const detail of detailsIn(file.body)) add(detail, file.file);
    }
    if (file.kind === 'offers') {
      for (const key of ['title', 'code', 'url'] as const) {
        if (typeof file.data[key] === 'string') add(file.data[key], `${file.file}#${key}`);
      }
      for (const phrase of phrasesOf(file.body, minWords)) add(phrase, file.file);
      for (const url of urlsIn(file.body)) add(url, file.file);
    }
    if (file.kind === 'guides') {
    }
    for (const block of findMembersOnlyBlocks(file.body)) {
      const source = `${file.file}#${block.attributes.id ?? 'members-only'}`;
      for (const phrase of phrasesOf(block.body, minWords)) add(phrase, source);
      for (const url of urlsIn(block.body)) add(url, source);
      for (const detail of detailsIn(block.body)) add(detail, source);
    }
  }
  return [...found.values()];
}

/** Public phrases of one document (outside its gated parts), for checks that must find them. */
export function publicPhrases(file: ContentFile): string[] {
  return phrasesOf(withoutMembersOnlyBodies(file.body));
}

export function contentFile(path: string): ContentFile {
  const file = contentFiles().find((candidate) => candidate.file === path);
  if (!file) throw new Error(`No content file ${path}`);
  return file;
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  rsquo: '’',
  lsquo: '‘',
  ldquo: '“',
  rdquo: '”',
  hellip: '…',
  mdash: '—',
  ndash: '–',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
    if (code[0] === '#') {
      const value =
        code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : Number(code.slice(1));
      return Number.isFinite(value) ? String.fromCodePoint(value) : whole;
    }
    return NAMED_ENTITIES[code.toLowerCase()] ?? whole;
  });
}

/** JS/JSON string escapes as they appear in chunks and RSC payloads. */
function unescapeJs(text: string): string {
  return text
    .replace(/\\u\{([0-9a-f]+)\}/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/\\u([0-9a-f]{4})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/\\x([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/\\[nrt]/g, ' ')
    .replace(/\\(["'`\\/])/g, '$1');
}

/** The ways a fetched document may spell a sentence: as sent, entity-decoded, unescaped, untagged. */
export function readings(body: string): string[] {
  const decoded = decodeEntities(unescapeJs(decodeEntities(body)));
  return [...new Set([body, decoded, decoded.replace(/<[^>]*>/g, '')].map(normalise))];
}

/** Which of `phrases` a fetched document contains. */
export function phrasesIn<T extends { text: string }>(body: string, phrases: T[]): T[] {
  const texts = readings(body);
  return phrases.filter((phrase) => {
    const needle = normalise(phrase.text);
    return texts.some((text) => text.includes(needle));
  });
}

/** Pagefind writes its index and fragments gzip-compressed, each starting with this signature. */
export const PAGEFIND_SIGNATURE = 'pagefind_dcd';

/**
 * A file of the Pagefind bundle as searchable text: .pf_* files are gunzipped and must carry
 * Pagefind's signature (so a format change fails the check instead of hiding text from it);
 * the loader scripts and JSON are read as they are.
 */
export function pagefindText(name: string, raw: Buffer): string {
  if (!/\.pf_[a-z]+$/.test(name)) return raw.toString('utf8');
  const data = gunzipSync(raw);
  const head = data.subarray(0, PAGEFIND_SIGNATURE.length).toString('latin1');
  if (head !== PAGEFIND_SIGNATURE) {
    throw new Error(`${name}: no ${PAGEFIND_SIGNATURE} signature after gunzip (got "${head}")`);
  }
  // Fragments are JSON (UTF-8); the word index is binary with UTF-8 words in it.
  return data.subarray(PAGEFIND_SIGNATURE.length).toString('utf8');
}
