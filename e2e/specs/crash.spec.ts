// The server killed (SIGKILL, no shutdown) in the middle of a burst of quote requests: every request
// it answered with "thanks" (303 → /contact/thanks) is in the database afterwards. A second
// production server of the same build is started for this, on its own port and database file, so
// the other specs' server is not touched.
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { appEnv } from '../../playwright.config';
import { contactFormPoster, type PostOutcome } from '../../scripts/load-contact';
import { freeLocalPort } from '../../test/support/free-port';
import { SIDE_PORTS } from '../../test/support/ports';

const PORT = SIDE_PORTS.crash;
const URL_BASE = `http://127.0.0.1:${PORT}`;
const DB_FILE = path.resolve(`data/e2e-crash-${PORT}.db`);

/**
 * Its e-mail goes to `smtpPort`, where nothing listens: kept in its own outbox, never half-sent to
 * the capture the other specs read.
 */
function startServer(smtpPort: number): ChildProcess {
  rmSync(DB_FILE, { force: true });
  for (const suffix of ['-wal', '-shm']) rmSync(`${DB_FILE}${suffix}`, { force: true });
  return spawn(
    process.execPath,
    ['node_modules/next/dist/bin/next', 'start', '-p', String(PORT), '-H', '127.0.0.1'],
    {
      env: {
        ...process.env,
        ...(appEnv as Partial<NodeJS.ProcessEnv>),
        DATABASE_URL: `file:${DB_FILE}`,
        EMAIL_SERVER: `smtp://127.0.0.1:${smtpPort}`,
        NEXTAUTH_URL: URL_BASE,
        SITE_URL: URL_BASE,
      },
      // Its own process group: the kill reaches every process `next start` runs.
      detached: true,
      stdio: 'ignore',
    },
  );
}

async function waitUntilUp(signal: AbortSignal) {
  for (;;) {
    signal.throwIfAborted();
    const ok = await fetch(`${URL_BASE}/robots.txt`, { signal }).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

test('a server killed mid-burst loses no quote request it answered with thanks', async () => {
  test.setTimeout(120_000);
  const server = startServer(await freeLocalPort());
  const kill = () => {
    try {
      process.kill(-server.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  try {
    await waitUntilUp(AbortSignal.timeout(60_000));
    const post = await contactFormPoster(URL_BASE, appEnv.NEXTAUTH_SECRET);
    const total = 150;
    const killAfter = 25;
    const thanked: string[] = [];
    const failed: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < total) {
        const index = next++;
        const email = `crash-${index}@example.test`;
        let outcome: PostOutcome | null = null;
        try {
          outcome = await post(index, email, 'c0de');
        } catch {
          failed.push(email);
          continue;
        }
        if (outcome.status === 303 && outcome.location.endsWith('/contact/thanks')) {
          thanked.push(email);
          // Killed while other posts are in flight: no shutdown, no flush.
          if (thanked.length === killAfter) kill();
        } else {
          failed.push(`${email} → ${outcome.status}`);
        }
      }
    };
    await Promise.all(Array.from({ length: 15 }, worker));
    // The kill really came in the middle: some were thanked, some never answered.
    expect(thanked.length).toBeGreaterThanOrEqual(killAfter);
    expect(failed.length, 'posts cut off by the kill').toBeGreaterThan(0);

    await new Promise<void>((resolve) =>
      server.exitCode !== null || server.signalCode !== null
        ? resolve()
        : server.once('exit', () => resolve()),
    );
    // Opened read-write, as the restarted server would: SQLite replays its write-ahead log.
    const db = new SQLite(DB_FILE);
    try {
      const stored = new Set(
        (
          db.prepare("SELECT email FROM contact_request WHERE email LIKE 'crash-%'").all() as {
            email: string;
          }[]
        ).map((row) => row.email),
      );
      expect(thanked.filter((email) => !stored.has(email))).toEqual([]);
    } finally {
      db.close();
    }
  } finally {
    kill();
  }
});
