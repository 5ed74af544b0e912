// `npm run content:check`: validates every MDX file under content/ in about a second, with the
// file name and the field for each problem. The build runs it first, so both give the same answer.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import YAML from 'yaml';
import type { ZodType } from 'zod';
import {
  SLUG,
  eventDetailsOutsideMembersOnly,
  eventFrontmatter,
  findMembersOnlyBlocks,
  guideFrontmatterOn,
  offerFrontmatter,
  pageFrontmatter,
  plainProblem,
} from '../lib/content/schema';
import { ruleFor } from '../lib/content/check-rules';
import { checkMdx } from '../lib/content/mdx-check';
import { checkPlannerSource } from '../lib/planner/check';

const CONTENT_DIR = path.resolve(process.argv[2] ?? 'content');
/** The schema per folder; guides' depends on the day (no change dated in the future). */
const SCHEMAS: Record<string, (now: Date) => ZodType> = {
  guides: guideFrontmatterOn,
  pages: () => pageFrontmatter,
  events: () => eventFrontmatter,
  offers: () => offerFrontmatter,
};

/** `now` is the checker's clock: "today" for the rules that depend on it. */
export function checkFile(
  kind: string,
  file: string,
  source: string,
  now: Date = new Date(),
): string[] {
  const problems: string[] = [];
  const name = path.basename(file, '.mdx');
  if (!SLUG.test(name)) {
    problems.push(
      `file name: "${name}" must be lowercase words joined by hyphens (it becomes the URL)`,
    );
  }
  let parsed: matter.GrayMatterFile<string>;
  try {
    // The YAML parser contentlayer uses (YAML 1.2: dates stay text). gray-matter's default turns an
    // unquoted 2026-11-31 into 1 December, so the check passed days the build then read differently.
    parsed = matter(source, { engines: { yaml: (text) => YAML.parse(text) ?? {} } });
  } catch (error) {
    return [`frontmatter: not valid YAML (${(error as Error).message.split('\n')[0]})`];
  }
  const schema = SCHEMAS[kind];
  if (!schema)
    return [`folder: content/${kind} is not a known kind (guides, pages, events, offers)`];
  const result = schema(now).safeParse(parsed.data);
  if (!result.success) {
    for (const issue of result.error.issues) problems.push(plainProblem(issue, parsed.data));
  }
  // Components, props and values (lib/content/components.ts) and MDX syntax, by file line.
  problems.push(...checkMdx(source));
  for (const block of findMembersOnlyBlocks(parsed.content)) {
    if (!block.body.trim()) {
      problems.push(`<MembersOnly id="${block.attributes.id ?? ''}"> has no content`);
    }
  }
  if (kind === 'events' && parsed.data?.access !== 'public') {
    // Members' event: the page is public, so the details must sit inside <MembersOnly>.
    if (!findMembersOnlyBlocks(parsed.content).length) {
      problems.push(
        "members' event: its details (place, joining link, programme) must be inside <MembersOnly>; this one has no <MembersOnly> block",
      );
    }
    for (const detail of eventDetailsOutsideMembersOnly(parsed.content)) {
      problems.push(
        `members' event: ${detail} outside <MembersOnly> would be public; move it inside the block`,
      );
    }
  }
  return problems;
}

export function checkContent(
  dir: string,
  now: Date = new Date(),
): { files: number; problems: string[] } {
  const problems: string[] = [];
  let files = 0;
  for (const kind of readdirSync(dir, { withFileTypes: true })) {
    if (!kind.isDirectory()) continue;
    for (const entry of readdirSync(path.join(dir, kind.name), { recursive: true })) {
      const relative = String(entry);
      if (kind.name === 'planner') {
        // The planner's rules (lib/planner): YAML data, not MDX pages.
        if (!relative.endsWith('.yaml')) continue;
        const file = path.join(dir, kind.name, relative);
        files += 1;
        for (const problem of checkPlannerSource(readFileSync(file, 'utf8'))) {
          problems.push(`${path.relative(process.cwd(), file)}: ${problem}`);
        }
        continue;
      }
      if (!relative.endsWith('.mdx') && !relative.endsWith('.md')) continue;
      const file = path.join(dir, kind.name, relative);
      files += 1;
      if (relative.endsWith('.md')) {
        problems.push(`${path.relative(process.cwd(), file)}: use the .mdx extension`);
        continue;
      }
      for (const problem of checkFile(kind.name, file, readFileSync(file, 'utf8'), now)) {
        problems.push(`${path.relative(process.cwd(), file)}: ${problem}`);
      }
    }
  }
  return { files, problems };
}

/** The MDX problems of one file (syntax, components, props, values), each on a line of the file. */
export const checkMdxBody = checkMdx;

/** What `npm run content:check` and `npm run dev` run: every file, frontmatter and MDX. */
export async function checkContentAndMdx(
  dir: string,
  now: Date = new Date(),
): Promise<{ files: number; problems: string[] }> {
  return checkContent(dir, now);
}

/** The kind of file a printed problem is about: the folder under content/ its path names. */
function kindOf(problem: string): string {
  return /(?:^|\/)content\/([^/]+)\//.exec(problem)?.[1] ?? '';
}

const isMain =
  process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename);
if (isMain) {
  const { files, problems } = await checkContentAndMdx(CONTENT_DIR);
  if (problems.length) {
    console.error(`content:check found ${problems.length} problem(s) in ${files} file(s):`);
    for (const problem of problems) {
      console.error(`  ✗ ${problem}`);
      const fix = ruleFor(kindOf(problem), problem.replace(/^[^:]+\.(mdx|md|yaml): /, ''))?.fix;
      if (fix) console.error(`    what to do: ${fix}`);
    }
    process.exit(1);
  }
  console.log(`content:check: ${files} file(s) OK`);
}
