// What scripts/docs.test.ts checks in README.md and docs/**/*.md: every `npm run` name is a script
// of package.json, every repository path named exists, every relative link leads to a file.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** Top-level folders whose paths the docs name; a token starting with one of them is a repo path. */
const REPO_FOLDERS = [
  'app',
  'components',
  'content',
  'deploy',
  'docs',
  'e2e',
  'lib',
  'scripts',
  'test',
  'tools',
  'types',
  '.ci',
];
/** Files at the root the docs name by themselves. */
const ROOT_FILE =
  /^(?:package(?:-lock)?\.json|next\.config\.js|proxy\.ts|instrumentation(?:-node)?\.ts|contentlayer\.config\.ts|playwright(?:\.cluster)?\.config\.ts|vitest\.config\.ts|eslint\.config\.mjs|tsconfig\.json|README\.md)$/;
/**
 * Paths the docs name that a fresh clone does not hold: made by a run (the e2e suite's own events).
 * Listed one by one so that any other missing path still fails.
 */
const GENERATED = new Set(['content/events/e2e/']);

/** The script names a text runs: `npm run X` (also `npm run --silent X`), `npm start`, `npm test`. */
export function npmScriptNames(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(/\bnpm run (?:--silent )?([a-z][\w:.-]*)/g)) {
    names.add((match[1] ?? '').replace(/[.:]+$/, ''));
  }
  for (const match of text.matchAll(/\bnpm (start|test)\b/g)) names.add(match[1] ?? '');
  return [...names];
}

const count = (text: string, char: string) => text.split(char).length - 1;

/**
 * Repository paths named in a text: tokens starting with a top-level folder (`lib/…`, `e2e/…`) or a
 * root file, wherever they stand (inline code, code blocks, prose). A token with a placeholder
 * (`lib/<domain>/schema`, `reminders*.ts`) names no one file and is left out; a trailing `…` or
 * `/…` ("app/reader/…") is checked as the folder before it.
 */
export function repoPaths(text: string): string[] {
  const found = new Set<string>();
  const folders = REPO_FOLDERS.map((f) => f.replace('.', '\\.')).join('|');
  const pattern = new RegExp(
    `(?<=^|[\\s\`(\\[])((?:${folders})/[^\\s\`'",;]*|[\\w.-]+\\.(?:json|js|ts|mjs|md))`,
    'gm',
  );
  for (const match of text.matchAll(pattern)) {
    let token = match[1] ?? '';
    // A closing parenthesis that closes the sentence or the link, not one of the path ("(site)").
    while (token.endsWith(')') && count(token, ')') > count(token, '(')) token = token.slice(0, -1);
    token = token.replace(/(?:\/?…)+$/, '').replace(/[.:]+$/, '');
    if (!token.includes('/') && !ROOT_FILE.test(token)) continue;
    if (/[<>*{}…]/.test(token)) continue;
    if (token.endsWith('/')) token = token.replace(/\/+$/, '/');
    found.add(token);
  }
  return [...found];
}

/** Relative markdown links (`[x](0001-reader-copies.md)`), resolved from the file's folder. */
export function relativeLinks(text: string): string[] {
  const links: string[] = [];
  for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = (match[1] ?? '').split('#')[0];
    if (!target || /^[a-z]+:/i.test(target) || target.startsWith('/')) continue;
    links.push(target);
  }
  return links;
}

/** A named path exists as written, or as a module (`lib/access` → `lib/access.ts`). */
function pathExists(root: string, name: string): boolean {
  const full = path.join(root, name);
  return ['', '.ts', '.tsx', '.js'].some((ext) => existsSync(full + ext));
}

/** Every problem of one markdown file, as "file: what is wrong". */
export function docProblems(
  root: string,
  file: string,
  text: string,
  scripts: Record<string, string>,
): string[] {
  const problems: string[] = [];
  for (const name of npmScriptNames(text)) {
    if (!(name in scripts))
      problems.push(`${file}: "npm run ${name}" is not a script of package.json`);
  }
  for (const name of repoPaths(text)) {
    if (GENERATED.has(name)) continue;
    if (!pathExists(root, name)) problems.push(`${file}: ${name} does not exist`);
  }
  for (const link of relativeLinks(text)) {
    const target = path.join(path.dirname(file), link);
    if (!pathExists(root, target)) problems.push(`${file}: the link ${link} leads nowhere`);
  }
  return problems;
}

/** README.md and every markdown file under docs/, relative to root. */
export function docFiles(root: string): string[] {
  const files = ['README.md'];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith('.md')) files.push(rel);
    }
  };
  if (existsSync(path.join(root, 'docs'))) walk('docs');
  return files;
}
