// Several instances starting at once on an empty database: each opens its own connection and
// migrates; the schema is built once and every one of them can then serve.
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { emptyDatabase } from '@/test/support/temp-db';
import { migrateToLatest, openDatabase } from './connect';
import { migrationProvider } from './migrations';

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

it('three instances migrating together on an empty database apply each migration once', async () => {
  const empty = await emptyDatabase('together');
  cleanups.push(empty.dispose);
  const instances = [1, 2, 3].map(() => openDatabase(empty.url));
  cleanups.push(async () => {
    await Promise.all(instances.map((db) => db.destroy()));
  });

  const outcomes = await Promise.allSettled(instances.map((db) => migrateToLatest(db)));
  expect(outcomes.map((outcome) => outcome.status)).toEqual([
    'fulfilled',
    'fulfilled',
    'fulfilled',
  ]);

  const applied = await sql<{ name: string }>`
    SELECT name FROM kysely_migration ORDER BY name`.execute(instances[0]!);
  const known = Object.keys(await migrationProvider.getMigrations()).sort();
  expect(applied.rows.map((row) => row.name)).toEqual(known);

  // Every instance serves: one writes, the others read it.
  await instances[1]!
    .insertInto('User')
    .values({
      id: 'u-1',
      email: 'first@example.test',
      name: null,
      emailVerified: null,
      image: null,
    })
    .execute();
  for (const db of instances) {
    const users = await db.selectFrom('User').select('email').execute();
    expect(users).toEqual([{ email: 'first@example.test' }]);
  }
});
