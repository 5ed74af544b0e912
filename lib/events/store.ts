import 'server-only';
// Event registrations in the database: the only SQL of the events domain. Placing, cancelling and
// promoting each run alone for their event (exclusivelyForEvent), on both databases and across
// instances, so the count of places taken and the rows written agree.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { ATTENDEE_PAGE_SIZE, type AttendeeCursor, type RegistrationStatus } from './schema';
import type { MembershipState } from '../access';
import { readMembership } from '../billing/membership-store';
import { retryWhenBusy } from '../db/busy';
import { isPostgres } from '../db/dialect';
import type { Database } from '../db/schema';

export interface Registration {
  id: string;
  eventSlug: string;
  userId: string;
  status: RegistrationStatus;
  createdAt: string;
}

export interface Attendee extends Registration {
  email: string;
}

type Row = Database['event_registration'];
type Db = Kysely<Database> | Transaction<Database>;

const fromRow = (row: Row): Registration => ({
  id: row.id,
  eventSlug: row.event_slug,
  userId: row.user_id,
  status: row.status === 'going' ? 'going' : 'waiting',
  createdAt: row.created_at,
});

export async function findRegistration(
  db: Db,
  eventSlug: string,
  userId: string,
): Promise<Registration | null> {
  const row = await db
    .selectFrom('event_registration')
    .selectAll()
    .where('event_slug', '=', eventSlug)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row ? fromRow(row) : null;
}

/** How many registrations of the event have this status (an index range: event, status). */
export const countWithStatusQuery = (db: Db, eventSlug: string, status: RegistrationStatus) =>
  db
    .selectFrom('event_registration')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('event_slug', '=', eventSlug)
    .where('status', '=', status);

