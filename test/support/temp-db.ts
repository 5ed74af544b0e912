// A real, migrated, empty database for unit tests (no mocks of the database). SQLite by default (a
// file in a fresh temp folder); when TEST_DATABASE_URL is a postgres:// URL (scripts/test-postgres.sh
// starts a throwaway server), a fresh Postgres database on that server instead. `npm test` runs every
// test file that uses this helper once on each.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { Client } from 'pg';
import { isPostgresUrl, migrateToLatest, openDatabase } from '../../lib/db/connect';
import type { Database } from '../../lib/db/schema';

export type TestDialect = 'sqlite' | 'postgres';

/** The Postgres server of this run, if any (tests only: the app reads lib/platform/env). */
function testServerUrl(): string | undefined {
  const url = process.env.TEST_DATABASE_URL;
  return url && isPostgresUrl(url) ? url : undefined;
}

/** Which database the tests of this run use. */
export function testDialect(): TestDialect {
  return testServerUrl() ? 'postgres' : 'sqlite';
}

export interface TempDatabase {
  db: Kysely<Database>;
  /** The DATABASE_URL of this database (another connection, a restart, a second instance…). */
  url: string;
  dialect: TestDialect;
  /** The SQLite file (SQLite only). */
  file: string;
  /** Closes the connection and deletes the database. */
  dispose(): Promise<void>;
}

/** A fresh, empty database, not migrated. */
export async function emptyDatabase(label = 'test'): Promise<Omit<TempDatabase, 'db'>> {
  const server = testServerUrl();
  if (server) {
    const name = `t_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${crypto.randomUUID().slice(0, 8)}`;
    await adminQuery(server, `CREATE DATABASE "${name}"`);
    const url = new URL(server);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      dialect: 'postgres',
      file: '',
      async dispose() {
        await adminQuery(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      },
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), `sojoourn-${label}-`));
  const file = path.join(dir, 'test.db');
  return {
    url: `file:${file}`,
    dialect: 'sqlite',
    file,
    async dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function tempDatabase(label = 'test'): Promise<TempDatabase> {
  const empty = await emptyDatabase(label);
  const db = openDatabase(empty.url);
  await migrateToLatest(db);
  return {
    ...empty,
    db,
    async dispose() {
      await db.destroy();
      await empty.dispose();
    },
  };
}

async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Inserts a user row directly (what next-auth's adapter does on first sign-in). */
export async function insertUser(db: Kysely<Database>, email: string): Promise<string> {
  const id = crypto.randomUUID();
  await db
    .insertInto('User')
    .values({ id, email, name: null, emailVerified: null, image: null })
    .execute();
  return id;
}
