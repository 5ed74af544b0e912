import 'server-only';
// The inbox's history (request_event): the only SQL that reads or writes it. Written by the
// status-change services of lib/assistance and lib/contact, in the same transaction as the change.
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { InboxCursor, InboxFilter, RequestKind } from './schema';
import type { Database } from '../db/schema';

export interface RequestEvent {
  id: string;
  requestKind: RequestKind;
  requestId: string;
  createdAt: string;
  actorEmail: string;
  field: string;
  fromValue: string | null;
  toValue: string | null;
}

export async function insertRequestEvent(
  db: Kysely<Database>,
  event: Omit<RequestEvent, 'id' | 'createdAt'> & { now?: Date },
): Promise<RequestEvent> {
  const row = {
    id: crypto.randomUUID(),
    request_kind: event.requestKind,
    request_id: event.requestId,
    created_at: (event.now ?? new Date()).toISOString(),
    actor_email: event.actorEmail,
    field: event.field,
    from_value: event.fromValue,
    to_value: event.toValue,
  };
  await db.insertInto('request_event').values(row).execute();
  return {
    id: row.id,
    requestKind: event.requestKind,
    requestId: row.request_id,
    createdAt: row.created_at,
    actorEmail: row.actor_email,
    field: row.field,
    fromValue: row.from_value,
    toValue: row.to_value,
  };
}

export const requestEventsQuery = (db: Kysely<Database>, kind: RequestKind, requestIds: string[]) =>
  db
    .selectFrom('request_event')
    .selectAll()
    .where('request_kind', '=', kind)
    .where('request_id', 'in', requestIds)
    .orderBy('created_at')
    .orderBy('id');

/** The history of these requests, oldest first, grouped by request id. */
export async function listRequestEvents(
  db: Kysely<Database>,
  kind: RequestKind,
  requestIds: string[],
): Promise<Map<string, RequestEvent[]>> {
  const byRequest = new Map<string, RequestEvent[]>();
  if (!requestIds.length) return byRequest;
  const rows = await requestEventsQuery(db, kind, requestIds).execute();
  for (const row of rows) {
    const list = byRequest.get(row.request_id) ?? [];
    list.push({
      id: row.id,
      requestKind: row.request_kind as RequestKind,
      requestId: row.request_id,
      createdAt: row.created_at,
      actorEmail: row.actor_email,
      field: row.field,
      fromValue: row.from_value,
      toValue: row.to_value,
    });
    byRequest.set(row.request_id, list);
  }
  return byRequest;
}

/**
 * Rows listed after `cursor` in the inbox's order (newest first, then by id). The leading
 * `createdAt <= …` says the same as the OR but is a range an index can start from, so a later page
 * does not walk the rows of the pages before it.
 */
export function afterCursor(
  createdAt: Expression<string>,
  id: Expression<string>,
  cursor: InboxCursor,
): Expression<SqlBool> {
  return sql<SqlBool>`(${createdAt} <= ${cursor.createdAt} and (${createdAt} < ${cursor.createdAt} or (${createdAt} = ${cursor.createdAt} and ${id} > ${cursor.id})))`;
}

/**
 * Rows listed up to `cursor`, included, in the inbox's order: the newest rows down to it (a bounded
 * walk, lib/inbox/search.ts). The leading `createdAt >= …` is the range an index walks.
 */
export function upToCursor(
  createdAt: Expression<string>,
  id: Expression<string>,
  cursor: InboxCursor,
): Expression<SqlBool> {
  return sql<SqlBool>`(${createdAt} >= ${cursor.createdAt} and (${createdAt} > ${cursor.createdAt} or (${createdAt} = ${cursor.createdAt} and ${id} <= ${cursor.id})))`;
}

/**
 * The `n`th request of a list (its status and cursor applied) in the inbox's order, from the
 * request table alone: where a bounded walk of the list stops (lib/inbox/search.ts).
 */
export function nthRequestQuery(
  db: Kysely<Database>,
  table: 'assistance_request' | 'contact_request',
  filter: InboxFilter,
  n: number,
) {
  // Both tables have the columns read here; Kysely cannot narrow a union of table names.
  let query = db.selectFrom(table as 'contact_request').select(['created_at', 'id']);
  if (filter.status) query = query.where('status', '=', filter.status);
  const before = filter.before;
  if (before) query = query.where((eb) => afterCursor(eb.ref('created_at'), eb.ref('id'), before));
  return query
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .offset(n - 1)
    .limit(1);
}

/** The `n`th request of a list, as a cursor, or none when the list is shorter. */
export async function nthRequest(
  db: Kysely<Database>,
  table: 'assistance_request' | 'contact_request',
  filter: InboxFilter,
  n: number,
): Promise<InboxCursor | undefined> {
  const row = await nthRequestQuery(db, table, filter, n).executeTakeFirst();
  return row && { createdAt: row.created_at, id: row.id };
}
