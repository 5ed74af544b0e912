// Read-only look into the e2e server's SQLite file, to check what a journey stored.
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
