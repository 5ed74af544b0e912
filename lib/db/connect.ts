// Opens the database named by DATABASE_URL: SQLite (default, a file under data/) or Postgres.
// No 'server-only' marker here so unit tests and scripts can open a database directly.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import { Pool } from 'pg';
import { migrationProvider } from './migrations';
import type { Database } from './schema';
import { databaseUrl } from '../platform/env';

export const DEFAULT_DATABASE_URL = 'file:./data/sojoourn.db';

export function isPostgresUrl(url: string): boolean {
  return url.startsWith('postgres://') || url.startsWith('postgresql://');
}

/**
 * `busyTimeoutMs`: how long SQLite itself waits for another connection's write lock before saying
 * SQLITE_BUSY (lib/db/busy.ts then retries the writes that store requests).
 */
export function openDatabase(
  url = databaseUrl() ?? DEFAULT_DATABASE_URL,
  { busyTimeoutMs = 5000 }: { busyTimeoutMs?: number } = {},
): Kysely<Database> {
  if (isPostgresUrl(url)) {
    return new Kysely<Database>({
      dialect: new PostgresDialect({ pool: new Pool({ connectionString: url, max: 10 }) }),
    });
  }
  if (!url.startsWith('file:')) {
    throw new Error(
      `DATABASE_URL must start with file: or postgres:// (got "${url.split(':')[0]}:…")`,
    );
  }
  const file = path.resolve(url.slice('file:'.length));
  mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}

export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    throw new Error(
      `Database migration ${failed?.migrationName ?? ''} failed: ${String((error as Error)?.message ?? error)}`,
    );
  }
}

// One instance per server process (kept on globalThis so dev reloads reuse the connection);
// migrations run once, before the first query.
const holder = globalThis as typeof globalThis & {
  sojoournDb?: { db: Kysely<Database>; ready: Promise<void> };
};

export async function sharedDatabase(): Promise<Kysely<Database>> {
  if (!holder.sojoournDb) {
    const db = openDatabase();
    holder.sojoournDb = { db, ready: migrateToLatest(db) };
  }
  await holder.sojoournDb.ready;
  return holder.sojoournDb.db;
}
