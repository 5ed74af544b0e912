import type { Kysely } from 'kysely';

// Following guides (issue 23): who follows which guide (or every guide, guide = '*'), the
// confirmations a reader's address is waiting for (double opt-in), and the announcements claimed
// per change so that several instances send each one once. Text columns, ISO-8601 timestamps.
export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per address that follows something: a confirmed reader's address, or a signed-in
  // person's (user_id set: their mail then goes to the account's current address).
  await db.schema
    .createTable('follower')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('email', 'text', (col) => col.notNull().unique())
    .addColumn('user_id', 'text', (col) => col.unique().references('User.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();

  // What each follower follows: a guide's slug, or '*' for every guide (new ones included).
  await db.schema
    .createTable('follower_guide')
    .addColumn('follower_id', 'text', (col) =>
      col.notNull().references('follower.id').onDelete('cascade'),
    )
    .addColumn('guide', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('follower_guide_pk', ['follower_id', 'guide'])
    .execute();

  // Follow requests of an unconfirmed address, by guide; confirmed all together by the link.
  await db.schema
    .createTable('follow_pending')
    .addColumn('email', 'text', (col) => col.notNull())
    .addColumn('guide', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('follow_pending_pk', ['email', 'guide'])
    .execute();

  // The confirmation e-mailed to an address: its link's token (SHA-256 only), when it was mailed
  // (at most one mail an hour per address, claimed with a conditional upsert) and its expiry.
  await db.schema
    .createTable('follow_confirmation')
    .addColumn('email', 'text', (col) => col.primaryKey())
    .addColumn('token_hash', 'text', (col) => col.notNull().unique())
    .addColumn('mailed_at', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .execute();

  // Announcements claimed: 'change:<change id>' or 'guide:<slug>' (a guide's first publication).
  // Inserted with ON CONFLICT DO NOTHING: the instance whose insert lands sends the e-mails.
  await db.schema
    .createTable('follow_announcement')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('claimed_at', 'text', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'follow_announcement',
    'follow_confirmation',
    'follow_pending',
    'follower_guide',
    'follower',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
