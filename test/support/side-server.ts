// A second production server of the same build, beside the one the specs share: on its own port
// (SIDE_PORTS) and its own SQLite file, with the specs' environment plus what a spec changes.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { appEnv } from '../../playwright.config';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface SideServer {
  url: string;
  dbFile: string;
  /** Resolves once the server answers, or throws after `timeoutMs`. */
  ready(timeoutMs?: number): Promise<void>;
  /** Signals every process `next start` runs (its own process group); a no-op once it is gone. */
  stop(signal?: NodeJS.Signals): void;
  /** Resolves when the server's process has exited. */
  exited: Promise<void>;
}

/**
 * Starts the server with a fresh database `data/e2e-<name>-<port>.db`. `env` overrides the specs'
 * environment; a value of `undefined` removes that variable (the real default applies).
 */
export function startSideServer(
  name: string,
  port: number,
  env: Record<string, string | undefined> = {},
): SideServer {
  const url = `http://127.0.0.1:${port}`;
  const dbFile = path.join(ROOT, `data/e2e-${name}-${port}.db`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbFile}${suffix}`, { force: true });
  const merged: NodeJS.ProcessEnv = {
    ...process.env,
    ...(appEnv as Partial<NodeJS.ProcessEnv>),
    DATABASE_URL: `file:${dbFile}`,
    NEXTAUTH_URL: url,
    SITE_URL: url,
    ...env,
  };
  for (const [key, value] of Object.entries(merged)) if (value === undefined) delete merged[key];
  const child = spawn(
    process.execPath,
    ['node_modules/next/dist/bin/next', 'start', '-p', String(port), '-H', '127.0.0.1'],
    { cwd: ROOT, env: merged, detached: true, stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    dbFile,
    exited,
    async ready(timeoutMs = 60_000) {
      const signal = AbortSignal.timeout(timeoutMs);
      for (;;) {
        signal.throwIfAborted();
        const ok = await fetch(`${url}/robots.txt`, { signal }).then(
          (response) => response.ok,
          () => false,
        );
        if (ok) return;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    },
    stop(signal = 'SIGTERM') {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // already gone
      }
    },
  };
}
