import type { Kysely } from 'kysely';

// Who is syncing a subscription right now (lib/billing/sync-lock.ts): one re-read-and-store at a
// time per subscription, across instances, without holding a database lock over Stripe's network
// call. A row is a lease: it names its holder and lapses at expires_at if the holder died.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('billing_sync_lock')
    .addColumn('subscription_id', 'text', (col) => col.primaryKey())
    .addColumn('holder', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('billing_sync_lock').ifExists().execute();
}
