import 'server-only';
import type { Kysely } from 'kysely';
import { sharedDatabase } from './connect';
import type { Database } from './schema';

export type { Database } from './schema';

/** The database, migrated. Every query in the app goes through this. */
export function getDb(): Promise<Kysely<Database>> {
  return sharedDatabase();
}
