// A throwaway copy of the project for specs that run `npm run dev` and edit content/: the files
// git tracks are copied (so edits never touch the checkout), node_modules is hard-linked (fast,
// and nothing here writes into it).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function makeDevWorkspace(): { dir: string; remove: () => void } {
  const root = process.cwd();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sojoourn-dev-'));
  const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean);
  for (const file of tracked) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    cpSync(path.join(root, file), path.join(dir, file));
  }
  execFileSync('cp', ['-al', path.join(root, 'node_modules'), dir]);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
