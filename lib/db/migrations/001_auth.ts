import { type Kysely } from 'kysely';
import { timestampType } from './dialect';

// next-auth's tables, in the names and columns @auth/kysely-adapter expects. It stores Date objects
// on Postgres and ISO strings on SQLite, hence the dialect-aware timestamp type for these columns only.
export async function up(db: Kysely<unknown>): Promise<void> {
  const timestamp = timestampType(db);
  await db.schema
    .createTable('User')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text')
    .addColumn('email', 'text', (col) => col.notNull().unique())
    .addColumn('emailVerified', timestamp)
    .addColumn('image', 'text')
    .execute();

  await db.schema
    .createTable('Account')
    .addColumn('id', 'text')
    .addColumn('userId', 'text', (col) => col.notNull().references('User.id').onDelete('cascade'))
    .addColumn('type', 'text', (col) => col.notNull())
    .addColumn('provider', 'text', (col) => col.notNull())
    .addColumn('providerAccountId', 'text', (col) => col.notNull())
    .addColumn('refresh_token', 'text')
    .addColumn('access_token', 'text')
    .addColumn('expires_at', 'bigint')
    .addColumn('token_type', 'text')
    .addColumn('scope', 'text')
    .addColumn('id_token', 'text')
    .addColumn('session_state', 'text')
    .addPrimaryKeyConstraint('Account_pk', ['provider', 'providerAccountId'])
    .execute();

  await db.schema
    .createTable('Session')
    .addColumn('sessionToken', 'text', (col) => col.primaryKey())
    .addColumn('userId', 'text', (col) => col.notNull().references('User.id').onDelete('cascade'))
    .addColumn('expires', timestamp, (col) => col.notNull())
    .execute();
  await db.schema.createIndex('Session_userId_idx').on('Session').column('userId').execute();

  await db.schema
    .createTable('VerificationToken')
    .addColumn('identifier', 'text', (col) => col.notNull())
    .addColumn('token', 'text', (col) => col.notNull().unique())
    .addColumn('expires', timestamp, (col) => col.notNull())
    .execute();

  // Fixed-window counters shared by every instance (sign-in, contact form…).
  await db.schema
    .createTable('rate_limit')
    .addColumn('bucket', 'text', (col) => col.notNull())
    .addColumn('key', 'text', (col) => col.notNull())
    .addColumn('window_start', 'text', (col) => col.notNull())
    .addColumn('hits', 'integer', (col) => col.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('rate_limit_pk', ['bucket', 'key', 'window_start'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['rate_limit', 'VerificationToken', 'Session', 'Account', 'User']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
