import 'server-only';
// Free-quote requests in the database: the only SQL of the contact domain.
import type { Kysely, Selectable } from 'kysely';
import type { ContactRequest } from './schema';
import { retryWhenBusy } from '../db/busy';
import type { Database } from '../db/schema';
import type { InboxFilter, RequestStatus } from '../inbox/schema';
import { nameOrEmailContains, searchInbox, type SearchPlan } from '../inbox/search';
import { afterCursor, nthRequest, upToCursor } from '../inbox/store';

/** Why staff should look twice at a request: sent faster than a person types (autofill, or a robot). */
export type ContactFlag = 'fast-fill';

export interface StoredContactRequest extends ContactRequest {
  id: string;
  createdAt: string;
  flag: ContactFlag | null;
}

export interface ContactRequestRow extends StoredContactRequest {
  /** False when the staff e-mail could not be sent: the inbox is then the only place it shows. */
  staffNotified: boolean;
  staffNotifyError: string | null;
  status: RequestStatus;
}

/** Stores a request; null when a request with this form token's nonce is already stored. */
export async function insertContactRequest(
  db: Kysely<Database>,
  request: ContactRequest,
  {
    nonce,
    now = new Date(),
    flag = null,
  }: { nonce: string; now?: Date; flag?: ContactFlag | null },
): Promise<StoredContactRequest | null> {
  const id = crypto.randomUUID();
  const createdAt = now.toISOString();
  // Another connection holding the write lock delays the row, never loses it.
  const insert = () =>
    db
      .insertInto('contact_request')
      .values({
        id,
        created_at: createdAt,
        name: request.name,
        email: request.email,
        phone: request.phone,
        situation: request.situation,
        nationality: request.nationality,
        stay_length: request.stay,
        procedures: JSON.stringify(request.procedures),
        message: request.message,
        language: request.language,
        consented_at: createdAt,
        form_nonce: nonce,
        staff_notified: 0,
        requester_notified: 0,
        flag,
      })
      .onConflict((oc) => oc.column('form_nonce').doNothing())
      .executeTakeFirst();
  const result = await retryWhenBusy(insert, { label: 'quote request' });
  if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) return null;
  return { ...request, id, createdAt, flag };
}

/** The id of the request stored with this form token's nonce (a double post finds the first). */
export async function contactRequestIdByNonce(
  db: Kysely<Database>,
  nonce: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('contact_request')
    .select('id')
    .where('form_nonce', '=', nonce)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Records whether staff were told (and why not), so the inbox can flag the unsent ones. */
export async function recordStaffNotified(
  db: Kysely<Database>,
  id: string,
  error: string | null,
): Promise<void> {
  await db
    .updateTable('contact_request')
    .set({
      staff_notified: error === null ? 1 : 0,
      staff_notify_error: error?.slice(0, 500) ?? null,
    })
    .where('id', '=', id)
    .execute();
}

export async function recordRequesterNotified(db: Kysely<Database>, id: string): Promise<void> {
  await db
    .updateTable('contact_request')
    .set({ requester_notified: 1 })
    .where('id', '=', id)
    .execute();
}

/** The quote inbox's query (also planned by lib/inbox/search-queries.ts): see below. */
export function contactInboxQuery(
  db: Kysely<Database>,
  limit = 200,
  filter: InboxFilter = {},
  plan: SearchPlan = {},
) {
  let query = db.selectFrom('contact_request').selectAll();
  if (filter.status) query = query.where('status', '=', filter.status);
  const search = filter.search;
  if (search) {
    query = query.where((eb) =>
      nameOrEmailContains(
        db,
        'quote',
        { id: eb.ref('id'), email: eb.ref('email'), name: eb.ref('name') },
        search,
        plan,
      ),
    );
  }
  const before = filter.before;
  if (before) query = query.where((eb) => afterCursor(eb.ref('created_at'), eb.ref('id'), before));
  const newest = plan.newest;
  if (newest) query = query.where((eb) => upToCursor(eb.ref('created_at'), eb.ref('id'), newest));
  return query.orderBy('created_at', 'desc').orderBy('id').limit(limit);
}

type Row = Database['contact_request'];

function fromRow(row: Selectable<Row>): ContactRequestRow {
  return {
    id: row.id,
    createdAt: row.created_at,
    name: row.name,
    email: row.email,
    phone: row.phone,
    situation: row.situation as ContactRequest['situation'],
    nationality: row.nationality as ContactRequest['nationality'],
    stay: row.stay_length as ContactRequest['stay'],
    procedures: JSON.parse(row.procedures) as ContactRequest['procedures'],
    message: row.message,
    language: row.language as ContactRequest['language'],
    consent: 'yes',
    staffNotified: Number(row.staff_notified) === 1,
    staffNotifyError: row.staff_notify_error,
    status: row.status as RequestStatus,
    flag: row.flag === 'fast-fill' ? 'fast-fill' : null,
  };
}

/** The newest requests first, filtered by status and by a search in the name or e-mail. */
export async function listContactRequests(
  db: Kysely<Database>,
  limit = 200,
  filter: InboxFilter = {},
  /** How many requests a short search walks before it asks an index (tests: a small list). */
  walk?: number,
): Promise<ContactRequestRow[]> {
  const rows = await searchInbox(
    db,
    'quote',
    filter.search,
    limit,
    (plan) => contactInboxQuery(db, limit, filter, plan).execute(),
    (n) => nthRequest(db, 'contact_request', filter, n),
    walk,
  );
  return rows.map(fromRow);
}

/** One request by its id (its page on the desk), or null. */
export const contactRequestByIdQuery = (db: Kysely<Database>, id: string) =>
  db.selectFrom('contact_request').selectAll().where('id', '=', id);

export async function findContactRequest(
  db: Kysely<Database>,
  id: string,
): Promise<ContactRequestRow | null> {
  const row = await contactRequestByIdQuery(db, id).executeTakeFirst();
  return row ? fromRow(row) : null;
}

/** Sets a request's status; the status it had before, or null when there is no such request. */
export async function setContactStatus(
  db: Kysely<Database>,
  id: string,
  status: RequestStatus,
): Promise<{ from: string } | null> {
  const before = await db
    .selectFrom('contact_request')
    .select('status')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!before) return null;
  const result = await db
    .updateTable('contact_request')
    .set({ status })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0 ? { from: before.status } : null;
}
