import type { Kysely } from 'kysely';

// Account changes that need proof (issue 20): when each session was signed into, links that undo a
// change of sign-in address, and the addresses a person used before (lib/account/).
// Portable SQL: text ids and ISO-8601 text timestamps (SQLite and Postgres).
export async function up(db: Kysely<unknown>): Promise<void> {
  // When this session's sign-in was proven (a magic link today; a code could set it too). Null
  // for sessions older than this column: they count as not recent, which fails closed.
  await db.schema.alterTable('Session').addColumn('signedInAt', 'text').execute();

  await db.schema
    .createTable('email_change_undo')
    .addColumn('token_hash', 'text', (col) => col.primaryKey())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('old_email', 'text', (col) => col.notNull())
    .addColumn('new_email', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('email_change_undo_user_idx')
    .on('email_change_undo')
    .column('user_id')
    .execute();

  // Plain addresses, not hashes: deleting the account must find what is stored under them
  // (quote requests, outbox messages hold the plain address), and an undo restores one.
  await db.schema
    .createTable('former_email')
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('email', 'text', (col) => col.notNull())
    .addColumn('left_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('former_email_pk', ['user_id', 'email'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('former_email').ifExists().execute();
  await db.schema.dropTable('email_change_undo').ifExists().execute();
  await db.schema.alterTable('Session').dropColumn('signedInAt').execute();
}
