import type { Kysely } from 'kysely';

// Messages kept in the outbox carry their extra headers (List-Unsubscribe on reminders) and text
// attachments (an event's .ics) as JSON, so a retried message is the one that was meant.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('mail_outbox').addColumn('extras', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('mail_outbox').dropColumn('extras').execute();
}
