// SQLite busy: another process (another instance, a backup) holds the write lock for longer than
// SQLite's own wait (busy_timeout, 5 s). Requests being stored then are retried, not lost.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { taxReturnRequest } from '@/test/support/members';
import { insertUser, tempDatabase, testDialect, type TempDatabase } from '@/test/support/temp-db';
import { insertAssistanceRequest } from '../assistance/store';
import { insertContactRequest } from '../contact/store';
import { isSqliteBusy, retryWhenBusy } from './busy';
import { openDatabase } from './connect';

let temp: TempDatabase;
beforeAll(async () => {
  temp = await tempDatabase('busy');
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterAll(async () => temp?.dispose());

/**
 * Another process takes the write lock of `file` and keeps it for `ms`. Resolves once the lock is
 * held; `released` resolves when that process has let it go and exited.
 */
function holdWriteLock(file: string, ms: number): Promise<{ released: Promise<void> }> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    db.exec('BEGIN IMMEDIATE');
    process.stdout.write('locked\\n');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(process.argv[2]));
    db.exec('COMMIT');
    db.close();`;
  const child = spawn(process.execPath, ['-e', script, file, String(ms)], {
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const released = new Promise<void>((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`exit ${code}`)))),
  );
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked')) resolve({ released });
    });
    child.on('error', reject);
    released.catch(reject);
  });
}

const CONTACT = {
  name: 'Ada Lovelace',
  email: 'busy@example.com',
  phone: null,
  situation: 'in-france',
  nationality: 'other',
  stay: 'over-1-year',
  procedures: ['taxes'],
  message: 'Stored while another process writes.',
  language: 'en',
} as unknown as Parameters<typeof insertContactRequest>[1];

describe('SQLite busy', () => {
  // A second process holding SQLite's file lock; Postgres has no such lock (its pass skips this).
  it.skipIf(testDialect() === 'postgres')(
    'a quote request and an assistance request wait out a long lock and are stored once',
    async () => {
      const userId = await insertUser(temp.db, 'busy-member@example.com');
      const input = taxReturnRequest();
      const nonce = crypto.randomUUID();
      // Longer than busy_timeout: without a retry the first write fails with SQLITE_BUSY.
      const lock = await holdWriteLock(temp.file, 5800);
      const impatient = openDatabase(`file:${temp.file}`, { busyTimeoutMs: 0 });
      const refused = await impatient
        .insertInto('rate_limit')
        .values({ bucket: 'probe', key: 'k', window_start: 'w', hits: 1 })
        .execute()
        .then(
          () => null,
          (error: unknown) => error,
        );
      await impatient.destroy();
      expect(isSqliteBusy(refused), 'the other process really holds the lock').toBe(true);

      const [quote, assistance] = await Promise.all([
        insertContactRequest(temp.db, CONTACT, { nonce }),
        insertAssistanceRequest(temp.db, userId, input),
      ]);
      await lock.released;
      expect(quote?.email).toBe('busy@example.com');
      const quotes = await temp.db
        .selectFrom('contact_request')
        .select('id')
        .where('form_nonce', '=', nonce)
        .execute();
      expect(quotes.map((row) => row.id)).toEqual([quote!.id]);
      const requests = await temp.db
        .selectFrom('assistance_request')
        .select('id')
        .where('user_id', '=', userId)
        .execute();
      expect(requests.map((row) => row.id)).toEqual([assistance.id]);
    },
    30_000,
  );

  it('retries only a busy database, and gives up after its last wait', async () => {
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    let tries = 0;
    await expect(
      retryWhenBusy(
        async () => {
          tries++;
          throw busy;
        },
        { waits: [1, 1] },
      ),
    ).rejects.toBe(busy);
    expect(tries).toBe(3);

    tries = 0;
    const other = new Error('constraint failed');
    await expect(
      retryWhenBusy(async () => {
        tries++;
        throw other;
      }),
    ).rejects.toBe(other);
    expect(tries).toBe(1);
  });
});
