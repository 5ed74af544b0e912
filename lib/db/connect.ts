// Opens the database named by DATABASE_URL: SQLite (default, a file under data/) or Postgres.
// No 'server-only' marker here so unit tests and scripts can open a database directly.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
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
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  sqliteFiles.set(db, file);
  return db;
}

/** The file behind each SQLite Kysely opened here (the migration lock). */
const sqliteFiles = new WeakMap<Kysely<Database>, string>();

/** Any number to name our migration lock on Postgres: pg_advisory_lock takes a bigint key. */
const PG_MIGRATION_LOCK = 748_215_301;

/**
 * Brings the schema up to date, once even when several instances start together on an empty
 * database: they take turns behind a cross-process lock (an advisory lock on Postgres, an exclusive
 * lock on a side file on SQLite), and whoever comes second finds nothing left to do.
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const file = sqliteFiles.get(db);
  if (file) {
    const release = await lockSqliteFile(`${file}.migrate-lock`);
    try {
      await runMigrations(db);
    } finally {
      release();
    }
    return;
  }
  await db.connection().execute(async (connection) => {
    await sql`SELECT pg_advisory_lock(${PG_MIGRATION_LOCK})`.execute(connection);
    try {
      await runMigrations(db);
    } finally {
      await sql`SELECT pg_advisory_unlock(${PG_MIGRATION_LOCK})`.execute(connection);
    }
  });
}

/** Holds an exclusive SQLite lock on `lockFile` until release(); waits (without blocking) for it. */
async function lockSqliteFile(lockFile: string, timeoutMs = 60_000): Promise<() => void> {
  const lock = new SQLite(lockFile);
  lock.pragma('busy_timeout = 0');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      lock.exec('BEGIN EXCLUSIVE');
      return () => {
        lock.exec('ROLLBACK');
        lock.close();
      };
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) {
        lock.close();
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

async function runMigrations(db: Kysely<Database>): Promise<void> {
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
  const shared = sharedConnection();
  await shared.ready;
  return shared.db;
}

/** The shared database without waiting for its migrations (health checks, shutdown). */
export function sharedConnection(): { db: Kysely<Database>; ready: Promise<void> } {
  if (!holder.sojoournDb) {
    const db = openDatabase();
    const ready = migrateToLatest(db);
    ready.catch(() => {}); // reported by whoever awaits it; never an unhandled rejection
    holder.sojoournDb = { db, ready };
  }
  return holder.sojoournDb;
}

/** Closes the shared database (graceful shutdown). */
export async function closeSharedDatabase(): Promise<void> {
  const shared = holder.sojoournDb;
  if (!shared) return;
  holder.sojoournDb = undefined;
  await shared.db.destroy();
}
