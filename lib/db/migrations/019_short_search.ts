import { PostgresAdapter, sql, type Kysely } from 'kysely';

// The desk's searches of two characters on Postgres (issue 27): pg_trgm needs three characters, so
// `lower(col) LIKE '%ab%'` read every person (86 ms at 200,000). Each searched text now has its
// pairs of characters indexed: `sojoourn_bigrams(t)` is the set of two-character substrings of t,
// and a GIN index on it for exactly the expressions the search compares (migration 016's) finds
// the rows that contain a pair (`@> ARRAY['ab']`), which is the LIKE's own answer for a pair;
// lib/inbox/search.ts reads them, the same LIKE still decides. SQLite has no such index: migration
// 020 keeps the assistance requesters' text instead.

const SEARCHED = ['User', 'contact_request'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`CREATE FUNCTION sojoourn_bigrams(t text) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT coalesce(array_agg(DISTINCT substr(t, i, 2)), '{}')
          FROM generate_series(1, length(t) - 1) AS i $$`.execute(db);
  for (const table of SEARCHED) {
    const t = sql.table(table);
    await sql`CREATE INDEX ${sql.id(`${table}_email_bigram_idx`)} ON ${t} USING gin (sojoourn_bigrams(lower(email)))`.execute(
      db,
    );
    await sql`CREATE INDEX ${sql.id(`${table}_name_bigram_idx`)} ON ${t} USING gin (sojoourn_bigrams(lower(coalesce(name, ''))))`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  for (const table of SEARCHED) {
    await sql`DROP INDEX IF EXISTS ${sql.id(`${table}_email_bigram_idx`)}`.execute(db);
    await sql`DROP INDEX IF EXISTS ${sql.id(`${table}_name_bigram_idx`)}`.execute(db);
  }
  await sql`DROP FUNCTION IF EXISTS sojoourn_bigrams(text)`.execute(db);
}
