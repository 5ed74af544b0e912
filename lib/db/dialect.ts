import { PostgresAdapter, type Kysely } from 'kysely';

/** Which database this Kysely runs on, where a statement must differ (Postgres, else SQLite). */
export function isPostgres<DB>(db: Kysely<DB>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
