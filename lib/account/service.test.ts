// A member's data against a real SQLite file: the export holds all of it, deletion removes all of
// it (after the subscription is cancelled), and an address changes only through its link.
import type { Insertable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { insertUser, tempDatabase, type TempDatabase } from '@/test/support/temp-db';
import type { MembershipState, Viewer } from '../access';
import { assistanceRequestInput } from '../assistance/schema';
import { insertAssistanceRequest } from '../assistance/store';
import type { EventSummary } from '../content';
import type { Database } from '../db/schema';
import { registerForEvent } from '../events/service';
import type { OutgoingMail } from '../platform/mail';
import {
  confirmEmailChange,
  deleteAccount,
  exportAccountData,
  requestEmailChange,
  EMAIL_CHANGE_TTL_MS,
} from './service';

const NOW = new Date('2026-12-01T10:00:00Z');
const active: MembershipState = {
  status: 'active',
  currentPeriodStart: new Date('2026-11-20T00:00:00Z'),
  currentPeriodEnd: new Date('2026-12-20T00:00:00Z'),
  cancelAtPeriodEnd: false,
  startedAt: new Date('2026-11-20T00:00:00Z'),
};
const MEETUP: EventSummary = {
  slug: 'tiny-meetup',
  title: 'Tiny meetup',
  summary: 'An event for the tests.',
  startsAt: '2027-02-11T19:00:00+01:00',
  endsAt: '2027-02-11T21:00:00+01:00',
  timezone: 'Europe/Paris',
  city: 'Paris',
  capacity: 1,
  access: 'members',
  example: false,
};

const WORKSHOP: EventSummary = { ...MEETUP, slug: 'tiny-workshop', title: 'Tiny workshop' };

let temp: TempDatabase;
let tick = 0;
let sent: OutgoingMail[] = [];
const cancelBilling = vi.fn(async (userId: string) => [`sub_of_${userId}`]);
const deps = () => ({
  db: temp.db,
  now: new Date(NOW.getTime() + ++tick * 1000),
  send: async (mail: OutgoingMail) => void sent.push(mail),
  findEvent: (slug: string) =>
    slug === MEETUP.slug ? MEETUP : slug === WORKSHOP.slug ? WORKSHOP : null,
  cancelBilling,
  updateBillingEmail: async () => {},
});

async function person(email: string): Promise<Extract<Viewer, { kind: 'user' }>> {
  const userId = await insertUser(temp.db, email);
  return { kind: 'user', userId, email, isStaff: false, membership: active };
}

async function seedMember(email: string) {
  const viewer = await person(email);
  const db = temp.db;
  const now = NOW.toISOString();
  await db
    .insertInto('stripe_customer')
    .values({ user_id: viewer.userId, customer_id: `cus_${viewer.userId}`, created_at: now })
    .execute();
  await db
    .insertInto('membership')
    .values({
      user_id: viewer.userId,
      subscription_id: `sub_${viewer.userId}`,
      customer_id: `cus_${viewer.userId}`,
      status: 'active',
      current_period_start: '2026-11-20T00:00:00.000Z',
      current_period_end: '2026-12-20T00:00:00.000Z',
      cancel_at_period_end: 0,
      started_at: '2026-11-20T00:00:00.000Z',
      updated_at: now,
      stripe_seen_at: now,
    })
    .execute();
  await db
    .insertInto('Session')
    .values([
      {
        sessionToken: `s1-${viewer.userId}`,
        userId: viewer.userId,
        expires: '2027-01-01T00:00:00Z',
      },
      {
        sessionToken: `s2-${viewer.userId}`,
        userId: viewer.userId,
        expires: '2027-01-01T00:00:00Z',
      },
    ])
    .execute();
  const assistance = await insertAssistanceRequest(
    db,
    viewer.userId,
    assistanceRequestInput.parse({
      topic: 'taxes',
      description: `How do I declare my first French tax return? (${email})`,
      contactMethod: 'email',
      phone: '',
      language: 'en',
    }),
  );
  const quote: Insertable<Database['contact_request']> = {
    id: crypto.randomUUID(),
    created_at: now,
    name: 'Sam Quote',
    // Typed with capitals on the contact form: still theirs.
    email: email.toUpperCase(),
    phone: null,
    situation: 'employee',
    nationality: 'uk',
    stay_length: 'over-3-months',
    procedures: '["carte-vitale"]',
    message: `Quote for ${email}`,
    language: 'en',
    consented_at: now,
    form_nonce: crypto.randomUUID(),
    staff_notified: 1,
    staff_notify_error: null,
    requester_notified: 1,
  };
  await db.insertInto('contact_request').values(quote).execute();
  // The requests' e-mails as the outbox keeps them (each holds the request's text).
  await db
    .insertInto('mail_outbox')
    .values(
      [
        [`assistance:staff:${assistance.id}`, 'staff@sojoourn.test'],
        [`contact:requester:${quote.id}`, email],
        [`assistance:status:${assistance.id}:answered`, email],
        // Addressed to them alone, whatever it is about.
        [`events:promoted:${crypto.randomUUID()}`, email],
      ].map(([purpose, to]) => ({
        id: crypto.randomUUID(),
        created_at: now,
        purpose: purpose!,
        recipients: JSON.stringify([to]),
        subject: 'Your request',
        text_body: `About ${email}`,
        html_body: `<p>About ${email}</p>`,
        next_attempt_at: now,
        sent_at: now,
      })),
    )
    .execute();
  await registerForEvent(viewer, MEETUP.slug, deps());
  return viewer;
}

async function rowsAbout(userId: string, email: string) {
  const db = temp.db;
  const count = async (table: keyof Database, column: string, value: string) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where(column as never, '=', value as never)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    user: await count('User', 'id', userId),
    sessions: await count('Session', 'userId', userId),
    membership: await count('membership', 'user_id', userId),
    customer: await count('stripe_customer', 'user_id', userId),
    assistance: await count('assistance_request', 'user_id', userId),
    quotes: await count('contact_request', 'email', email.toUpperCase()),
    registrations: await count('event_registration', 'user_id', userId),
    emailTokens: await count('email_change_token', 'user_id', userId),
    outboxMail: Number(
      (
        await db
          .selectFrom('mail_outbox')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('text_body', '=', `About ${email}`)
          .executeTakeFirstOrThrow()
      ).n,
    ),
  };
}

