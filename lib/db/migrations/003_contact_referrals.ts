import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Free-quote requests from the contact form. Choices are stored as their keys (see
  // lib/contact/schema.ts); procedures as a JSON array of keys. No IP address is kept.
  await db.schema
    .createTable('contact_request')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('email', 'text', (col) => col.notNull())
    .addColumn('phone', 'text')
    .addColumn('situation', 'text', (col) => col.notNull())
    .addColumn('nationality', 'text', (col) => col.notNull())
    .addColumn('stay_length', 'text', (col) => col.notNull())
    .addColumn('procedures', 'text', (col) => col.notNull())
    .addColumn('message', 'text', (col) => col.notNull())
    .addColumn('language', 'text', (col) => col.notNull())
    .addColumn('consented_at', 'text', (col) => col.notNull())
    // The fill-time token's nonce: one token stores at most one request (double posts, replays).
    .addColumn('form_nonce', 'text', (col) => col.notNull().unique())
    // 0 until the staff e-mail went out; a failure leaves 0 and its reason, for the staff inbox.
    .addColumn('staff_notified', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('staff_notify_error', 'text')
    .addColumn('requester_notified', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('contact_request_created_at_idx')
    .on('contact_request')
    .column('created_at')
    .execute();

  // Outbound clicks through /go/<partner>: when, and from which page of this site. Nothing that
  // identifies the person (no IP, user, cookie).
  await db.schema
    .createTable('referral_click')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('partner', 'text', (col) => col.notNull())
    .addColumn('source_path', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('referral_click_partner_created_at_idx')
    .on('referral_click')
    .columns(['partner', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['referral_click', 'contact_request']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
