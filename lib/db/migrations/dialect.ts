import { PostgresAdapter, type Kysely } from 'kysely';

/** next-auth's adapter writes Date objects on Postgres and ISO text on SQLite. */
export function timestampType(db: Kysely<unknown>): 'timestamptz' | 'text' {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'timestamptz' : 'text';
}
