// Event registrations against a real database (SQLite; Postgres under scripts/test-postgres.sh):
// capacity, waiting list, promotion, access, and places taken by many connections at once.
import { sql, type Kysely } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { insertUser, tempDatabase, type TempDatabase } from '@/test/support/temp-db';
import type { MembershipState, Viewer } from '../access';
import { storeSubscription } from '../billing/membership-store';
import type { EventSummary } from '../content';
import { openDatabase } from '../db/connect';
import type { Database } from '../db/schema';
import type { OutgoingMail } from '../platform/mail';
import { pendingMail, retryOutbox } from '../platform/outbox';
import {
  cancelRegistration,
  myEvents,
  placesOf,
  registerForEvent,
  registrationView,
  withdrawFromAllEvents,
} from './service';
import { ATTENDEE_PAGE_SIZE, type AttendeeCursor } from './schema';
import { listAttendees } from './store';

const NOW = new Date('2026-12-01T10:00:00Z');
const member: MembershipState = {
  status: 'active',
  currentPeriodStart: new Date('2026-11-20T00:00:00Z'),
  currentPeriodEnd: new Date('2026-12-20T00:00:00Z'),
  cancelAtPeriodEnd: false,
  startedAt: new Date('2026-11-20T00:00:00Z'),
};

function event(
  slug: string,
  capacity: number | null,
  startsAt = '2027-02-11T19:00:00+01:00',
): EventSummary {
  return {
    slug,
    title: `Event ${slug}`,
    summary: 'An event for the tests.',
    startsAt,
    endsAt: '2027-02-11T21:00:00+01:00',
    timezone: 'Europe/Paris',
    city: 'Paris',
    capacity,
    access: 'members',
    example: false,
  };
}

const EVENTS = new Map<string, EventSummary>([
  ['small-meetup', event('small-meetup', 2)],
  ['open-webinar', event('open-webinar', null)],
  ['last-year', event('last-year', 10, '2025-01-01T10:00:00Z')],
  ['for-withdrawal', event('for-withdrawal', 1)],
]);

let temp: TempDatabase;
let sent: OutgoingMail[] = [];
let tick = 0;
/** Each call a second later: the waiting list is ordered by registration time. */
const deps = () => ({
  db: temp.db,
  now: new Date(NOW.getTime() + ++tick * 1000),
  findEvent: (slug: string) => EVENTS.get(slug) ?? null,
  send: async (mail: OutgoingMail) => void sent.push(mail),
});

/** The "a place opened up" e-mails among what was sent (registrations are confirmed too). */
const promotions = () => sent.filter((mail) => mail.subject.startsWith('A place opened up'));

/** Stores the membership as billing would (promotion reads it from the database). */
async function storeMembership(userId: string, membership: MembershipState) {
  await storeSubscription(
    temp.db,
    { userId, subscriptionId: `sub_${userId}`, customerId: `cus_${userId}`, ...membership },
    NOW,
  );
}

async function person(label: string, membership: MembershipState | null = member): Promise<Viewer> {
  const email = `${label}@example.test`;
  const userId = await insertUser(temp.db, email);
  if (membership) await storeMembership(userId, membership);
  return { kind: 'user', userId, email, isStaff: false, membership };
}

/** Other connections to the same database, as other instances of the app would hold. */
let others: Kysely<Database>[] = [];

beforeAll(async () => {
  temp = await tempDatabase('events');
  // SQLite: no busy_timeout on these connections, so a wait for the write lock goes through
  // lib/db/busy's asynchronous retries instead of blocking the one event loop they all share.
  others = [1, 2, 3].map(() => openDatabase(temp.url, { busyTimeoutMs: 0 }));
  // Postgres: open several pooled connections on each now, so the racing transactions below run
  // side by side instead of one per connection as the pools grow.
  await Promise.all(
    others.flatMap((db) => Array.from({ length: 7 }, () => sql`SELECT 1`.execute(db))),
  );
});
afterAll(async () => {
  await Promise.all(others.map((db) => db.destroy()));
  await temp.dispose();
});

/** One of the other connections, round robin. */
const connection = (i: number) => others[i % others.length]!;