beforeAll(async () => {
  temp = await tempDatabase('account');
});
afterAll(async () => temp.dispose());

describe('downloading your data', () => {
  it('holds the profile, membership, assistance and quote requests and registrations — and nobody else’s', async () => {
    const viewer = await seedMember('export-me@example.test');
    await seedMember('someone-else@example.test');
    const data = await exportAccountData(viewer, deps());
    expect(data?.profile).toMatchObject({ id: viewer.userId, email: 'export-me@example.test' });
    expect(data?.membership).toMatchObject({
      status: 'active',
      stripeSubscriptionId: `sub_${viewer.userId}`,
      cancelAtPeriodEnd: false,
    });
    expect(data?.assistanceRequests).toHaveLength(1);
    expect(data?.assistanceRequests[0]?.description).toContain('export-me@example.test');
    expect(data?.quoteRequests).toHaveLength(1);
    expect(data?.quoteRequests[0]).toMatchObject({
      message: 'Quote for export-me@example.test',
      procedures: ['carte-vitale'],
    });
    expect(data?.eventRegistrations).toEqual([
      expect.objectContaining({ event: 'tiny-meetup', eventTitle: 'Tiny meetup', status: 'going' }),
    ]);
    expect(data?.activeSessions).toBe(2);
    // Secrets are not data about the person: no session token in the file.
    expect(JSON.stringify(data)).not.toContain(`s1-${viewer.userId}`);
    expect(JSON.stringify(data)).not.toContain('someone-else');
    expect(await exportAccountData({ kind: 'reader' }, deps())).toBeNull();
  });
});

