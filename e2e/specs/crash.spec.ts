// The server killed (SIGKILL, no shutdown) in the middle of a burst of quote requests: every request
// it answered with "thanks" (303 → /contact/thanks) is in the database afterwards. A second
// production server of the same build is started for this, on its own port and database file, so
// the other specs' server is not touched.
import SQLite from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { appEnv } from '../../playwright.config';
import { contactFormPoster, type PostOutcome } from '../../scripts/load-contact';
import { freeLocalPort } from '../../test/support/free-port';
import { SIDE_PORTS } from '../../test/support/ports';
import { startSideServer } from '../../test/support/side-server';

test('a server killed mid-burst loses no quote request it answered with thanks', async () => {
  test.setTimeout(120_000);
  // Its e-mail goes to a port where nothing listens: kept in its own outbox, never half-sent to
  // the capture the other specs read.
  const server = startSideServer('crash', SIDE_PORTS.crash, {
    EMAIL_SERVER: `smtp://127.0.0.1:${await freeLocalPort()}`,
  });
  // SIGKILL: no shutdown, the process group at once.
  const kill = () => server.stop('SIGKILL');
  try {
    await server.ready();
    const post = await contactFormPoster(server.url, appEnv.NEXTAUTH_SECRET);
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

    await server.exited;
    // Opened read-write, as the restarted server would: SQLite replays its write-ahead log.
    const db = new SQLite(server.dbFile);
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
