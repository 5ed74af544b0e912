// A database with people in it, as the club's tables hold them after a while: users with two
// sessions each, 30 % members (some cancelling, some past due, some ended), quote and assistance
// requests with their history, event registrations, sent e-mails, sign-in links, rate-limit
// windows, Stripe event ids, referral clicks, Carte Vitale files. Some rows are past their
// housekeeping cutoff, most are not. Deterministic: row i of each kind is the same every time.
import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../../lib/db/schema';

const DAY = 86_400_000;

export interface SeedOptions {
  people: number;
  now?: Date;
  /** Rows per INSERT statement. */
  chunk?: number;
}

async function insertAll<T extends keyof Database>(
  db: Kysely<Database>,
  table: T,
  rows: Insertable<Database[T]>[],
  chunk: number,
): Promise<void> {
  for (let start = 0; start < rows.length; start += chunk) {
    // Kysely's values() takes the table's insert shape; the rows are built for this table.
    await db
      .insertInto(table)
      .values(rows.slice(start, start + chunk) as never)
      .execute();
  }
}

const id = (kind: string, i: number) =>
  `${kind.padEnd(8, '0').slice(0, 8)}-0000-4000-8000-${String(i).padStart(12, '0')}`;

/** Seeds `people` users and their rows; returns the ids of the users. */
export async function seedPeople(
  db: Kysely<Database>,
  { people, now = new Date(), chunk = 200 }: SeedOptions,
): Promise<string[]> {
  const at = (offsetMs: number) => new Date(now.getTime() + offsetMs).toISOString();
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  const users = range(people).map((i) => ({
    id: id('user', i),
    name: `Person ${i}`,
    email: `person${i}@example.test`,
    emailVerified: null,
    image: null,
  }));
  await insertAll(db, 'User', users, chunk);
  await insertAll(
    db,
    'Session',
    range(people * 2).map((i) => ({
      sessionToken: `session-${i}`,
      userId: users[i % people]!.id,
      // One session in ten has expired.
      expires: at(i % 10 === 0 ? -DAY : 30 * DAY),
      signedInAt: at(-DAY),
    })),
    chunk,
  );
  await insertAll(
    db,
    'VerificationToken',
    range(people).map((i) => ({
      identifier: users[i]!.email,
      token: `token-${i}`,
      expires: at(i % 2 ? -DAY : DAY),
    })),
    chunk,
  );
  await insertAll(
    db,
    'rate_limit',
    range(people).map((i) => ({
      bucket: i % 2 ? 'signin' : 'contact',
      key: `key-${i}`,
      window_start: at(-(i % 5) * DAY),
      hits: 1 + (i % 3),
    })),
    chunk,
  );
  const members = users.filter((_, i) => i % 10 < 3);
  await insertAll(
    db,
    'stripe_customer',
    members.map((user, i) => ({ user_id: user.id, customer_id: `cus_${i}`, created_at: at(-DAY) })),
    chunk,
  );
  const STATUSES = ['active', 'active', 'trialing', 'past_due', 'canceled', 'incomplete'];
  await insertAll(
    db,
    'membership',
    members.map((user, i) => ({
      user_id: user.id,
      subscription_id: `sub_${i}`,
      customer_id: `cus_${i}`,
      status: STATUSES[i % STATUSES.length]!,
      current_period_start: at(-20 * DAY),
      // Some periods are over (a cancelling membership then counts no more).
      current_period_end: at(i % 4 === 0 ? -DAY : 10 * DAY),
      cancel_at_period_end: i % 3 === 0 ? 1 : 0,
      started_at: at(-100 * DAY),
      updated_at: at(-DAY),
      stripe_seen_at: at(-DAY),
    })),
    chunk,
  );
  await insertAll(
    db,
    'membership_welcome',
    members.map((user, i) => ({
      subscription_id: `sub_${i}`,
      user_id: user.id,
      sent_at: at(-DAY),
    })),
    chunk,
  );
  await insertAll(
    db,
    'stripe_event',
    range(people).map((i) => ({
      id: `evt_${i}`,
      type: 'invoice.paid',
      received_at: at(-(i % 60) * DAY),
    })),
    chunk,
  );
  await insertAll(
    db,
    'contact_request',
    range(people).map((i) => ({
      id: id('quote', i),
      created_at: at(-i * 3_600_000),
      name: `Person ${i}`,
      // Half the quotes come from members' addresses, some in capitals.
      email: i % 2 ? `Person${i}@Example.test` : `visitor${i}@example.test`,
      phone: null,
      situation: 'employee',
      nationality: 'eu',
      stay_length: 'long',
      procedures: '["carte-vitale"]',
      message: `Message ${i}`,
      language: 'en',
      consented_at: at(-i * 3_600_000),
      form_nonce: `nonce-${i}`,
      staff_notified: 1,
      staff_notify_error: null,
      requester_notified: 1,
      status: i % 4 ? 'new' : 'answered',
      flag: null,
    })),
    chunk,
  );
  await insertAll(
    db,
    'assistance_request',
    members.map((user, i) => ({
      id: id('assist', i),
      user_id: user.id,
      created_at: at(-i * 3_600_000),
      updated_at: at(-i * 3_600_000),
      topic: 'health',
      description: `Help ${i}`,
      contact_method: 'email',
      phone: null,
      language: 'en',
      status: i % 3 ? 'new' : 'in_progress',
    })),
    chunk,
  );
  await insertAll(
    db,
    'request_event',
    members.map((_, i) => ({
      id: id('history', i),
      request_kind: 'assistance',
      request_id: id('assist', i),
      created_at: at(-i * 1_800_000),
      actor_email: 'staff@example.test',
      field: 'status',
      from_value: 'new',
      to_value: 'in_progress',
    })),
    chunk,
  );
  await insertAll(
    db,
    'referral_click',
    range(people).map((i) => ({
      id: id('click', i),
      partner: 'partirassur',
      source_path: '/guides/carte-vitale',
      created_at: at(-(i % 70) * DAY - (i % 24) * 3_600_000),
    })),
    chunk,
  );
  await insertAll(
    db,
    'event_registration',
    members.map((user, i) => ({
      id: id('reg', i),
      event_slug: i % 2 ? 'sample-event' : 'other-event',
      user_id: user.id,
      status: i % 5 ? 'going' : 'waiting',
      created_at: at(-i * 60_000),
      updated_at: at(-i * 60_000),
    })),
    chunk,
  );
  await insertAll(
    db,
    'mail_outbox',
    range(people).map((i) => ({
      id: id('mail', i),
      created_at: at(-(i % 40) * DAY),
      purpose: `assistance:member:${id('assist', i)}`,
      recipients: JSON.stringify([users[i]!.email]),
      subject: 'Subject',
      text_body: 'Text',
      html_body: '<p>Text</p>',
      reply_to: null,
      extras: null,
      attempts: 1,
      next_attempt_at: at(-(i % 40) * DAY),
      last_error: null,
      sent_at: i % 7 ? at(-(i % 40) * DAY) : null,
    })),
    chunk,
  );
  await insertAll(
    db,
    'former_email',
    members.map((user, i) => ({
      user_id: user.id,
      email: `before${i}@example.test`,
      left_at: at(-DAY),
    })),
    chunk,
  );
  await insertAll(
    db,
    'email_change_token',
    members.map((user, i) => ({
      token_hash: `change-${i}`,
      user_id: user.id,
      new_email: `new${i}@example.test`,
      created_at: at(-DAY),
      expires_at: at(i % 2 ? -2 * DAY : DAY),
    })),
    chunk,
  );
  await insertAll(
    db,
    'email_change_undo',
    members.map((user, i) => ({
      token_hash: `undo-${i}`,
      user_id: user.id,
      old_email: `before${i}@example.test`,
      new_email: user.email,
      created_at: at(-DAY),
      expires_at: at(i % 2 ? -2 * DAY : 6 * DAY),
    })),
    chunk,
  );
  await insertAll(
    db,
    'member_file',
    members.map((user, i) => ({
      id: id('file', i),
      user_id: user.id,
      answers: '{}',
      route_id: 'employee',
      reminders: 1,
      created_at: at(-30 * DAY),
      updated_at: at(-DAY),
    })),
    chunk,
  );
  await insertAll(
    db,
    'member_file_step',
    members.map((_, i) => ({
      file_id: id('file', i),
      step_id: 'register',
      done_on: i % 2 ? '2026-01-01' : null,
      done_by: i % 2 ? 'member' : null,
      done_by_name: null,
      note: null,
      reminders_sent: 0,
      last_reminded_at: null,
      updated_at: at(-DAY),
    })),
    chunk,
  );
  await insertAll(
    db,
    'member_file_event',
    members.map((user, i) => ({
      id: id('fevent', i),
      file_id: id('file', i),
      created_at: at(-DAY),
      actor_kind: 'member',
      actor_id: user.id,
      actor_name: null,
      action: 'saved-route',
      step_id: null,
      detail: 'employee',
    })),
    chunk,
  );
  await insertAll(
    db,
    'member_file_document',
    members.map((_, i) => ({
      file_id: id('file', i),
      document_id: 'passport',
      checked_at: at(-DAY),
    })),
    chunk,
  );
  return users.map((user) => user.id);
}
