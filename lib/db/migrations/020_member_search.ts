import { PostgresAdapter, sql, type Kysely } from 'kysely';

// The desk's short searches on SQLite (issue 27): a search of one or two characters cannot use the
// trigram tables (migration 016), so when the newest requests do not fill a page (a rare pair), it
// walked every request and looked its member up: 12–26 ms at 200,000 people. Here is one row per
// member who has asked for assistance, with the text the search compares (`lower(email)`, a line
// break, `lower(coalesce(name, ''))`), kept by triggers. lib/inbox/search.ts reads it whole (one row
// per requester, not per person) for the members whose text holds the search, then the same LIKE
// decides on the User row: every member it would find is among them, so results and their order
// are unchanged. Postgres has its bigram indexes instead (migration 019).
// Not in lib/db/schema.ts: only lib/inbox/search.ts reads it, through raw SQL.

const TEXT = (row: 'new' | 'u') =>
  sql.raw(`lower(${row}.email) || char(10) || lower(coalesce(${row}.name, ''))`);

export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  await sql`CREATE TABLE assistance_member_search (
    user_id TEXT PRIMARY KEY, text TEXT NOT NULL) WITHOUT ROWID`.execute(db);
  await sql`INSERT OR IGNORE INTO assistance_member_search (user_id, text)
    SELECT u.id, ${TEXT('u')} FROM assistance_request ar JOIN "User" u ON u.id = ar.user_id`.execute(
    db,
  );
  // A member's first request (or a request moved to another member) adds them.
  for (const [name, event] of [
    ['assistance_member_search_request', 'INSERT'],
    ['assistance_member_search_moved', 'UPDATE OF user_id'],
  ] as const) {
    await sql`CREATE TRIGGER ${sql.id(name)} AFTER ${sql.raw(event)} ON assistance_request BEGIN
      INSERT OR IGNORE INTO assistance_member_search (user_id, text)
        SELECT u.id, ${TEXT('u')} FROM "User" u WHERE u.id = new.user_id;
    END`.execute(db);
  }
  await sql`CREATE TRIGGER assistance_member_search_update AFTER UPDATE OF email, name ON "User" BEGIN
    UPDATE assistance_member_search SET text = ${TEXT('new')} WHERE user_id = new.id;
  END`.execute(db);
  await sql`CREATE TRIGGER assistance_member_search_delete AFTER DELETE ON "User" BEGIN
    DELETE FROM assistance_member_search WHERE user_id = old.id;
  END`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  for (const name of ['request', 'moved', 'update', 'delete'])
    await sql`DROP TRIGGER IF EXISTS ${sql.id(`assistance_member_search_${name}`)}`.execute(db);
  await sql`DROP TABLE IF EXISTS assistance_member_search`.execute(db);
}
