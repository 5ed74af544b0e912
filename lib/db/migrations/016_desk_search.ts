import { PostgresAdapter, sql, type Kysely } from 'kysely';

// The desk's searches (issue 27): "name or e-mail contains x" in the assistance inbox (the member's
// User row) and the quote inbox (contact_request) were `lower(col) LIKE '%x%'` scans of every row.
// They now start from an index, on each database its own kind (lib/inbox/search.ts reads them):
// - Postgres: pg_trgm GIN indexes on exactly the expressions the search compares, so the planner
//   answers the same LIKE from the index. pg_trgm ships with Debian's postgresql (contrib) and is a
//   trusted extension: the database owner may create it.
// - SQLite: an FTS5 table with the trigram tokenizer per searched table, kept by triggers. FTS5
//   rowids are integers and User/contact_request ids are text, so a `*_search_doc` table maps one to
//   the other (the tables' own rowids may change on VACUUM, so they are not used).
// Neither index is in lib/db/schema.ts: only lib/inbox/search.ts reads them, through raw SQL.

const SEARCHED = [
  { table: 'User', search: 'user_search', key: 'user_id' },
  { table: 'contact_request', search: 'contact_request_search', key: 'request_id' },
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
    for (const { table } of SEARCHED) {
      const t = sql.table(table);
      await sql`CREATE INDEX ${sql.id(`${table}_email_trgm_idx`)} ON ${t} USING gin (lower(email) gin_trgm_ops)`.execute(
        db,
      );
      // The search compares `coalesce(name, '')` (User.name may be null): the same expression here.
      await sql`CREATE INDEX ${sql.id(`${table}_name_trgm_idx`)} ON ${t} USING gin (lower(coalesce(name, '')) gin_trgm_ops)`.execute(
        db,
      );
    }
    return;
  }
  for (const { table, search, key } of SEARCHED) {
    const doc = `${search}_doc`;
    const t = sql.table(table);
    const s = sql.table(search);
    const d = sql.table(doc);
    await sql`CREATE TABLE ${d} (doc INTEGER PRIMARY KEY, ${sql.id(key)} TEXT NOT NULL UNIQUE)`.execute(
      db,
    );
    await sql`CREATE VIRTUAL TABLE ${s} USING fts5(email, name, tokenize = 'trigram')`.execute(db);
    await sql`INSERT INTO ${d} (${sql.id(key)}) SELECT id FROM ${t} ORDER BY id`.execute(db);
    await sql`INSERT INTO ${s} (rowid, email, name)
      SELECT ${d}.doc, ${t}.email, ${t}.name FROM ${d} JOIN ${t} ON ${t}.id = ${d}.${sql.id(key)}`.execute(
      db,
    );
    const docOf = (row: 'new' | 'old') =>
      sql`(SELECT doc FROM ${d} WHERE ${sql.id(key)} = ${sql.raw(row)}.id)`;
    await sql`CREATE TRIGGER ${sql.id(`${search}_insert`)} AFTER INSERT ON ${t} BEGIN
      INSERT INTO ${d} (${sql.id(key)}) VALUES (new.id);
      INSERT INTO ${s} (rowid, email, name) VALUES (${docOf('new')}, new.email, new.name);
    END`.execute(db);
    await sql`CREATE TRIGGER ${sql.id(`${search}_update`)} AFTER UPDATE OF email, name ON ${t} BEGIN
      UPDATE ${s} SET email = new.email, name = new.name WHERE rowid = ${docOf('old')};
    END`.execute(db);
    await sql`CREATE TRIGGER ${sql.id(`${search}_delete`)} AFTER DELETE ON ${t} BEGIN
      DELETE FROM ${s} WHERE rowid = ${docOf('old')};
      DELETE FROM ${d} WHERE ${sql.id(key)} = old.id;
    END`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    for (const { table } of SEARCHED) {
      await sql`DROP INDEX IF EXISTS ${sql.id(`${table}_email_trgm_idx`)}`.execute(db);
      await sql`DROP INDEX IF EXISTS ${sql.id(`${table}_name_trgm_idx`)}`.execute(db);
    }
    return;
  }
  for (const { search } of SEARCHED) {
    for (const op of ['insert', 'update', 'delete'])
      await sql`DROP TRIGGER IF EXISTS ${sql.id(`${search}_${op}`)}`.execute(db);
    await sql`DROP TABLE IF EXISTS ${sql.table(search)}`.execute(db);
    await sql`DROP TABLE IF EXISTS ${sql.table(`${search}_doc`)}`.execute(db);
  }
}