describe('deleting your account', () => {
  it('cancels the subscription first, then deletes every row and gives the event place away', async () => {
    sent = [];
    cancelBilling.mockClear();
    const leaving = await seedMember('leaving@example.test');
    // A member (promotion reads the stored membership), with their own data and a place to keep.
    const waiting = await seedMember('waiting@example.test');
    await registerForEvent(leaving, WORKSHOP.slug, deps());
    expect(await registerForEvent(waiting, WORKSHOP.slug, deps())).toMatchObject({
      registration: { status: 'waiting' },
    });
    const keep = await seedMember('staying@example.test');
    const before = await rowsAbout(leaving.userId, leaving.email);
    expect(before).toMatchObject({
      user: 1,
      sessions: 2,
      membership: 1,
      assistance: 1,
      quotes: 1,
      outboxMail: 4,
    });

    const result = await deleteAccount(leaving, deps());
    expect(result).toMatchObject({
      kind: 'deleted',
      cancelledSubscriptions: [`sub_of_${leaving.userId}`],
      deleted: { sessions: 2, assistanceRequests: 1, quoteRequests: 1 },
    });
    expect(cancelBilling).toHaveBeenCalledWith(leaving.userId);
    expect(await rowsAbout(leaving.userId, leaving.email)).toEqual({
      user: 0,
      sessions: 0,
      membership: 0,
      customer: 0,
      assistance: 0,
      quotes: 0,
      registrations: 0,
      emailTokens: 0,
      outboxMail: 0,
    });
    // Someone else's data is untouched.
    expect(await rowsAbout(keep.userId, keep.email)).toMatchObject({
      user: 1,
      sessions: 2,
      assistance: 1,
      quotes: 1,
      outboxMail: 4,
    });
    // The workshop's one place went to the member who was waiting, who is told.
    const place = await temp.db
      .selectFrom('event_registration')
      .select('status')
      .where('user_id', '=', waiting.userId)
      .where('event_slug', '=', WORKSHOP.slug)
      .executeTakeFirstOrThrow();
    expect(place.status).toBe('going');
    const subjects = sent.map((mail) => [mail.to, mail.subject]);
    expect(subjects).toContainEqual(['waiting@example.test', 'A place opened up: Tiny workshop']);
    expect(subjects).toContainEqual(['leaving@example.test', 'Your Sojoourn account is deleted']);
  });

  it('deletes nothing when the subscription cannot be cancelled', async () => {
    const viewer = await seedMember('stripe-down@example.test');
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    const result = await deleteAccount(viewer, {
      ...deps(),
      cancelBilling: async () => {
        throw new Error('Stripe unreachable');
      },
    });
    quiet.mockRestore();
    expect(result).toEqual({ kind: 'billing-failed' });
    expect(await rowsAbout(viewer.userId, viewer.email)).toMatchObject({
      user: 1,
      sessions: 2,
      membership: 1,
      registrations: 1,
    });
    expect(await deleteAccount({ kind: 'reader' }, deps())).toEqual({ kind: 'refused' });
  });
});

describe('changing the sign-in address', () => {
  const tokenFrom = (mail: OutgoingMail | undefined) => {
    const token = mail?.text.match(/token=([A-Za-z0-9_-]{43})/)?.[1];
    if (!token) throw new Error(`no token in ${mail?.text}`);
    return decodeURIComponent(token);
  };

  it('changes only once the link sent to the new address is used, by the same account', async () => {
    sent = [];
    const viewer = await person('old-address@example.test');
    const other = await person('other-account@example.test');
    const request = await requestEmailChange(viewer, ' New-Address@Example.test ', deps());
    expect(request.kind).toBe('sent');
    expect(sent.map((mail) => mail.to)).toEqual(['new-address@example.test']);
    const token = tokenFrom(sent[0]);
    const stillOld = await temp.db
      .selectFrom('User')
      .select('email')
      .where('id', '=', viewer.userId)
      .executeTakeFirstOrThrow();
    expect(stillOld.email).toBe('old-address@example.test');

    expect(await confirmEmailChange(other, token, deps())).toEqual({ kind: 'other-account' });
    expect(await confirmEmailChange(viewer, 'x'.repeat(43), deps())).toEqual({ kind: 'invalid' });
    expect(await confirmEmailChange(viewer, token, deps())).toEqual({
      kind: 'changed',
      email: 'new-address@example.test',
    });
    const now = await temp.db
      .selectFrom('User')
      .select('email')
      .where('id', '=', viewer.userId)
      .executeTakeFirstOrThrow();
    expect(now.email).toBe('new-address@example.test');
    // The old address is told; the link works once.
    expect(sent.map((mail) => [mail.to, mail.subject])).toContainEqual([
      'old-address@example.test',
      'Your Sojoourn sign-in address was changed',
    ]);
    expect(await confirmEmailChange(viewer, token, deps())).toEqual({ kind: 'invalid' });
  });

  it('refuses its own address, another account’s, and an expired link', async () => {
    sent = [];
    const viewer = await person('keeper@example.test');
    await person('taken@example.test');
    expect(await requestEmailChange(viewer, 'KEEPER@example.test', deps())).toEqual({
      kind: 'same',
    });
    expect(await requestEmailChange(viewer, 'taken@example.test', deps())).toEqual({
      kind: 'taken',
    });
    expect(sent).toHaveLength(0);
    const asked = deps();
    await requestEmailChange(viewer, 'later@example.test', asked);
    const token = tokenFrom(sent[0]);
    const late = { ...deps(), now: new Date(asked.now.getTime() + EMAIL_CHANGE_TTL_MS + 1) };
    expect(await confirmEmailChange(viewer, token, late)).toEqual({ kind: 'expired' });
    expect(await requestEmailChange({ kind: 'reader' }, 'x@example.test', deps())).toEqual({
      kind: 'refused',
    });
  });
});