describe('registering for an event', () => {
  it('gives places up to the capacity, then the waiting list; cancelling promotes the first waiting', async () => {
    sent = [];
    const [ana, ben, cy, dee] = await Promise.all(
      ['ana', 'ben', 'cy', 'dee'].map((label) => person(label)),
    );
    const statusOf = async (viewer: Viewer) => {
      const result = await registerForEvent(viewer, 'small-meetup', deps());
      return result.kind === 'placed' ? result.registration.status : result.kind;
    };
    expect(await statusOf(ana!)).toBe('going');
    expect(await statusOf(ben!)).toBe('going');
    expect(await statusOf(cy!)).toBe('waiting');
    expect(await statusOf(dee!)).toBe('waiting');
    // Registering twice changes nothing.
    expect(await statusOf(ana!)).toBe('going');
    expect(await statusOf(cy!)).toBe('waiting');

    const seenByDee = await registrationView(dee!, EVENTS.get('small-meetup')!, {
      db: temp.db,
      now: NOW,
    });
    expect(seenByDee).toMatchObject({ placesTaken: 2, capacity: 2, attendees: null });
    expect(seenByDee?.mine).toMatchObject({ status: 'waiting', position: 2 });

    expect(await cancelRegistration(ben!, 'small-meetup', deps())).toBe('cancelled');
    const attendees = await listAttendees(temp.db, 'small-meetup');
    expect(attendees.map((a) => [a.email, a.status])).toEqual([
      ['ana@example.test', 'going'],
      ['cy@example.test', 'going'],
      ['dee@example.test', 'waiting'],
    ]);
    expect(promotions().map((mail) => [mail.to, mail.subject])).toEqual([
      ['cy@example.test', 'A place opened up: Event small-meetup'],
    ]);
    expect(promotions()[0]?.text).toContain('/events/small-meetup');
    expect(promotions()[0]?.attachments?.[0]?.content).toContain('DTSTART:20270211T180000Z');

    // Someone on the waiting list leaving frees no place: nobody is promoted, nothing is sent.
    const sentBefore = sent.length;
    expect(await cancelRegistration(dee!, 'small-meetup', deps())).toBe('cancelled');
    expect(sent).toHaveLength(sentBefore);
    expect(await cancelRegistration(dee!, 'small-meetup', deps())).toBe('not-registered');
    expect(
      (await registrationView(dee!, EVENTS.get('small-meetup')!, { db: temp.db, now: NOW }))?.mine,
    ).toBeNull();
  });

  it('e-mails each new registration once: a place with its .ics, or the waiting list and the turn', async () => {
    EVENTS.set('confirmed', event('confirmed', 1));
    sent = [];
    const [placed, waiting] = [await person('confirm-placed'), await person('confirm-waiting')];
    await registerForEvent(placed, 'confirmed', deps());
    await registerForEvent(waiting, 'confirmed', deps());
    // Registering again is no new registration: no second e-mail.
    await registerForEvent(placed, 'confirmed', deps());
    await registerForEvent(waiting, 'confirmed', deps());
    expect(sent.map((mail) => [mail.to, mail.subject])).toEqual([
      ['confirm-placed@example.test', 'You are registered: Event confirmed'],
      ['confirm-waiting@example.test', 'You are on the waiting list: Event confirmed'],
    ]);
    const [place, turn] = sent;
    expect(place?.text).toContain('When: Thursday, 11 February 2027 at 19:00 CET – 21:00');
    expect(place?.text).toContain('Where: Paris');
    expect(place?.attachments?.map((file) => file.filename)).toEqual(['confirmed.ics']);
    expect(place?.attachments?.[0]?.content).toContain('SUMMARY:Event confirmed');
    expect(turn?.text).toContain('waiting list: number 1');
    expect(turn?.attachments ?? []).toEqual([]);
  });

  it('lists a person’s own registrations, upcoming first, with their turn and whether the event is full', async () => {
    EVENTS.set('mine-full', event('mine-full', 1, '2027-01-20T19:00:00+01:00'));
    EVENTS.set('mine-open', event('mine-open', 5, '2027-01-10T19:00:00+01:00'));
    EVENTS.set('mine-gone', event('mine-gone', 5));
    const [me, other] = [await person('mine-me'), await person('mine-other')];
    await registerForEvent(other, 'mine-full', deps());
    await registerForEvent(me, 'mine-full', deps());
    await registerForEvent(me, 'mine-open', deps());
    await registerForEvent(me, 'mine-gone', deps());
    EVENTS.delete('mine-gone'); // unpublished since: not listed
    const { db, findEvent } = deps();
    const list = await myEvents(me, { db, findEvent, now: NOW });
    expect(
      list.map((entry) => [entry.event.slug, entry.status, entry.position, entry.full]),
    ).toEqual([
      ['mine-open', 'going', null, false],
      ['mine-full', 'waiting', 1, true],
    ]);
    expect(list.every((entry) => !entry.started)).toBe(true);
    // Once the events have begun, they are listed as such (no cancelling), latest first.
    const later = await myEvents(me, { db, findEvent, now: new Date('2027-01-21T00:00:00Z') });
    expect(later.map((entry) => [entry.event.slug, entry.started])).toEqual([
      ['mine-full', true],
      ['mine-open', true],
    ]);
    // Only one's own: another person's list holds none of these; a reader's is empty.
    expect(
      (await myEvents(other, { db, findEvent, now: NOW })).map((entry) => entry.event.slug),
    ).toEqual(['mine-full']);
    expect(await myEvents({ kind: 'reader' }, { db, findEvent, now: NOW })).toEqual([]);
  });

  it('counts the places left, nothing more', async () => {
    expect(await placesOf(EVENTS.get('mine-full')!, { db: temp.db })).toEqual({
      capacity: 1,
      taken: 1,
      left: 0,
    });
    expect(await placesOf({ slug: 'nobody-yet', capacity: 4 }, { db: temp.db })).toEqual({
      capacity: 4,
      taken: 0,
      left: 4,
    });
    expect(await placesOf({ slug: 'nobody-yet', capacity: null }, { db: temp.db })).toEqual({
      capacity: null,
      taken: 0,
      left: null,
    });
  });

  it('has no limit without a capacity', async () => {
    for (const label of ['w1', 'w2', 'w3']) {
      const result = await registerForEvent(await person(label), 'open-webinar', deps());
      expect(result).toMatchObject({ kind: 'placed', registration: { status: 'going' } });
    }
  });

  it('refuses readers, non-members and members whose payment failed; past and unknown events', async () => {
    expect(await registerForEvent({ kind: 'reader' }, 'small-meetup', deps())).toEqual({
      kind: 'refused',
    });
    const outsider = await person('outsider', null);
    expect(await registerForEvent(outsider, 'small-meetup', deps())).toEqual({ kind: 'refused' });
    const lapsed = await person('lapsed', {
      ...member,
      status: 'past_due',
      currentPeriodStart: new Date('2026-11-30T00:00:00Z'),
    });
    expect(await registerForEvent(lapsed, 'small-meetup', deps())).toEqual({ kind: 'refused' });
    expect(
      await registrationView(outsider, EVENTS.get('small-meetup')!, { db: temp.db, now: NOW }),
    ).toBeNull();
    const ok = await person('ok');
    expect(await registerForEvent(ok, 'last-year', deps())).toEqual({ kind: 'past' });
    expect(await registerForEvent(ok, 'no-such-event', deps())).toEqual({ kind: 'not-found' });
    expect(await listAttendees(temp.db, 'last-year')).toEqual([]);
  });

  it('keeps the "place opened up" message for a retry when the mail server is down', async () => {
    const [first, second] = [await person('smtp-first'), await person('smtp-second')];
    const smtpDown = {
      ...deps(),
      findEvent: () => event('for-smtp', 1),
      send: async () => {
        throw new Error('SMTP down');
      },
    };
    await registerForEvent(first!, 'for-smtp', smtpDown);
    await registerForEvent(second!, 'for-smtp', smtpDown);
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await cancelRegistration(first!, 'for-smtp', smtpDown)).toBe('cancelled');
    quiet.mockRestore();
    expect(await pendingMail(temp.db, 'events:promoted:')).toEqual([
      expect.objectContaining({ attempts: 1, lastError: 'SMTP down' }),
    ]);
    // Both registrations' confirmations were kept for a retry too.
    expect(await pendingMail(temp.db, 'events:registered:')).toHaveLength(2);

    sent = [];
    const later = new Date(NOW.getTime() + 24 * 60 * 60_000);
    const send = async (mail: OutgoingMail) => void sent.push(mail);
    expect(await retryOutbox(temp.db, send, later)).toEqual({ sent: 3, failed: 0 });
    expect(promotions().map((mail) => [mail.to, mail.subject])).toEqual([
      [['smtp-second@example.test'], 'A place opened up: Event for-smtp'],
    ]);
    // The retried message is the one meant: its calendar file went with it.
    expect(promotions()[0]?.attachments?.[0]?.filename).toBe('for-smtp.ics');
    expect(await pendingMail(temp.db, 'events:promoted:')).toEqual([]);
    expect(await pendingMail(temp.db, 'events:registered:')).toEqual([]);
  });

  it('shows staff who comes', async () => {
    const staff: Viewer = { ...(await person('staffer', null)), isStaff: true } as Viewer;
    const view = await registrationView(staff, EVENTS.get('small-meetup')!, {
      db: temp.db,
      now: NOW,
    });
    expect(view?.attendees?.shown.map((a) => a.email)).toEqual([
      'ana@example.test',
      'cy@example.test',
    ]);
    expect(view?.attendees?.more).toBe(false);
  });

  it('shows staff the attendees a page at a time, oldest first, every one once', async () => {
    const crowd = event('crowded', null);
    const total = 2 * ATTENDEE_PAGE_SIZE + 7;
    // Registered directly (the service's per-person path is tested above): some at the same
    // second, so the page boundaries fall inside a run of equal times.
    const rows = [];
    for (let i = 0; i < total; i++) {
      const userId = await insertUser(temp.db, `crowd-${String(i).padStart(3, '0')}@example.test`);
      rows.push({
        id: crypto.randomUUID(),
        event_slug: 'crowded',
        user_id: userId,
        status: 'going',
        created_at: new Date(NOW.getTime() - (total - Math.floor(i / 3)) * 1000).toISOString(),
        updated_at: NOW.toISOString(),
      });
    }
    await temp.db.insertInto('event_registration').values(rows).execute();
    const staff: Viewer = { ...(await person('crowd-staff', null)), isStaff: true } as Viewer;
    const pages = [];
    let after: AttendeeCursor | undefined;
    for (;;) {
      const view = await registrationView(
        staff,
        crowd,
        { db: temp.db, now: NOW },
        { attendeesAfter: after },
      );
      const page = view!.attendees!;
      expect(page.shown.length).toBeLessThanOrEqual(ATTENDEE_PAGE_SIZE);
      pages.push(page.shown.map((attendee) => attendee.email));
      if (!page.more) break;
      const last = page.shown.at(-1)!;
      after = { createdAt: last.createdAt, id: last.id };
    }
    expect(pages.map((page) => page.length)).toEqual([ATTENDEE_PAGE_SIZE, ATTENDEE_PAGE_SIZE, 7]);
    // The same people in the same order as the whole list read at once (the old, unbounded way).
    const whole = await temp.db
      .selectFrom('event_registration')
      .innerJoin('User', 'User.id', 'event_registration.user_id')
      .select('User.email')
      .where('event_slug', '=', 'crowded')
      .orderBy('event_registration.created_at')
      .orderBy('event_registration.id')
      .execute();
    expect(pages.flat()).toEqual(whole.map((row) => row.email));
  });

  it('gives up every place of a leaving member, promoting the next person', async () => {
    sent = [];
    const leaving = await person('leaving');
    const next = await person('next-in-line');
    await registerForEvent(leaving, 'for-withdrawal', deps());
    await registerForEvent(next, 'for-withdrawal', deps());
    await registerForEvent(leaving, 'open-webinar', deps());
    if (leaving.kind !== 'user') throw new Error('unreachable');
    const { db, ...rest } = deps();
    expect(await withdrawFromAllEvents(db, leaving.userId, rest)).toBe(2);
    expect(
      (await listAttendees(temp.db, 'for-withdrawal')).map((a) => [a.email, a.status]),
    ).toEqual([['next-in-line@example.test', 'going']]);
    expect(promotions().map((mail) => mail.to)).toEqual(['next-in-line@example.test']);
  });
});

