// A look into the e2e server's SQLite file, to check what a journey stored (read-only), and to
// seed what no journey could make in a test's time (many requests at once).
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { APP_PORT } from './ports';

export const APP_DB_FILE = path.resolve(`data/e2e-${APP_PORT}.db`);

/** Runs one read-only query against the app's database. */
export function queryAppDb<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T[] {
  const db = new SQLite(APP_DB_FILE, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** Runs `write` in one transaction on the app's database (the server keeps running: WAL). */
export function writeAppDb(write: (db: SQLite.Database) => void): void {
  const db = new SQLite(APP_DB_FILE, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.transaction(() => write(db))();
  } finally {
    db.close();
  }
}
