import { sql, type Kysely } from 'kysely';

// Indexes for every query that reads or deletes by something other than a key (issue 27): the
// housekeeping's deletes by expiry, the export's and the deletion's look-ups by user and by
// address (lower(email): expression indexes, the same on SQLite and Postgres), the outbox's rows of
// one recipient or one purpose, and the staff desk's counts and filtered lists. lib/db/
// query-plans.test.ts reads the plan of every named query (lib/db/named-queries.ts) and refuses a
// full scan of a table that grows with people.
const INDEXES: { name: string; table: string; columns: string[] }[] = [
  // Housekeeping: what is past its cutoff.
  { name: 'Session_expires_idx', table: 'Session', columns: ['expires'] },
  { name: 'VerificationToken_expires_idx', table: 'VerificationToken', columns: ['expires'] },
  { name: 'rate_limit_window_start_idx', table: 'rate_limit', columns: ['window_start'] },
  { name: 'stripe_event_received_at_idx', table: 'stripe_event', columns: ['received_at'] },
  { name: 'email_change_token_expires_idx', table: 'email_change_token', columns: ['expires_at'] },
  { name: 'email_change_undo_expires_idx', table: 'email_change_undo', columns: ['expires_at'] },
  { name: 'billing_sync_lock_expires_idx', table: 'billing_sync_lock', columns: ['expires_at'] },
  // The outbox's given-up e-mails: unsent (sent_at null), out of attempts, then by age.
  {
    name: 'mail_outbox_given_up_idx',
    table: 'mail_outbox',
    columns: ['sent_at', 'attempts', 'created_at'],
  },
  // Deletion and address change: a person's rows.
  { name: 'VerificationToken_identifier_idx', table: 'VerificationToken', columns: ['identifier'] },
  { name: 'Account_userId_idx', table: 'Account', columns: ['userId'] },
  { name: 'event_registration_user_idx', table: 'event_registration', columns: ['user_id'] },
  { name: 'membership_welcome_user_idx', table: 'membership_welcome', columns: ['user_id'] },
  { name: 'mail_outbox_recipients_idx', table: 'mail_outbox', columns: ['recipients'] },
  { name: 'mail_outbox_purpose_idx', table: 'mail_outbox', columns: ['purpose'] },
  // The desk: member counts read from the index alone, and the inbox filtered by status.
  {
    name: 'membership_counts_idx',
    table: 'membership',
    columns: ['status', 'cancel_at_period_end', 'current_period_end'],
  },
  {
    name: 'assistance_request_status_idx',
    table: 'assistance_request',
    columns: ['status', 'created_at'],
  },
  {
    name: 'contact_request_status_idx',
    table: 'contact_request',
    columns: ['status', 'created_at'],
  },
  // The staff's pages of an event's attendees, oldest first.
  {
    name: 'event_registration_event_time_idx',
    table: 'event_registration',
    columns: ['event_slug', 'created_at', 'id'],
  },
];

/** Addresses are matched whatever their case: `lower(email)` is what the queries compare. */
const LOWER_EMAIL_INDEXES = [
  { name: 'User_lower_email_idx', table: 'User' },
  { name: 'contact_request_lower_email_idx', table: 'contact_request' },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const index of INDEXES) {
    await db.schema.createIndex(index.name).on(index.table).columns(index.columns).execute();
  }
  for (const index of LOWER_EMAIL_INDEXES) {
    await db.schema
      .createIndex(index.name)
      .on(index.table)
      .expression(sql`lower(email)`)
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of [...INDEXES, ...LOWER_EMAIL_INDEXES]) {
    await db.schema.dropIndex(index.name).execute();
  }
}
