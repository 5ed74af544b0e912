import 'server-only';
// Event registrations in the database: the only SQL of the events domain. Placing and promoting
// run in one transaction each, so the count of places taken and the new row agree.
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { RegistrationStatus } from './schema';
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

export async function countGoing(db: Db, eventSlug: string): Promise<number> {
  const row = await db
    .selectFrom('event_registration')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('event_slug', '=', eventSlug)
    .where('status', '=', 'going')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Places the user: 'going' while places remain (capacity null: always), else 'waiting'. */
export async function placeRegistration(
  db: Kysely<Database>,
  eventSlug: string,
  userId: string,
  capacity: number | null,
  now: Date = new Date(),
): Promise<{ registration: Registration; created: boolean }> {
  return db.transaction().execute(async (trx) => {
    const existing = await findRegistration(trx, eventSlug, userId);
    if (existing) return { registration: existing, created: false };
    const taken = await countGoing(trx, eventSlug);
    const row: Row = {
      id: randomUUID(),
      event_slug: eventSlug,
      user_id: userId,
      status: capacity === null || taken < capacity ? 'going' : 'waiting',
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    };
    await trx
      .insertInto('event_registration')
      .values(row)
      .onConflict((oc) => oc.columns(['event_slug', 'user_id']).doNothing())
      .execute();
    const stored = await findRegistration(trx, eventSlug, userId);
    return { registration: stored ?? fromRow(row), created: stored?.id === row.id };
  });
}

/**
 * Removes the user's registration; when a place frees up, the oldest on the waiting list takes it.
 * Returns what was removed and who was promoted (with their e-mail, to tell them).
 */
export async function removeRegistration(
  db: Kysely<Database>,
  eventSlug: string,
  userId: string,
  capacity: number | null,
  now: Date = new Date(),
): Promise<{ removed: Registration | null; promoted: Attendee[] }> {
  return db.transaction().execute(async (trx) => {
    const removed = await findRegistration(trx, eventSlug, userId);
    if (!removed) return { removed: null, promoted: [] };
    await trx.deleteFrom('event_registration').where('id', '=', removed.id).execute();
    const promoted = await promoteWaiting(trx, eventSlug, capacity, now);
    return { removed, promoted };
  });
}

/** Moves the oldest waiting registrations into free places. */
async function promoteWaiting(
  trx: Transaction<Database>,
  eventSlug: string,
  capacity: number | null,
  now: Date,
): Promise<Attendee[]> {
  const free =
    capacity === null ? Number.MAX_SAFE_INTEGER : capacity - (await countGoing(trx, eventSlug));
  if (free <= 0) return [];
  const next = await trx
    .selectFrom('event_registration')
    .innerJoin('User', 'User.id', 'event_registration.user_id')
    .selectAll('event_registration')
    .select('User.email as email')
    .where('event_registration.event_slug', '=', eventSlug)
    .where('event_registration.status', '=', 'waiting')
    .orderBy('event_registration.created_at')
    .orderBy('event_registration.id')
    .limit(Math.min(free, 1000))
    .execute();
  for (const row of next) {
    await trx
      .updateTable('event_registration')
      .set({ status: 'going', updated_at: now.toISOString() })
      .where('id', '=', row.id)
      .execute();
  }
  return next.map(({ email, ...row }) => ({ ...fromRow(row), status: 'going', email }));
}

/** Who comes and who waits, oldest first, with their e-mail: for staff. */
export async function listAttendees(db: Db, eventSlug: string): Promise<Attendee[]> {
  const rows = await db
    .selectFrom('event_registration')
    .innerJoin('User', 'User.id', 'event_registration.user_id')
    .selectAll('event_registration')
    .select('User.email as email')
    .where('event_registration.event_slug', '=', eventSlug)
    .orderBy('event_registration.created_at')
    .orderBy('event_registration.id')
    .execute();
  return rows.map(({ email, ...row }) => ({ ...fromRow(row), email }));
}

/** A member's registrations (their data export, their account deletion). */
export async function registrationsOfUser(db: Db, userId: string): Promise<Registration[]> {
  const rows = await db
    .selectFrom('event_registration')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
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
