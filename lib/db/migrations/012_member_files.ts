import type { Kysely } from 'kysely';

// The member's Carte Vitale file (issue 22): their planner route, one row per step they dated or
// annotated, the file's history (who did what, when: the member or staff) and the document
// checklist. Plain text/integer columns and ISO-8601 text timestamps (calendar days as YYYY-MM-DD),
// so the same SQL runs on SQLite and Postgres.
export async function up(db: Kysely<unknown>): Promise<void> {
  // One file per member: the planner's answers (JSON) and the route they led to.
  await db.schema
    .createTable('member_file')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('user_id', 'text', (col) =>
      col.notNull().unique().references('User.id').onDelete('cascade'),
    )
    .addColumn('answers', 'text', (col) => col.notNull())
    .addColumn('route_id', 'text', (col) => col.notNull())
    // 1: overdue reminders by e-mail (sent by lib/file/reminders*); 0: the member turned them off.
    .addColumn('reminders', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();

  // A step of the file: the day it was done (null: to do), who marked it, a private note, and the
  // reminder state the reminders job claims with a compare-and-set UPDATE (reminders_sent,
  // last_reminded_at). Rows of steps no longer on the route are kept, so their dates come back.
  await db.schema
    .createTable('member_file_step')
    .addColumn('file_id', 'text', (col) =>
      col.notNull().references('member_file.id').onDelete('cascade'),
    )
    .addColumn('step_id', 'text', (col) => col.notNull())
    .addColumn('done_on', 'text')
    // 'member' or 'staff'; with the staff member's display name when staff marked it.
    .addColumn('done_by', 'text')
    .addColumn('done_by_name', 'text')
    .addColumn('note', 'text')
    .addColumn('reminders_sent', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('last_reminded_at', 'text')
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('member_file_step_pk', ['file_id', 'step_id'])
    .execute();

  // What happened to the file, oldest first: the member and staff see it.
  await db.schema
    .createTable('member_file_event')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('file_id', 'text', (col) =>
      col.notNull().references('member_file.id').onDelete('cascade'),
    )
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('actor_kind', 'text', (col) => col.notNull())
    .addColumn('actor_id', 'text', (col) => col.notNull())
    .addColumn('actor_name', 'text')
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('step_id', 'text')
    .addColumn('detail', 'text')
    .execute();
  await db.schema
    .createIndex('member_file_event_file_idx')
    .on('member_file_event')
    .columns(['file_id', 'created_at'])
    .execute();

  // The route's document checklist: one row per document the member ticked.
  await db.schema
    .createTable('member_file_document')
    .addColumn('file_id', 'text', (col) =>
      col.notNull().references('member_file.id').onDelete('cascade'),
    )
    .addColumn('document_id', 'text', (col) => col.notNull())
    .addColumn('checked_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('member_file_document_pk', ['file_id', 'document_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'member_file_document',
    'member_file_event',
    'member_file_step',
    'member_file',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