describe('places under concurrency', () => {
  // Waiting for another connection's SQLite write lock is expected here: no warning in the output.
  beforeEach(() => void vi.spyOn(console, 'warn').mockImplementation(() => {}));
  afterEach(() => vi.restoreAllMocks());
  const userIdOf = (viewer: Viewer) => (viewer.kind === 'user' ? viewer.userId : '');

  it('gives a 2-place event to exactly 2 of 20 members registering at once; 18 wait in order', async () => {
    EVENTS.set('race-for-two', event('race-for-two', 2));
    const people = await Promise.all(
      Array.from({ length: 20 }, (_, i) => person(`racer-${String(i).padStart(2, '0')}`)),
    );
    const results = await Promise.all(
      people.map((viewer, i) =>
        registerForEvent(viewer, 'race-for-two', { ...deps(), db: connection(i) }),
      ),
    );
    expect(results.every((result) => result.kind === 'placed')).toBe(true);
    const attendees = await listAttendees(temp.db, 'race-for-two');
    expect(new Set(attendees.map((a) => a.userId))).toEqual(new Set(people.map(userIdOf)));
    expect(attendees.filter((a) => a.status === 'going')).toHaveLength(2);
    const waiting = attendees.filter((a) => a.status === 'waiting');
    expect(waiting).toHaveLength(18);
    // Each waiting member sees their own place in the line: 1…18, in the order they registered.
    const positions = await Promise.all(
      waiting.map(async (registration) => {
        const viewer = people.find((p) => userIdOf(p) === registration.userId)!;
        const view = await registrationView(viewer, EVENTS.get('race-for-two')!, {
          db: temp.db,
          now: NOW,
        });
        return view?.mine?.position;
      }),
    );
    expect(positions).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    expect(waiting.map((a) => a.createdAt)).toEqual(waiting.map((a) => a.createdAt).sort());
    // What each registration answered agrees with what is stored.
    const answered = results.map((result) =>
      result.kind === 'placed' ? result.registration.status : result.kind,
    );
    expect(answered.filter((status) => status === 'going')).toHaveLength(2);
  });

  it('promotes two different people, each e-mailed once, when two cancel at once', async () => {
    EVENTS.set('two-leave', event('two-leave', 2));
    sent = [];
    const [ann, bob, cat, dan, eve] = await Promise.all(
      ['leave-ann', 'leave-bob', 'leave-cat', 'leave-dan', 'leave-eve'].map((label) =>
        person(label),
      ),
    );
    for (const viewer of [ann!, bob!, cat!, dan!, eve!])
      await registerForEvent(viewer, 'two-leave', deps());
    const outcomes = await Promise.all(
      [ann!, bob!].map((viewer, i) =>
        cancelRegistration(viewer, 'two-leave', { ...deps(), db: connection(i) }),
      ),
    );
    expect(outcomes).toEqual(['cancelled', 'cancelled']);
    expect((await listAttendees(temp.db, 'two-leave')).map((a) => [a.email, a.status])).toEqual([
      ['leave-cat@example.test', 'going'],
      ['leave-dan@example.test', 'going'],
      ['leave-eve@example.test', 'waiting'],
    ]);
    expect(
      promotions()
        .map((mail) => mail.to)
        .sort(),
    ).toEqual(['leave-cat@example.test', 'leave-dan@example.test']);
  });

  it('skips a waiting member whose membership lapsed: they keep waiting, the next member goes', async () => {
    EVENTS.set('lapse', event('lapse', 1));
    sent = [];
    const [going, lapsing, next] = await Promise.all(
      ['lapse-going', 'lapse-lapsing', 'lapse-next'].map((label) => person(label)),
    );
    for (const viewer of [going!, lapsing!, next!]) await registerForEvent(viewer, 'lapse', deps());
    // The renewal failed and the paid period is over: not a member any more.
    await storeMembership(userIdOf(lapsing!), {
      ...member,
      status: 'past_due',
      currentPeriodStart: new Date(NOW.getTime() - 60_000),
    });
    expect(await cancelRegistration(going!, 'lapse', deps())).toBe('cancelled');
    expect((await listAttendees(temp.db, 'lapse')).map((a) => [a.email, a.status])).toEqual([
      ['lapse-lapsing@example.test', 'waiting'],
      ['lapse-next@example.test', 'going'],
    ]);
    expect(promotions().map((mail) => mail.to)).toEqual(['lapse-next@example.test']);
  });

  it('gives places added to an event to the people already waiting, in order, before newcomers', async () => {
    EVENTS.set('grows', event('grows', 1));
    sent = [];
    const [first, second, third, newcomer, late] = await Promise.all(
      ['grow-1', 'grow-2', 'grow-3', 'grow-new', 'grow-late'].map((label) => person(label)),
    );
    for (const viewer of [first!, second!, third!]) await registerForEvent(viewer, 'grows', deps());
    // Staff raise the capacity to 3 in the frontmatter; a newcomer registers before anyone else.
    EVENTS.set('grows', event('grows', 3));
    expect(await registerForEvent(newcomer!, 'grows', deps())).toMatchObject({
      kind: 'placed',
      registration: { status: 'waiting' },
    });
    expect((await listAttendees(temp.db, 'grows')).map((a) => [a.email, a.status])).toEqual([
      ['grow-1@example.test', 'going'],
      ['grow-2@example.test', 'going'],
      ['grow-3@example.test', 'going'],
      ['grow-new@example.test', 'waiting'],
    ]);
    // The e-mails go out together (their order is not the places' order, checked above).
    expect(
      promotions()
        .map((mail) => mail.to)
        .sort(),
    ).toEqual(['grow-2@example.test', 'grow-3@example.test']);

    // Raised again with nobody registering: the next member to open the page finds it settled.
    EVENTS.set('grows', event('grows', 4));
    sent = [];
    const view = await registrationView(late!, EVENTS.get('grows')!, { ...deps() });
    expect(view).toMatchObject({ placesTaken: 4, capacity: 4, mine: null });
    expect((await listAttendees(temp.db, 'grows')).map((a) => a.status)).toEqual([
      'going',
      'going',
      'going',
      'going',
    ]);
    expect(promotions().map((mail) => mail.to)).toEqual(['grow-new@example.test']);
  });
});
