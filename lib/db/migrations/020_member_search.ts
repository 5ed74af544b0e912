import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect';

// The assistance inbox's short searches (issue 27). A search of one or two characters cannot use
// the trigram indexes (migration 016). When the newest requests do not fill a page (a rare letter
// or pair), the rows were found the slow way:
// - SQLite walked every request and looked its member up: 12–26 ms at 200,000 people;
// - Postgres read every person for one letter (145–175 ms), and for a pair read the bigram
//   indexes (migration 019), slow when the pair is common among people but rare among requesters.
// Here is one row per member who has asked for assistance, with the text the search compares
// (`lower(email)`, a line break, `lower(coalesce(name, ''))`), kept by triggers. lib/inbox/search.ts
// reads it whole (one row per requester, not per person) for the members whose text holds the
// search, then the same LIKE decides on the User row: every member it would find is among them, so
// results and their order are unchanged. The members' bigram indexes are then unused and go; the
// quote inbox keeps its own. Not in lib/db/schema.ts: only lib/inbox/search.ts reads it (raw SQL).

const TEXT = (row: 'new' | 'u') =>
  sql.raw(`lower(${row}.email) || char(10) || lower(coalesce(${row}.name, ''))`);
const PG_TEXT = (row: 'NEW' | 'u') =>
  sql.raw(`lower(${row}.email) || chr(10) || lower(coalesce(${row}.name, ''))`);

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) return upPostgres(db);
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

async function upPostgres(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE assistance_member_search (
    user_id text PRIMARY KEY REFERENCES "User" (id) ON DELETE CASCADE, text text NOT NULL)`.execute(
    db,
  );
  await sql`INSERT INTO assistance_member_search (user_id, text)
    SELECT DISTINCT u.id, ${PG_TEXT('u')} FROM assistance_request ar JOIN "User" u ON u.id = ar.user_id
    ON CONFLICT (user_id) DO NOTHING`.execute(db);
  // Its statistics now, not at autovacuum's next pass: without them the planner read every person
  // for a rare letter (≈ 95 ms at 200,000) instead of this table (≈ 2 ms).
  await sql`ANALYZE assistance_member_search`.execute(db);
  // FOR SHARE: a change of the member's name or address made meanwhile waits until this row is
  // committed, and its own trigger then updates it (or this one reads the changed row): several
  // instances never leave an old text behind.
  await sql`CREATE FUNCTION sojoourn_member_search_add() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO assistance_member_search (user_id, text)
        SELECT u.id, ${PG_TEXT('u')} FROM "User" u WHERE u.id = NEW.user_id FOR SHARE
        ON CONFLICT (user_id) DO NOTHING;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER assistance_member_search_request
    AFTER INSERT OR UPDATE OF user_id ON assistance_request
    FOR EACH ROW EXECUTE FUNCTION sojoourn_member_search_add()`.execute(db);
  await sql`CREATE FUNCTION sojoourn_member_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE assistance_member_search SET text = ${PG_TEXT('NEW')} WHERE user_id = NEW.id;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER assistance_member_search_update AFTER UPDATE OF email, name ON "User"
    FOR EACH ROW EXECUTE FUNCTION sojoourn_member_search_update()`.execute(db);
  // Migration 019's indexes of the members' pairs: the table above answers those searches now.
  await sql`DROP INDEX IF EXISTS "User_email_bigram_idx"`.execute(db);
  await sql`DROP INDEX IF EXISTS "User_name_bigram_idx"`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`DROP TABLE IF EXISTS assistance_member_search`.execute(db);
    await sql`DROP TRIGGER IF EXISTS assistance_member_search_update ON "User"`.execute(db);
    await sql`DROP FUNCTION IF EXISTS sojoourn_member_search_update()`.execute(db);
    await sql`DROP FUNCTION IF EXISTS sojoourn_member_search_add() CASCADE`.execute(db);
    await sql`CREATE INDEX "User_email_bigram_idx" ON "User" USING gin (sojoourn_bigrams(lower(email)))`.execute(
      db,
    );
    await sql`CREATE INDEX "User_name_bigram_idx" ON "User" USING gin (sojoourn_bigrams(lower(coalesce(name, ''))))`.execute(
      db,
    );
    return;
  }
  for (const name of ['request', 'moved', 'update', 'delete'])
    await sql`DROP TRIGGER IF EXISTS ${sql.id(`assistance_member_search_${name}`)}`.execute(db);
  await sql`DROP TABLE IF EXISTS assistance_member_search`.execute(db);
}
