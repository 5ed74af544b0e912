// The docs say only what exists: every `npm run` name and every repository path named in README.md
// and docs/**/*.md exists, the README stays short and keeps its two commands byte for byte, and
// docs/operations.md names every environment variable the server reads.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { VARIABLES } from '../lib/platform/env-variables';
import { docFiles, docProblems, npmScriptNames, relativeLinks, repoPaths } from './lib/docs-check';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;

/** The README's two commands, exactly as a newcomer copies them (issue 26: they never change). */
const TWO_COMMANDS = ['npm ci && npm run dev', 'npm ci && npm test'];
const README_MAX_LINES = 120;

describe('the README', () => {
  const readme = read('README.md');

  it(`is at most ${README_MAX_LINES} lines`, () => {
    expect(readme.trimEnd().split('\n').length).toBeLessThanOrEqual(README_MAX_LINES);
  });

  it('keeps the two commands exactly, each alone in a sh block', () => {
    for (const command of TWO_COMMANDS) expect(readme).toContain('```sh\n' + command + '\n```');
  });

  it("names the scripts CI runs: .ci/run installs with npm ci and runs the README's test command", () => {
    const ci = read('.ci/run');
    expect(ci).toMatch(/^npm ci\b/m);
    expect(ci).toMatch(/^npm test$/m);
    expect(scripts.dev).toBe('tsx scripts/dev.ts');
    expect(scripts.test).toBe('bash scripts/test.sh');
  });

  it('points each audience to its document', () => {
    for (const doc of [
      'docs/staff.md',
      'docs/operations.md',
      'docs/architecture.md',
      'docs/decisions/',
    ]) {
      expect(readme).toContain(`\`${doc}\``);
    }
  });
});

describe('every command and path named in the docs exists', () => {
  const files = docFiles(root);

  it('reads the README and the docs', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'README.md',
        'docs/operations.md',
        'docs/architecture.md',
        'docs/decisions/README.md',
      ]),
    );
  });

  it.each(files)('%s', (file) => {
    expect(docProblems(root, file, read(file), scripts)).toEqual([]);
  });
});

describe('docs/operations.md', () => {
  it('names every environment variable of lib/platform/env-variables.ts', () => {
    const operations = read('docs/operations.md');
    const missing = Object.keys(VARIABLES).filter((name) => !operations.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });
});

describe('the check itself', () => {
  const text = [
    'Run `npm run content:check`, then `npm run contnet:check` and `npm test`.',
    'See `lib/access.ts`, `lib/acces.ts`, `app/(site)/…`, `app/reader/…`, (`lib/platform/env.ts`).',
    '`lib/<domain>/schema` and `lib/file/reminders*.ts` name no one file; `package.json` is a file.',
    '```sh',
    'bash scripts/e2e.sh e2e/specs/reader.spec.ts   # and scripts/nope.sh',
    '```',
    'Read [the records](decisions/README.md) and [nothing](decisions/9999-nothing.md).',
  ].join('\n');

  it('finds the script names and the paths', () => {
    expect(npmScriptNames(text).sort()).toEqual(['content:check', 'contnet:check', 'test']);
    expect(repoPaths(text).sort()).toEqual([
      'app/(site)',
      'app/reader',
      'e2e/specs/reader.spec.ts',
      'lib/acces.ts',
      'lib/access.ts',
      'lib/platform/env.ts',
      'package.json',
      'scripts/e2e.sh',
      'scripts/nope.sh',
    ]);
    expect(relativeLinks(text)).toEqual(['decisions/README.md', 'decisions/9999-nothing.md']);
  });

  it('fails on a wrong script name, a wrong path and a broken link, and on nothing else', () => {
    expect(docProblems(root, 'docs/example.md', text, scripts)).toEqual([
      'docs/example.md: "npm run contnet:check" is not a script of package.json',
      'docs/example.md: lib/acces.ts does not exist',
      'docs/example.md: scripts/nope.sh does not exist',
      'docs/example.md: the link decisions/9999-nothing.md leads nowhere',
    ]);
  });
});
