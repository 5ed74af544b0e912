import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One Stripe customer per user, reused across checkout attempts.
  await db.schema
    .createTable('stripe_customer')
    .addColumn('user_id', 'text', (col) =>
      col.primaryKey().references('User.id').onDelete('cascade'),
    )
    .addColumn('customer_id', 'text', (col) => col.notNull().unique())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();

  // The subscription state as last read from Stripe (the source of truth), one row per user.
  await db.schema
    .createTable('membership')
    .addColumn('user_id', 'text', (col) =>
      col.primaryKey().references('User.id').onDelete('cascade'),
    )
    .addColumn('subscription_id', 'text', (col) => col.notNull().unique())
    .addColumn('customer_id', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('current_period_start', 'text', (col) => col.notNull())
    .addColumn('current_period_end', 'text', (col) => col.notNull())
    .addColumn('cancel_at_period_end', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('started_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('stripe_seen_at', 'text', (col) => col.notNull())
    .execute();

  // Webhook event ids already handled: a replay is answered 200 and changes nothing.
  await db.schema
    .createTable('stripe_event')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('type', 'text', (col) => col.notNull())
    .addColumn('received_at', 'text', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['stripe_event', 'membership', 'stripe_customer']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
