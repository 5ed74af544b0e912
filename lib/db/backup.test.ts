// Backups of the embedded SQLite database, through the npm scripts a person runs
// (`npm run db:backup`, `npm run db:restore FILE`). SQLite only: Postgres is backed up with pg_dump.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { membershipIsActive } from '../access';
import { insertAssistanceRequest, listUserAssistanceRequests } from '../assistance/store';
import { assistanceRequestInput } from '../assistance/schema';
import { readMembership, storeSubscription } from '../billing/membership-store';
import { migrateToLatest, openDatabase } from './connect';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

let dir: string;
let url: string;
const file = () => path.join(dir, 'data', 'site.db');

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sojoourn-backup-'));
  url = `file:${file()}`;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const npmScript = (script: string, ...args: string[]) =>
  run(tsx, [path.join(root, 'scripts', script), ...args], {
    cwd: dir,
    env: { ...process.env, DATABASE_URL: url },
  });

// Each step runs the npm script in its own process (tsx start-up): give it time on a busy machine.
it(
  'backup → wipe → restore: the member is still a member and their requests are still there',
  { timeout: 90_000 },
  async () => {
    const now = new Date();
    const db = openDatabase(url);
    let userId: string;
    let requestId: string;
    try {
      await migrateToLatest(db);
      userId = crypto.randomUUID();
      await db
        .insertInto('User')
        .values({
          id: userId,
          email: 'kept@example.test',
          name: null,
          emailVerified: null,
          image: null,
        })
        .execute();
      await storeSubscription(db, {
        userId,
        subscriptionId: 'sub_kept',
        customerId: 'cus_kept',
        status: 'active',
        currentPeriodStart: new Date(now.getTime() - 86400_000),
        currentPeriodEnd: new Date(now.getTime() + 29 * 86400_000),
        cancelAtPeriodEnd: false,
        startedAt: new Date(now.getTime() - 86400_000),
      });
      const request = await insertAssistanceRequest(
        db,
        userId,
        assistanceRequestInput.parse({
          topic: 'taxes',
          description: 'My first French tax return, with income from abroad.',
          contactMethod: 'email',
          phone: '',
          language: 'en',
        }),
      );
      requestId = request.id;

      // Online: the site keeps its connection open (and its WAL un-checkpointed) during the backup.
      const { stdout } = await npmScript('db-backup.ts');
      expect(stdout).toMatch(/^Backup written: backups\/site-\d{8}T\d{6}Z\.db/);
    } finally {
      await db.destroy();
    }
    const backups = readdirSync(path.join(dir, 'backups'));
    expect(backups).toEqual([expect.stringMatching(/^site-.*Z\.db$/)]);

    // Wipe: the database is gone (a broken disk, a bad deploy…); an empty one appears on start.
    for (const f of [file(), `${file()}-wal`, `${file()}-shm`]) rmSync(f, { force: true });
    const fresh = openDatabase(url);
    await migrateToLatest(fresh);
    expect(await readMembership(fresh, userId)).toBeNull();
    await fresh.destroy();

    const restored = await npmScript('db-restore.ts', `backups/${backups[0]}`);
    expect(restored.stdout).toContain('Restored');
    expect(restored.stdout).toContain('previous database is kept');

    const back = openDatabase(url);
    try {
      expect(membershipIsActive(await readMembership(back, userId), now)).toBe(true);
      const requests = await listUserAssistanceRequests(back, userId);
      expect(requests.map((r) => [r.id, r.topic])).toEqual([[requestId, 'taxes']]);
    } finally {
      await back.destroy();
    }
  },
);

it(
  'refuses to restore a file that is not a Sojoourn database, and leaves the current one',
  { timeout: 60_000 },
  async () => {
    const bogus = path.join(dir, 'not-a-backup.db');
    writeFileSync(bogus, 'hello');
    await expect(npmScript('db-restore.ts', bogus)).rejects.toMatchObject({
      stderr: expect.stringContaining('Restore failed'),
    });
    expect(existsSync(file())).toBe(true);
  },
);

it('says to use pg_dump when the database is Postgres', { timeout: 60_000 }, async () => {
  await expect(
    run(tsx, [path.join(root, 'scripts/db-backup.ts')], {
      cwd: dir,
      env: { ...process.env, DATABASE_URL: 'postgres://x@127.0.0.1:1/x' },
    }),
  ).rejects.toMatchObject({ stderr: expect.stringContaining('pg_dump') });
});
