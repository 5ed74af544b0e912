// The follow journey's "next deploy": a copy of the project (git-tracked files, node_modules
// hard-linked: test/support/dev-workspace.ts) with changes added to guides' frontmatter, built once
// (`npm run build`, the same environment as the specs' build), then started as production
// instances on the database of the specs' server, as a deploy of several instances would.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { appEnv } from '../../playwright.config';
import { makeDevWorkspace } from './dev-workspace';

export interface AddedChange {
  date: string;
  summary: string;
  members?: boolean;
}

/** Adds `changes` (newest first) to a guide's frontmatter; its updated and reviewed days follow. */
export function addChanges(dir: string, slug: string, changes: AddedChange[]): void {
  const file = path.join(dir, 'content/guides', `${slug}.mdx`);
  const source = readFileSync(file, 'utf8');
  const match = /^---\n([\s\S]*?)\n---\n/.exec(source);
  if (!match) throw new Error(`${file}: no frontmatter`);
  const frontmatter = parseDocument(match[1]!);
  const existing = (frontmatter.get('changes') as { toJSON(): unknown[] } | undefined)?.toJSON();
  const newest = changes
    .map((change) => change.date)
    .sort()
    .at(-1)!;
  frontmatter.set('changes', [...changes, ...(existing ?? [])]);
  frontmatter.set('updatedAt', newest);
  frontmatter.set('reviewedAt', newest);
  writeFileSync(
    file,
    `---\n${frontmatter.toString({ lineWidth: 0 })}---\n${source.slice(match[0].length)}`,
  );
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output = (output + chunk).slice(-20_000)));
    child.stderr.on('data', (chunk) => (output = (output + chunk).slice(-20_000)));
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} ${args.join(' ')}: ${code}\n${output}`)),
    );
  });
}

/** A copy of the project with `edit` applied to its content, built for production. */
export async function buildEditedCopy(edit: (dir: string) => void) {
  const workspace = makeDevWorkspace();
  edit(workspace.dir);
  // The e2e build's own events (scripts/e2e.sh writes them before its build; git ignores them).
  await run('npx', ['tsx', 'scripts/e2e-events.ts'], workspace.dir, process.env);
  await run('npm', ['run', 'build'], workspace.dir, process.env);
  return workspace;
}

export interface Instance {
  url: string;
  /** Everything it logged so far (JSON lines in production). */
  output(): string;
  stop(): Promise<void>;
}

/** `next start` in `dir` on `port`, with the specs' environment and `env` on top. */
export async function startInstance(
  dir: string,
  port: number,
  env: Record<string, string>,
): Promise<Instance> {
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    ['node_modules/next/dist/bin/next', 'start', '-p', String(port), '-H', '127.0.0.1'],
    {
      cwd: dir,
      env: { ...process.env, ...(appEnv as Partial<NodeJS.ProcessEnv>), ...env },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = AbortSignal.timeout(60_000);
  for (;;) {
    if (signal.aborted) throw new Error(`instance on ${port} did not start:\n${output}`);
    const ok = await fetch(`${url}/robots.txt`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    output: () => output,
    async stop() {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        return;
      }
      await exited;
    },
  };
}
