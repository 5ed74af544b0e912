import type { Kysely } from 'kysely';
import { isPostgres } from '../dialect';

/** next-auth's adapter writes Date objects on Postgres and ISO text on SQLite. */
export function timestampType(db: Kysely<unknown>): 'timestamptz' | 'text' {
  return isPostgres(db) ? 'timestamptz' : 'text';
}
