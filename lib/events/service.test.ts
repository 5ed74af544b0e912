// Event registrations against a real SQLite file: capacity, waiting list, promotion, access.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { insertUser, tempDatabase, type TempDatabase } from '@/test/support/temp-db';
import type { MembershipState, Viewer } from '../access';
import type { EventSummary } from '../content';
import type { OutgoingMail } from '../platform/mail';
import { pendingMail, retryOutbox } from '../platform/outbox';
import {
  cancelRegistration,
  registerForEvent,
  registrationView,
  withdrawFromAllEvents,
} from './service';
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

async function person(label: string, membership: MembershipState | null = member): Promise<Viewer> {
  const email = `${label}@example.test`;
  const userId = await insertUser(temp.db, email);
  return { kind: 'user', userId, email, isStaff: false, membership };
}

beforeAll(async () => {
  temp = await tempDatabase('events');
});
afterAll(async () => temp.dispose());

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

    const seenByDee = await registrationView(dee!, EVENTS.get('small-meetup')!, { db: temp.db });
    expect(seenByDee).toMatchObject({ placesTaken: 2, capacity: 2, attendees: null });
    expect(seenByDee?.mine).toMatchObject({ status: 'waiting', position: 2 });

    expect(await cancelRegistration(ben!, 'small-meetup', deps())).toBe('cancelled');
    const attendees = await listAttendees(temp.db, 'small-meetup');
    expect(attendees.map((a) => [a.email, a.status])).toEqual([
      ['ana@example.test', 'going'],
      ['cy@example.test', 'going'],
      ['dee@example.test', 'waiting'],
    ]);
    expect(sent.map((mail) => [mail.to, mail.subject])).toEqual([
      ['cy@example.test', 'A place opened up: Event small-meetup'],
    ]);
    expect(sent[0]?.text).toContain('/events/small-meetup');

    // Someone on the waiting list leaving frees no place: nobody is promoted.
    expect(await cancelRegistration(dee!, 'small-meetup', deps())).toBe('cancelled');
    expect(sent).toHaveLength(1);
    expect(await cancelRegistration(dee!, 'small-meetup', deps())).toBe('not-registered');
    expect(
      (await registrationView(dee!, EVENTS.get('small-meetup')!, { db: temp.db }))?.mine,
    ).toBeNull();
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
      await registrationView(outsider, EVENTS.get('small-meetup')!, { db: temp.db }),
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

    sent = [];
    const later = new Date(Date.now() + 60 * 60_000);
    const send = async (mail: OutgoingMail) => void sent.push(mail);
    expect(await retryOutbox(temp.db, send, later)).toEqual({ sent: 1, failed: 0 });
    expect(sent.map((mail) => [mail.to, mail.subject])).toEqual([
      [['smtp-second@example.test'], 'A place opened up: Event for-smtp'],
    ]);
    expect(await pendingMail(temp.db, 'events:promoted:')).toEqual([]);
  });

  it('shows staff who comes', async () => {
    const staff: Viewer = { ...(await person('staffer', null)), isStaff: true } as Viewer;
    const view = await registrationView(staff, EVENTS.get('small-meetup')!, { db: temp.db });
    expect(view?.attendees?.map((a) => a.email)).toEqual(['ana@example.test', 'cy@example.test']);
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
    expect(sent.map((mail) => mail.to)).toEqual(['next-in-line@example.test']);
  });
});
