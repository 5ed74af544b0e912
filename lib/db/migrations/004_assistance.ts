import type { Kysely } from 'kysely';

// Members' requests for personalised assistance. Timestamps are ISO-8601 text and the status is a
// short text (checked by lib/assistance/schema.ts), so the same SQL runs on SQLite and Postgres.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('assistance_request')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('user_id', 'text', (col) => col.notNull().references('User.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('topic', 'text', (col) => col.notNull())
    .addColumn('description', 'text', (col) => col.notNull())
    .addColumn('contact_method', 'text', (col) => col.notNull())
    .addColumn('phone', 'text')
    .addColumn('language', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('new'))
    .execute();
  // A member's own list (/account) and the staff inbox (newest first).
  await db.schema
    .createIndex('assistance_request_user_idx')
    .on('assistance_request')
    .columns(['user_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('assistance_request_created_idx')
    .on('assistance_request')
    .column('created_at')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('assistance_request').ifExists().execute();
}
