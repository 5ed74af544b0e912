import 'server-only';
// Members register for events: capacity from the event's frontmatter, a waiting list when full,
// promoted in order when someone cancels. Every function checks lib/access itself.
import type { Kysely } from 'kysely';
import { placeOpenedEmail, registrationEmail } from './emails';
import { registrationIsOpen } from './rules';
import { ATTENDEE_PAGE_SIZE, type AttendeeCursor } from './schema';
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

const open = (event: EventSummary, now: Date) => registrationIsOpen(event, now);

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
  const { registration, created, promoted } = await placeRegistration(
    db,
    event.slug,
    viewer.userId,
    event.capacity,
    mayTakePlaceAt(now),
    now,
  );
  const send = deps.send ?? sendMail;
  if (promoted.length) await tellPromoted(db, event, promoted, send, now);
  // Registering twice is once: only a new registration is e-mailed.
  if (created) await tellRegistered(db, event, viewer.email, registration, send, now);
  return { kind: 'placed', registration };
}

/**
 * Confirms a registration by e-mail (a place with its .ics, or a turn on the waiting list),
 * through the outbox like every member's e-mail. Only storing it can fail, and that is logged:
 * the registration itself stands.
 */
async function tellRegistered(
  db: Kysely<Database>,
  event: EventSummary,
  email: string,
  registration: Registration,
  send: (mail: OutgoingMail) => Promise<void>,
  now: Date,
) {
  try {
    const content = registrationEmail(
      event,
      registration.status === 'going'
        ? { status: 'going' }
        : { status: 'waiting', position: await waitingPosition(db, registration) },
      now,
    );
    await sendThroughOutbox(
      db,
      `events:registered:${registration.id}`,
      { to: email, ...content },
      send,
      now,
    );
  } catch (error) {
    console.error('[events] registration e-mail not stored:', error);
  }
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
  now: Date,
) {
  const results = await Promise.allSettled(
    promoted.map((person) =>
      sendThroughOutbox(
        db,
        `events:promoted:${person.id}`,
        { to: person.email, ...placeOpenedEmail(event, now) },
        send,
        now,
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
  if (event && promoted.length) await tellPromoted(db, event, promoted, deps.send ?? sendMail, now);
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
    if (event && promoted.length)
      await tellPromoted(db, event, promoted, deps.send ?? sendMail, now);
  }
  return registrations.length;
}

export interface RegistrationView {
  /** The viewer's own registration, with their waiting-list position. */
  mine: (Registration & { position: number | null }) | null;
  placesTaken: number;
  capacity: number | null;
  /** Staff only: a page of the people registered, oldest first (ATTENDEE_PAGE_SIZE at most). */
  attendees: AttendeePage | null;
}

export interface AttendeePage {
  shown: Attendee[];
  /** Where this page started (none: the first page). */
  after?: AttendeeCursor;
  /** Whether people registered later than the last one shown. */
  more: boolean;
}

/** One page of the staff's list: a row more than the page tells whether there is a next one. */
async function attendeePage(
  db: Kysely<Database>,
  eventSlug: string,
  after: AttendeeCursor | undefined,
): Promise<AttendeePage> {
  const rows = await listAttendees(db, eventSlug, { limit: ATTENDEE_PAGE_SIZE + 1, after });
  return {
    shown: rows.slice(0, ATTENDEE_PAGE_SIZE),
    after,
    more: rows.length > ATTENDEE_PAGE_SIZE,
  };
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
  if (promoted.length) await tellPromoted(db, event, promoted, deps.send ?? sendMail, now);
}

/** What the event page shows this viewer; null for readers and non-members (nothing to read). */
export async function registrationView(
  viewer: Viewer,
  event: EventSummary,
  deps: Pick<EventsDeps, 'db' | 'send' | 'now'> = {},
  { attendeesAfter }: { attendeesAfter?: AttendeeCursor } = {},
): Promise<RegistrationView | null> {
  if (viewer.kind !== 'user' || !canReadMembersContent(viewer, deps.now)) return null;
  const db = deps.db ?? (await getDb());
  if (open(event, deps.now ?? new Date())) await settleWaitingList(db, event, deps);
  const [mine, placesTaken, attendees] = await Promise.all([
    findRegistration(db, event.slug, viewer.userId),
    countGoing(db, event.slug),
    isStaff(viewer) ? attendeePage(db, event.slug, attendeesAfter) : Promise.resolve(null),
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

/** One of a person's registrations, as their club home and account page list it. */
export interface MyEvent {
  event: EventSummary;
  status: Registration['status'];
  /** Their turn on the waiting list (1 = next in); null with a place. */
  position: number | null;
  /** Places taken now, and whether none is left (cancelling then hands a place to someone). */
  placesTaken: number;
  full: boolean;
  /** Begun or over: no cancelling any more. */
  started: boolean;
}

/**
 * The viewer's own registrations, upcoming soonest first, then begun or past ones, latest first.
 * Anyone signed in sees theirs (a lapsed member may still leave an event); an event no longer
 * published is left out. Read per request: nothing here is ever shared or kept.
 */
export async function myEvents(
  viewer: Viewer,
  deps: Pick<EventsDeps, 'db' | 'findEvent' | 'now'> = {},
): Promise<MyEvent[]> {
  if (viewer.kind !== 'user') return [];
  const now = deps.now ?? new Date();
  const db = deps.db ?? (await getDb());
  const find = deps.findEvent ?? getEvent;
  const mine = await registrationsOfUser(db, viewer.userId);
  const entries = await Promise.all(
    mine.map(async (registration): Promise<MyEvent | null> => {
      const event = find(registration.eventSlug);
      if (!event) return null;
      const [placesTaken, position] = await Promise.all([
        countGoing(db, event.slug),
        registration.status === 'waiting' ? waitingPosition(db, registration) : null,
      ]);
      return {
        event,
        status: registration.status,
        position,
        placesTaken,
        full: event.capacity !== null && placesTaken >= event.capacity,
        started: !open(event, now),
      };
    }),
  );
  const found = entries.filter((entry): entry is MyEvent => entry !== null);
  const startOf = (entry: MyEvent) => Date.parse(entry.event.startsAt);
  return [
    ...found.filter((entry) => !entry.started).sort((a, b) => startOf(a) - startOf(b)),
    ...found.filter((entry) => entry.started).sort((a, b) => startOf(b) - startOf(a)),
  ];
}

/** Places taken and left on an event: nothing personal, so any page may show it. */
export async function placesOf(
  event: Pick<EventSummary, 'slug' | 'capacity'>,
  deps: Pick<EventsDeps, 'db'> = {},
): Promise<{ capacity: number | null; taken: number; left: number | null }> {
  const taken = await countGoing(deps.db ?? (await getDb()), event.slug);
  return {
    capacity: event.capacity,
    taken,
    left: event.capacity === null ? null : Math.max(0, event.capacity - taken),
  };
}
