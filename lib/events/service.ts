import 'server-only';
// Members register for events: capacity from the event's frontmatter, a waiting list when full,
// promoted in order when someone cancels. Every function checks lib/access itself.
import type { Kysely } from 'kysely';
import { placeOpenedEmail } from './emails';
import {
  findRegistration,
  countGoing,
  listAttendees,
  placeRegistration,
  registrationsOfUser,
  removeRegistration,
  waitingPosition,
  type Attendee,
  type Registration,
} from './store';
import { canReadMembersContent, isStaff, type Viewer } from '../access';
import { getEvent, type EventSummary } from '../content';
import { getDb } from '../db';
import type { Database } from '../db/schema';
import { sendMail, type OutgoingMail } from '../platform/mail';
import { sendThroughOutbox } from '../platform/outbox';

export interface EventsDeps {
  db?: Kysely<Database>;
  send?: (mail: OutgoingMail) => Promise<void>;
  findEvent?: (slug: string) => EventSummary | null;
  now?: Date;
}

export type RegisterResult =
  | { kind: 'refused' }
  | { kind: 'not-found' }
  | { kind: 'past' }
  | { kind: 'placed'; registration: Registration };

const open = (event: EventSummary, now: Date) => Date.parse(event.startsAt) > now.getTime();

/** Registers a member: a place when one is free, else the waiting list. Twice is once. */
export async function registerForEvent(
  viewer: Viewer,
  slug: string,
  deps: EventsDeps = {},
): Promise<RegisterResult> {
  const now = deps.now ?? new Date();
  if (viewer.kind !== 'user' || !canReadMembersContent(viewer, now)) return { kind: 'refused' };
  const event = (deps.findEvent ?? getEvent)(slug);
  if (!event) return { kind: 'not-found' };
  if (!open(event, now)) return { kind: 'past' };
  const db = deps.db ?? (await getDb());
  const { registration } = await placeRegistration(
    db,
    event.slug,
    viewer.userId,
    event.capacity,
    now,
  );
  return { kind: 'placed', registration };
}

/**
 * Sends "a place opened up" to each promoted member, through the outbox: with SMTP down the
 * message is kept and retried, never lost. Only storing it can fail, and that is logged.
 */
async function tellPromoted(
  db: Kysely<Database>,
  event: EventSummary,
  promoted: Attendee[],
  send: (mail: OutgoingMail) => Promise<void>,
) {
  const results = await Promise.allSettled(
    promoted.map((person) =>
      sendThroughOutbox(
        db,
        `events:promoted:${person.id}`,
        { to: person.email, ...placeOpenedEmail(event) },
        send,
      ),
    ),
  );
  for (const result of results) {
    if (result.status === 'rejected')
      console.error('[events] promotion e-mail not stored:', result.reason);
  }
}

/**
 * Cancels the viewer's registration (any signed-in person may leave, member or not any more); the
 * first on the waiting list takes the freed place and is e-mailed.
 */
export async function cancelRegistration(
  viewer: Viewer,
  slug: string,
  deps: EventsDeps = {},
): Promise<'cancelled' | 'not-registered' | 'refused'> {
  if (viewer.kind !== 'user') return 'refused';
  const db = deps.db ?? (await getDb());
  const event = (deps.findEvent ?? getEvent)(slug);
  const { removed, promoted } = await removeRegistration(
    db,
    slug,
    viewer.userId,
    event?.capacity ?? null,
    deps.now,
  );
  if (!removed) return 'not-registered';
  if (event && promoted.length) await tellPromoted(db, event, promoted, deps.send ?? sendMail);
  return 'cancelled';
}

/** Removes every registration of a user (account deletion), promoting others into freed places. */
export async function withdrawFromAllEvents(
  db: Kysely<Database>,
  userId: string,
  deps: Omit<EventsDeps, 'db'> = {},
): Promise<number> {
  const registrations = await registrationsOfUser(db, userId);
  for (const registration of registrations) {
    const event = (deps.findEvent ?? getEvent)(registration.eventSlug);
    const { promoted } = await removeRegistration(
      db,
      registration.eventSlug,
      userId,
      event?.capacity ?? null,
      deps.now,
    );
    if (event && promoted.length) await tellPromoted(db, event, promoted, deps.send ?? sendMail);
  }
  return registrations.length;
}

export interface RegistrationView {
  /** The viewer's own registration, with their waiting-list position. */
  mine: (Registration & { position: number | null }) | null;
  placesTaken: number;
  capacity: number | null;
  /** Staff only: everyone registered, oldest first. */
  attendees: Attendee[] | null;
}

/** What the event page shows this viewer; null for readers and non-members (nothing to read). */
export async function registrationView(
  viewer: Viewer,
  event: EventSummary,
  deps: Pick<EventsDeps, 'db'> = {},
): Promise<RegistrationView | null> {
  if (viewer.kind !== 'user' || !canReadMembersContent(viewer)) return null;
  const db = deps.db ?? (await getDb());
  const [mine, placesTaken, attendees] = await Promise.all([
    findRegistration(db, event.slug, viewer.userId),
    countGoing(db, event.slug),
    isStaff(viewer) ? listAttendees(db, event.slug) : Promise.resolve(null),
  ]);
  return {
    mine: mine
      ? { ...mine, position: mine.status === 'waiting' ? await waitingPosition(db, mine) : null }
      : null,
    placesTaken,
    capacity: event.capacity,
    attendees,
  };
}

/** A member's own registrations (the data export). */
export async function registrationsOf(
  viewer: Viewer,
  deps: Pick<EventsDeps, 'db'> = {},
): Promise<Registration[]> {
  if (viewer.kind !== 'user') return [];
  return registrationsOfUser(deps.db ?? (await getDb()), viewer.userId);
}
