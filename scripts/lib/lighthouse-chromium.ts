// The Chromium that `npm run lighthouse` and `npm run lighthouse:floor` measure with: Debian's,
// with the flags every test uses (test/support/chromium.ts), a throwaway profile and a DevTools port.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../test/support/chromium';

export async function startChromium(debugPort: number) {
  const profile = mkdtempSync(join(tmpdir(), 'sojoourn-lh-'));
  const child = spawn(
    CHROMIUM_PATH,
    [
      ...CHROMIUM_ARGS,
      `--remote-debugging-port=${debugPort}`,
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    {
      stdio: 'ignore',
      detached: true,
    },
  );
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${debugPort}/json/version`)).ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    /** Stops Chromium, then removes its profile (it writes there until it has exited). */
    async stop() {
      if (child.pid && child.exitCode === null) {
        try {
          process.kill(-child.pid, 'SIGTERM');
          await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
        } catch {
          /* gone */
        }
      }
      rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
    },
  };
}
