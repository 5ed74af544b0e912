import 'server-only';
// Members register for events: capacity from the event's frontmatter, a waiting list when full,
// promoted in order when someone cancels. Every function checks lib/access itself.
import type { Kysely } from 'kysely';
import { placeOpenedEmail } from './emails';
import {
  findRegistration,
  countGoing,
  countWaiting,
  fillFreePlaces,
  listAttendees,
  placeRegistration,
  registrationsOfUser,
  removeRegistration,
  waitingPosition,
  type Attendee,
  type MayTakePlace,
  type Registration,
} from './store';
import { canReadMembersContent, isStaff, type Viewer } from '../access';
import { getEvent, type EventSummary } from '../content';
import { getDb } from '../db';
import type { Database } from '../db/schema';
import { staffEmailList } from '../platform/env';
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

/**
 * Who may take a place from the waiting list at `now`: whoever could register now (an active
 * member, or staff), by lib/access on the stored membership. A lapsed member is skipped.
 */
const mayTakePlaceAt =
  (now: Date): MayTakePlace =>
  ({ userId, email, membership }) =>
    canReadMembersContent(
      {
        kind: 'user',
        userId,
        email,
        isStaff: staffEmailList().includes(email.toLowerCase()),
        membership,
      },
      now,
    );

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
  const { registration, promoted } = await placeRegistration(
    db,
    event.slug,
    viewer.userId,
    event.capacity,
    mayTakePlaceAt(now),
    now,
  );
  if (promoted.length) await tellPromoted(db, event, promoted, deps.send ?? sendMail);
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
 * first on the waiting list who is still a member takes the freed place and is e-mailed.
 */
export async function cancelRegistration(
  viewer: Viewer,
  slug: string,
  deps: EventsDeps = {},
): Promise<'cancelled' | 'not-registered' | 'refused'> {
  if (viewer.kind !== 'user') return 'refused';
  const now = deps.now ?? new Date();
  const db = deps.db ?? (await getDb());
  const event = (deps.findEvent ?? getEvent)(slug);
  const { removed, promoted } = await removeRegistration(
    db,
    slug,
    viewer.userId,
    event?.capacity ?? null,
    mayTakePlaceAt(now),
    now,
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
  const now = deps.now ?? new Date();
  const registrations = await registrationsOfUser(db, userId);
  for (const registration of registrations) {
    const event = (deps.findEvent ?? getEvent)(registration.eventSlug);
    const { promoted } = await removeRegistration(
      db,
      registration.eventSlug,
      userId,
      event?.capacity ?? null,
      mayTakePlaceAt(now),
      now,
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

/**
 * Gives the event's free places to people waiting when there are both (the capacity was raised
 * and nobody has registered or left since): cheap reads first, the exclusive write only then.
 */
async function settleWaitingList(db: Kysely<Database>, event: EventSummary, deps: EventsDeps) {
  if (event.capacity === null) return;
  const [taken, waiting] = await Promise.all([
    countGoing(db, event.slug),
    countWaiting(db, event.slug),
  ]);
  if (taken >= event.capacity || waiting === 0) return;
  const now = deps.now ?? new Date();
  const promoted = await fillFreePlaces(db, event.slug, event.capacity, mayTakePlaceAt(now), now);
  if (promoted.length) await tellPromoted(db, event, promoted, deps.send ?? sendMail);
}

/** What the event page shows this viewer; null for readers and non-members (nothing to read). */
export async function registrationView(
  viewer: Viewer,
  event: EventSummary,
  deps: Pick<EventsDeps, 'db' | 'send' | 'now'> = {},
): Promise<RegistrationView | null> {
  if (viewer.kind !== 'user' || !canReadMembersContent(viewer, deps.now)) return null;
  const db = deps.db ?? (await getDb());
  if (open(event, deps.now ?? new Date())) await settleWaitingList(db, event, deps);
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
