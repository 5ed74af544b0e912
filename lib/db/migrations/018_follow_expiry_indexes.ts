import type { Kysely } from 'kysely';

// Housekeeping prunes follow requests never confirmed (issue 27): the confirmations past their
// expiry and the pending requests older than a confirmation's lifetime, in bounded batches ordered
// by these columns (lib/db/housekeeping.ts). Without an index each batch read the whole table.
const INDEXES = [
  { name: 'follow_confirmation_expires_idx', table: 'follow_confirmation', column: 'expires_at' },
  { name: 'follow_pending_created_idx', table: 'follow_pending', column: 'created_at' },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const index of INDEXES) {
    await db.schema.createIndex(index.name).on(index.table).column(index.column).execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of INDEXES) await db.schema.dropIndex(index.name).execute();
}
