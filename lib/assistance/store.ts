import 'server-only';
// Assistance requests in the database: the only SQL of the assistance domain.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AssistanceRequestInput, AssistanceStatus } from './schema';
import { retryWhenBusy } from '../db/busy';
import type { Database } from '../db/schema';
import type { InboxFilter } from '../inbox/schema';
import { nameOrEmailContains, searchInbox, type SearchPlan } from '../inbox/search';
import { afterCursor, nthRequest, upToCursor } from '../inbox/store';

export interface AssistanceRequest {
  id: string;
  userId: string;
  createdAt: string;
  updatedAt: string;
  topic: string;
  description: string;
  contactMethod: string;
  phone: string | null;
  language: string;
  status: AssistanceStatus;
}

export interface InboxAssistanceRequest extends AssistanceRequest {
  memberEmail: string;
}

type Row = Database['assistance_request'];

function fromRow(row: Row): AssistanceRequest {
  return {
    id: row.id,
    userId: row.user_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    topic: row.topic,
    description: row.description,
    contactMethod: row.contact_method,
    phone: row.phone,
    language: row.language,
    status: row.status as AssistanceStatus,
  };
}

export async function insertAssistanceRequest(
  db: Kysely<Database>,
  userId: string,
  input: AssistanceRequestInput,
  now: Date = new Date(),
): Promise<AssistanceRequest> {
  const row: Row = {
    id: randomUUID(),
    user_id: userId,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
    topic: input.topic,
    description: input.description,
    contact_method: input.contactMethod,
    phone: input.phone,
    language: input.language,
    status: 'new',
  };
  // Another connection holding the write lock delays the row, never loses it.
  await retryWhenBusy(() => db.insertInto('assistance_request').values(row).execute(), {
    label: 'assistance request',
  });
  return fromRow(row);
}

/** One member's requests, newest first. */
export async function listUserAssistanceRequests(
  db: Kysely<Database>,
  userId: string,
): Promise<AssistanceRequest[]> {
  const rows = await db
    .selectFrom('assistance_request')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(fromRow);
}

/** The staff inbox's query (also planned by lib/inbox/search-queries.ts): see below. */
export function assistanceInboxQuery(
  db: Kysely<Database>,
  limit = 200,
  filter: InboxFilter = {},
  plan: SearchPlan = {},
) {
  let query = db
    .selectFrom('assistance_request')
    .innerJoin('User', 'User.id', 'assistance_request.user_id')
    .selectAll('assistance_request')
    .select('User.email as member_email');
  if (filter.status) query = query.where('assistance_request.status', '=', filter.status);
  const search = filter.search;
  if (search) {
    query = query.where((eb) =>
      nameOrEmailContains(
        db,
        'member',
        { id: eb.ref('User.id'), email: eb.ref('User.email'), name: eb.ref('User.name') },
        search,
        plan,
      ),
    );
  }
  const before = filter.before;
  if (before) {
    query = query.where((eb) =>
      afterCursor(eb.ref('assistance_request.created_at'), eb.ref('assistance_request.id'), before),
    );
  }
  const newest = plan.newest;
  if (newest) {
    query = query.where((eb) =>
      upToCursor(eb.ref('assistance_request.created_at'), eb.ref('assistance_request.id'), newest),
    );
  }
  return query
    .orderBy('assistance_request.created_at', 'desc')
    .orderBy('assistance_request.id')
    .limit(limit);
}

/** Requests with the member's e-mail, newest first: the staff inbox, filtered by status and by
 * a search in the member's name or e-mail. */
export async function listAllAssistanceRequests(
  db: Kysely<Database>,
  limit = 200,
  filter: InboxFilter = {},
  /** How many requests a short search walks before it asks an index (tests: a small list). */
  walk?: number,
): Promise<InboxAssistanceRequest[]> {
  const rows = await searchInbox(
    db,
    'member',
    filter.search,
    limit,
    (plan) => assistanceInboxQuery(db, limit, filter, plan).execute(),
    (n) => nthRequest(db, 'assistance_request', filter, n),
    walk,
  );
  return rows.map(({ member_email, ...row }) => ({ ...fromRow(row), memberEmail: member_email }));
}

/** One request with its member's e-mail (a status change, the request's page on the desk). */
export const assistanceRequestByIdQuery = (db: Kysely<Database>, id: string) =>
  db
    .selectFrom('assistance_request')
    .innerJoin('User', 'User.id', 'assistance_request.user_id')
    .selectAll('assistance_request')
    .select('User.email as member_email')
    .where('assistance_request.id', '=', id);

/** One request with its member's e-mail, or null. */
export async function findAssistanceRequest(
  db: Kysely<Database>,
  id: string,
): Promise<InboxAssistanceRequest | null> {
  const row = await assistanceRequestByIdQuery(db, id).executeTakeFirst();
  if (!row) return null;
  const { member_email, ...rest } = row;
  return { ...fromRow(rest), memberEmail: member_email };
}

/** Sets a request's status; false when there is no such request. */
export async function setAssistanceStatus(
  db: Kysely<Database>,
  id: string,
  status: AssistanceStatus,
  now: Date = new Date(),
): Promise<boolean> {
  const result = await db
    .updateTable('assistance_request')
    .set({ status, updated_at: now.toISOString() })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
