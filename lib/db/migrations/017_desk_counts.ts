import { PostgresAdapter, sql, type Kysely } from 'kysely';

// The desk's referral clicks per week (issue 27) read every click of 8 weeks on each /admin load
// (~34 ms at 200,000 people). Clicks are now also counted per partner and UTC day in
// referral_click_day, kept by a trigger on referral_click in the same statement as the click (on
// both databases, so every writer, the app, a seed or a test, keeps it right). The desk reads the
// days before today from it, and counts only today's clicks from the (partner, created_at) index.
// A day is `substr(created_at, 1, 10)`: created_at is ISO text in UTC (toISOString) everywhere.
//
// The desk's file counts by step and its overdue list are worked out from every file (the steps'
// states and expected dates come from the planner, in lib/file). member_file_version is one number
// that triggers raise with every write to member_file or member_file_step (and a change of a
// User's e-mail: the overdue list shows it), whoever writes; the desk
// keeps what it worked out with the number it read, and works it out again only when the number
// (or the day) has changed (lib/file/desk-summary.ts).

/** The tables whose every write makes the desk's file figures out of date. */
const FILE_TABLES = ['member_file', 'member_file_step'] as const;
const FILE_WRITES = ['insert', 'update', 'delete'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await referralClickDays(db);
  await fileVersion(db);
}

async function fileVersion(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('member_file_version')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('version', 'integer', (col) => col.notNull())
    .execute();
  await sql`INSERT INTO member_file_version (id, version) VALUES (1, 0)`.execute(db);
  const bump = sql`UPDATE member_file_version SET version = version + 1 WHERE id = 1`;
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`CREATE FUNCTION member_file_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN ${bump}; RETURN NULL; END $$`.execute(db);
    // Once per statement: a bulk write raises it once.
    for (const table of FILE_TABLES)
      await sql`CREATE TRIGGER ${sql.id(`${table}_version`)}
        AFTER INSERT OR UPDATE OR DELETE ON ${sql.table(table)}
        FOR EACH STATEMENT EXECUTE FUNCTION member_file_version_bump()`.execute(db);
    await sql`CREATE TRIGGER "User_email_version" AFTER UPDATE OF email ON "User"
      FOR EACH STATEMENT EXECUTE FUNCTION member_file_version_bump()`.execute(db);
    return;
  }
  await sql`CREATE TRIGGER "User_email_version" AFTER UPDATE OF email ON "User"
    BEGIN ${bump}; END`.execute(db);
  for (const table of FILE_TABLES)
    for (const write of FILE_WRITES)
      await sql`CREATE TRIGGER ${sql.id(`${table}_version_${write}`)}
        AFTER ${sql.raw(write.toUpperCase())} ON ${sql.table(table)} BEGIN ${bump}; END`.execute(
        db,
      );
}

async function referralClickDays(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('referral_click_day')
    .addColumn('partner', 'text', (col) => col.notNull())
    .addColumn('day', 'text', (col) => col.notNull())
    .addColumn('clicks', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('referral_click_day_pk', ['partner', 'day'])
    .execute();
  await sql`INSERT INTO referral_click_day (partner, day, clicks)
    SELECT partner, substr(created_at, 1, 10), count(*) FROM referral_click
    GROUP BY partner, substr(created_at, 1, 10)`.execute(db);
  const add = sql`INSERT INTO referral_click_day (partner, day, clicks)
    VALUES (NEW.partner, substr(NEW.created_at, 1, 10), 1)
    ON CONFLICT (partner, day) DO UPDATE SET clicks = referral_click_day.clicks + 1`;
  const remove = sql`UPDATE referral_click_day SET clicks = clicks - 1
    WHERE partner = OLD.partner AND day = substr(OLD.created_at, 1, 10)`;
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`CREATE FUNCTION referral_click_day_add() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN ${add}; RETURN NULL; END $$`.execute(db);
    await sql`CREATE FUNCTION referral_click_day_remove() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN ${remove}; RETURN NULL; END $$`.execute(db);
    await sql`CREATE TRIGGER referral_click_day_add AFTER INSERT ON referral_click
      FOR EACH ROW EXECUTE FUNCTION referral_click_day_add()`.execute(db);
    await sql`CREATE TRIGGER referral_click_day_remove AFTER DELETE ON referral_click
      FOR EACH ROW EXECUTE FUNCTION referral_click_day_remove()`.execute(db);
    return;
  }
  await sql`CREATE TRIGGER referral_click_day_add AFTER INSERT ON referral_click BEGIN
    ${add}; END`.execute(db);
  await sql`CREATE TRIGGER referral_click_day_remove AFTER DELETE ON referral_click BEGIN
    ${remove}; END`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const triggers: Array<[string, string]> = [
    ['User_email_version', 'User'],
    ['referral_click_day_add', 'referral_click'],
    ['referral_click_day_remove', 'referral_click'],
    ...FILE_TABLES.flatMap((table): Array<[string, string]> =>
      postgres
        ? [[`${table}_version`, table]]
        : FILE_WRITES.map((write): [string, string] => [`${table}_version_${write}`, table]),
    ),
  ];
  for (const [name, table] of triggers) {
    if (postgres)
      await sql`DROP TRIGGER IF EXISTS ${sql.id(name)} ON ${sql.table(table)}`.execute(db);
    else await sql`DROP TRIGGER IF EXISTS ${sql.id(name)}`.execute(db);
  }
  if (postgres)
    for (const name of [
      'referral_click_day_add',
      'referral_click_day_remove',
      'member_file_version_bump',
    ])
      await sql`DROP FUNCTION IF EXISTS ${sql.id(name)}()`.execute(db);
  await db.schema.dropTable('member_file_version').ifExists().execute();
  await db.schema.dropTable('referral_click_day').ifExists().execute();
}
