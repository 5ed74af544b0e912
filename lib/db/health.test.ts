import { afterAll, expect, it } from 'vitest';
import { emptyDatabase, tempDatabase } from '@/test/support/temp-db';
import { openDatabase } from './connect';
import { databaseHealth, isHealthy } from './health';

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

it('a migrated database is ok and current', async () => {
  const temp = await tempDatabase('health');
  cleanups.push(temp.dispose);
  const health = await databaseHealth(temp.db);
  expect(health).toEqual({ db: 'ok', migrations: 'current' });
  expect(isHealthy(health)).toBe(true);
});

it('a reachable database that is not migrated is pending', async () => {
  const empty = await emptyDatabase('health-empty');
  cleanups.push(empty.dispose);
  const db = openDatabase(empty.url);
  cleanups.push(() => db.destroy());
  const health = await databaseHealth(db);
  expect(health).toEqual({ db: 'ok', migrations: 'pending' });
  expect(isHealthy(health)).toBe(false);
});

it('a database that cannot be reached is reported, not thrown', async () => {
  const db = openDatabase('postgres://nobody@127.0.0.1:1/none');
  cleanups.push(() => db.destroy());
  expect(await databaseHealth(db, 1500)).toEqual({ db: 'unreachable', migrations: 'unknown' });
});
