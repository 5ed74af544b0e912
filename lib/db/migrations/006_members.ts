import type { Kysely } from 'kysely';

// Members' day to day (issue 14): confirming a new sign-in address, registering for events, and
// the welcome e-mail sent once per membership start. Plain text/integer columns and ISO-8601 text
// timestamps, so the same SQL runs on SQLite and Postgres.
export async function up(db: Kysely<unknown>): Promise<void> {
  // A pending change of sign-in address. Only a hash of the token is stored; the link carries it.
  await db.schema
    .createTable('email_change_token')
    .addColumn('token_hash', 'text', (col) => col.primaryKey())
    .addColumn('user_id', 'text', (col) => col.notNull().references('User.id').onDelete('cascade'))
    .addColumn('new_email', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('email_change_token_user_idx')
    .on('email_change_token')
    .column('user_id')
    .execute();

  // One row per member and event: 'going' or 'waiting' (the waiting list, oldest first).
  await db.schema
    .createTable('event_registration')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('event_slug', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull().references('User.id').onDelete('cascade'))
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('event_registration_event_user_uq', ['event_slug', 'user_id'])
    .execute();
  await db.schema
    .createIndex('event_registration_event_idx')
    .on('event_registration')
    .columns(['event_slug', 'status', 'created_at'])
    .execute();

  // The welcome e-mail, claimed once per subscription (a membership start) before it is sent, so
  // the Checkout return and every webhook replay after it send nothing more.
  await db.schema
    .createTable('membership_welcome')
    .addColumn('subscription_id', 'text', (col) => col.primaryKey())
    .addColumn('user_id', 'text', (col) => col.notNull().references('User.id').onDelete('cascade'))
    .addColumn('sent_at', 'text', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['membership_welcome', 'event_registration', 'email_change_token']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