export async function countGoing(db: Db, eventSlug: string): Promise<number> {
  const row = await countWithStatusQuery(db, eventSlug, 'going').executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countWaiting(db: Db, eventSlug: string): Promise<number> {
  const row = await countWithStatusQuery(db, eventSlug, 'waiting').executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Who may be promoted from the waiting list: decided by the caller through lib/access. */
export type MayTakePlace = (candidate: {
  userId: string;
  email: string;
  membership: MembershipState | null;
}) => boolean;

/** Any number to tell our advisory locks from others' (pg_advisory_xact_lock(int, int)). */
const PG_EVENT_LOCK_SPACE = 748_215_320;

/**
 * Runs `work` in a transaction that is the only one touching this event's registrations until it
 * ends. Postgres: a transaction-scoped advisory lock keyed by the slug; every statement after it
 * sees what the previous holder committed (READ COMMITTED takes a snapshot per statement).
 * SQLite: BEGIN IMMEDIATE takes the database's write lock before the first read, so another
 * process cannot read the same count; a lock held too long by another process is waited out.
 */
async function exclusivelyForEvent<T>(
  db: Kysely<Database>,
  eventSlug: string,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (isPostgres(db)) {
    return db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(${PG_EVENT_LOCK_SPACE}, hashtext(${eventSlug}))`.execute(
        trx,
      );
      return work(trx);
    });
  }
  // Kysely opens SQLite transactions with a plain BEGIN (deferred): do it by hand on one connection.
  return retryWhenBusy(
    () =>
      db.connection().execute(async (connection) => {
        await sql`BEGIN IMMEDIATE`.execute(connection);
        try {
          const result = await work(connection);
          await sql`COMMIT`.execute(connection);
          return result;
        } catch (error) {
          await sql`ROLLBACK`.execute(connection);
          throw error;
        }
      }),
    { label: `event ${eventSlug}` },
  );
}

/**
 * Places the user: people already waiting who may take a place get the free ones first (after a
 * capacity increase, say), then the user is 'going' while places remain (capacity null: always),
 * else 'waiting'. Returns whom the first step promoted, to tell them.
 */
export async function placeRegistration(
  db: Kysely<Database>,
  eventSlug: string,
  userId: string,
  capacity: number | null,
  mayTakePlace: MayTakePlace,
  now: Date = new Date(),
): Promise<{ registration: Registration; created: boolean; promoted: Attendee[] }> {
  return exclusivelyForEvent(db, eventSlug, async (trx) => {
    const promoted = await promoteWaiting(trx, eventSlug, capacity, mayTakePlace, now);
    const existing = await findRegistration(trx, eventSlug, userId);
    if (existing) return { registration: existing, created: false, promoted };
    const taken = await countGoing(trx, eventSlug);
    const row: Row = {
      id: randomUUID(),
      event_slug: eventSlug,
      user_id: userId,
      status: capacity === null || taken < capacity ? 'going' : 'waiting',
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    };
    await trx.insertInto('event_registration').values(row).execute();
    return { registration: fromRow(row), created: true, promoted };
  });
}

/**
 * Removes the user's registration; free places go to the first on the waiting list who may take
 * one. Returns what was removed and who was promoted (with their e-mail, to tell them).
 */
export async function removeRegistration(
  db: Kysely<Database>,
  eventSlug: string,
  userId: string,
  capacity: number | null,
  mayTakePlace: MayTakePlace,
  now: Date = new Date(),
): Promise<{ removed: Registration | null; promoted: Attendee[] }> {
  return exclusivelyForEvent(db, eventSlug, async (trx) => {
    const removed = await findRegistration(trx, eventSlug, userId);
    if (!removed) return { removed: null, promoted: [] };
    await trx.deleteFrom('event_registration').where('id', '=', removed.id).execute();
    const promoted = await promoteWaiting(trx, eventSlug, capacity, mayTakePlace, now);
    return { removed, promoted };
  });
}

/** Gives free places to people waiting (a capacity increase with nobody registering or leaving). */
export async function fillFreePlaces(
  db: Kysely<Database>,
  eventSlug: string,
  capacity: number | null,
  mayTakePlace: MayTakePlace,
  now: Date = new Date(),
): Promise<Attendee[]> {
  return exclusivelyForEvent(db, eventSlug, (trx) =>
    promoteWaiting(trx, eventSlug, capacity, mayTakePlace, now),
  );
}

/**
 * Moves waiting registrations into free places, oldest first. Someone who may not take a place
 * (their membership lapsed) is skipped and keeps waiting in their turn: a failed renewal is often
 * fixed within days, and they can still leave the list (cancelling needs no membership).
 * Only inside exclusivelyForEvent: the count and the updates must not interleave with another's.
 */
async function promoteWaiting(
  trx: Kysely<Database>,
  eventSlug: string,
  capacity: number | null,
  mayTakePlace: MayTakePlace,
  now: Date,
): Promise<Attendee[]> {
  let free =
    capacity === null ? Number.MAX_SAFE_INTEGER : capacity - (await countGoing(trx, eventSlug));
  if (free <= 0) return [];
  const waiting = await trx
    .selectFrom('event_registration')
    .innerJoin('User', 'User.id', 'event_registration.user_id')
    .selectAll('event_registration')
    .select('User.email as email')
    .where('event_registration.event_slug', '=', eventSlug)
    .where('event_registration.status', '=', 'waiting')
    .orderBy('event_registration.created_at')
    .orderBy('event_registration.id')
    .execute();
  const promoted: Attendee[] = [];
  for (const { email, ...row } of waiting) {
    if (free <= 0) break;
    const membership = await readMembership(trx, row.user_id);
    if (!mayTakePlace({ userId: row.user_id, email, membership })) continue;
    await trx
      .updateTable('event_registration')
      .set({ status: 'going', updated_at: now.toISOString() })
      .where('id', '=', row.id)
      .execute();
    promoted.push({ ...fromRow(row), status: 'going', email });
    free--;
  }
  return promoted;
}

/** A page of who comes and who waits, oldest first, with their e-mail: for staff. */
export const attendeesPageQuery = (
  db: Db,
  eventSlug: string,
  { limit, after }: { limit: number; after?: AttendeeCursor },
) => {
  let query = db
    .selectFrom('event_registration')
    .innerJoin('User', 'User.id', 'event_registration.user_id')
    .selectAll('event_registration')
    .select('User.email as email')
    .where('event_registration.event_slug', '=', eventSlug);
  if (after) {
    // The leading range lets the (event_slug, created_at, id) index start at the cursor.
    query = query
      .where('event_registration.created_at', '>=', after.createdAt)
      .where((eb) =>
        eb.or([
          eb('event_registration.created_at', '>', after.createdAt),
          eb.and([
            eb('event_registration.created_at', '=', after.createdAt),
            eb('event_registration.id', '>', after.id),
          ]),
        ]),
      );
  }
  return query
    .orderBy('event_registration.created_at')
    .orderBy('event_registration.id')
    .limit(limit);
};

export async function listAttendees(
  db: Db,
  eventSlug: string,
  page: { limit: number; after?: AttendeeCursor } = { limit: ATTENDEE_PAGE_SIZE },
): Promise<Attendee[]> {
  const rows = await attendeesPageQuery(db, eventSlug, page).execute();
  return rows.map(({ email, ...row }) => ({ ...fromRow(row), email }));
}

/** A member's registrations, oldest first (their data export, their account deletion). */
export const registrationsOfUserQuery = (db: Db, userId: string) =>
  db
    .selectFrom('event_registration')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at');

export async function registrationsOfUser(db: Db, userId: string): Promise<Registration[]> {
  const rows = await registrationsOfUserQuery(db, userId).execute();
  return rows.map(fromRow);
}

/** The waiting list position (1 = next in) of a waiting registration. */
export async function waitingPosition(db: Db, registration: Registration): Promise<number> {
  const row = await db
    .selectFrom('event_registration')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('event_slug', '=', registration.eventSlug)
    .where('status', '=', 'waiting')
    .where((eb) =>
      eb.or([
        eb('created_at', '<', registration.createdAt),
        eb.and([eb('created_at', '=', registration.createdAt), eb('id', '<=', registration.id)]),
      ]),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
