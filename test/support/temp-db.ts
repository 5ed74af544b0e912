// A real, migrated SQLite file in a fresh temp folder, for unit tests (no mocks of the database).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { migrateToLatest, openDatabase } from '../../lib/db/connect';
import type { Database } from '../../lib/db/schema';

export interface TempDatabase {
  db: Kysely<Database>;
  file: string;
  /** Closes the connection and deletes the folder. */
  dispose(): Promise<void>;
}

export async function tempDatabase(label = 'test'): Promise<TempDatabase> {
  const dir = mkdtempSync(path.join(tmpdir(), `sojoourn-${label}-`));
  const file = path.join(dir, 'test.db');
  const db = openDatabase(`file:${file}`);
  await migrateToLatest(db);
  return {
    db,
    file,
    async dispose() {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
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
