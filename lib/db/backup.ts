// Backups of the embedded SQLite database (the default deployment). A backup is a consistent copy
// taken online with SQLite's backup API while the site keeps serving; a restore puts one back while
// the site is stopped, keeping the file it replaces beside it. Postgres: use pg_dump (docs/operations.md, "Backups and restore").
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { DEFAULT_DATABASE_URL, isPostgresUrl } from './connect';
import { databaseUrl } from '../platform/env';

/** The SQLite file named by a DATABASE_URL; an error for Postgres. */
export function sqliteFileFromUrl(url = databaseUrl() ?? DEFAULT_DATABASE_URL): string {
  if (isPostgresUrl(url)) {
    throw new Error(
      'DATABASE_URL points at Postgres: back it up with pg_dump and restore with pg_restore (docs/operations.md, "Backups and restore").',
    );
  }
  if (!url.startsWith('file:'))
    throw new Error('DATABASE_URL must start with file: or postgres://');
  return path.resolve(url.slice('file:'.length));
}

const stamp = (now: Date) =>
  now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');

/** Takes an online, consistent copy of `file` into `dir`; returns the backup's path. */
export async function backupSqlite(
  file: string,
  dir: string,
  now: Date = new Date(),
): Promise<string> {
  if (!existsSync(file)) throw new Error(`No database at ${file}`);
  mkdirSync(dir, { recursive: true });
  const target = path.join(dir, `${path.basename(file, '.db')}-${stamp(now)}.db`);
  const partial = `${target}.partial`;
  const db = new SQLite(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(partial);
  } finally {
    db.close();
  }
  // One self-contained file (no -wal beside it); the server turns WAL back on when it opens it.
  const copy = new SQLite(partial);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  checkBackup(partial);
  renameSync(partial, target);
  return target;
}

/** Throws unless `file` is an intact Sojoourn database. */
export function checkBackup(file: string): void {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`${file} is damaged: ${String(integrity)}`);
    const table = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'")
      .get();
    if (!table) throw new Error(`${file} is not a Sojoourn database (no migrations table)`);
  } finally {
    db.close();
  }
}

/**
 * Replaces the database at `file` with the backup `from`. The server must be stopped. The current
 * file (if any) is kept as `<file>.before-restore-<time>`; returns that path, or null.
 */
export function restoreSqlite(from: string, file: string, now: Date = new Date()): string | null {
  checkBackup(from);
  mkdirSync(path.dirname(file), { recursive: true });
  let kept: string | null = null;
  if (existsSync(file)) {
    // Fold the write-ahead log in first so the kept copy is whole on its own.
    const current = new SQLite(file);
    try {
      current.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      current.close();
    }
    kept = `${file}.before-restore-${stamp(now)}`;
    renameSync(file, kept);
  }
  for (const sidecar of [`${file}-wal`, `${file}-shm`]) rmSync(sidecar, { force: true });
  const partial = `${file}.restoring`;
  copyFileSync(from, partial);
  renameSync(partial, file);
  return kept;
}
