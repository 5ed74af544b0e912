import type { Kysely } from 'kysely';

// A free-quote request that looks automated is kept and flagged for staff instead of being dropped
// (issue 20): 'fast-fill' when a complete form came back faster than CONTACT_MIN_FILL_MS, which
// browser autofill also does. Null for every other request.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('contact_request').addColumn('flag', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('contact_request').dropColumn('flag').execute();
}
