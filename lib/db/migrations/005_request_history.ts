import type { Kysely } from 'kysely';

// The staff inbox can be worked (issue 14): free-quote requests get a status like assistance
// requests, and every change to either kind is kept as an event (who, what, when). Plain text
// columns and ISO-8601 timestamps: the same SQL on SQLite and Postgres.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('contact_request')
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('new'))
    .execute();
  await db.schema
    .createTable('request_event')
    .addColumn('id', 'text', (col) => col.primaryKey())
    // 'assistance' or 'quote'; request_id is the id in assistance_request or contact_request.
    .addColumn('request_kind', 'text', (col) => col.notNull())
    .addColumn('request_id', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    // The staff member's address as it was when they acted (kept if their account goes).
    .addColumn('actor_email', 'text', (col) => col.notNull())
    .addColumn('field', 'text', (col) => col.notNull())
    .addColumn('from_value', 'text')
    .addColumn('to_value', 'text')
    .execute();
  await db.schema
    .createIndex('request_event_request_idx')
    .on('request_event')
    .columns(['request_kind', 'request_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('request_event').ifExists().execute();
  await db.schema.alterTable('contact_request').dropColumn('status').execute();
}
