import type { Kysely } from 'kysely';

// Sign in with a code (issue 24, lib/auth/signin-code.ts) and telling used links from made-up ones.
// Portable SQL: text ids and ISO-8601 text timestamps (SQLite and Postgres).
export async function up(db: Kysely<unknown>): Promise<void> {
  // The code e-mailed beside each sign-in link: one per address (a new request replaces it), found
  // by the hash of the nonce the asking browser holds in a cookie. Holds the code's hash and the
  // link's token and address sealed with a key only the nonce and the right code give; addresses
  // only as keyed hashes (nothing here outlives an account's deletion by more than minutes).
  await db.schema
    .createTable('signin_code')
    .addColumn('nonce_hash', 'text', (col) => col.primaryKey())
    .addColumn('identifier_hash', 'text', (col) => col.notNull().unique())
    .addColumn('code_hash', 'text', (col) => col.notNull())
    .addColumn('sealed_token', 'text', (col) => col.notNull())
    .addColumn('callback_url', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .addColumn('tries', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('signin_code_expires_idx')
    .on('signin_code')
    .column('expires_at')
    .execute();

  // Sign-in links used (next-auth deletes the token when it is used): kept until the link would
  // have expired, so that the error page can say "already used" only for a link that was.
  await db.schema
    .createTable('signin_link_used')
    .addColumn('token_hash', 'text', (col) => col.primaryKey())
    .addColumn('identifier_hash', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('signin_link_used_expires_idx')
    .on('signin_link_used')
    .column('expires_at')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('signin_link_used').ifExists().execute();
  await db.schema.dropTable('signin_code').ifExists().execute();
}
