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
import {
  markSessionSignedIn,
  readSession,
  RECENT_SIGN_IN_MS,
  type CurrentSession,
} from '../auth/recent-sign-in';
import { followAsViewer, followsOfViewer, requestFollow } from '../follow/service';
import type { OutgoingMail } from '../platform/mail';
import {
  confirmEmailChange,
  deleteAccount,
  exportAccountData,
  requestEmailChange,
  undoEmailChange,
  EMAIL_CHANGE_LIMIT,
  EMAIL_CHANGE_TTL_MS,
  EMAIL_CHANGE_UNDO_TTL_MS,
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

/** The time the next deps() will use. */
const upcoming = () => new Date(NOW.getTime() + (tick + 1) * 1000);

/** A session of `viewer` signed into `agoMs` before the next step (0: just now), as its cookie names it. */
async function sessionOf(
  viewer: { userId: string },
  agoMs = 0,
  at: Date = upcoming(),
): Promise<CurrentSession> {
  const token = `session-${crypto.randomUUID()}`;
  await temp.db
    .insertInto('Session')
    .values({
      sessionToken: token,
      userId: viewer.userId,
      expires: '2099-01-01T00:00:00.000Z',
      signedInAt: new Date(at.getTime() - agoMs).toISOString(),
    })
    .execute();
  return (await readSession(temp.db, token))!;
}

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

    const result = await deleteAccount(leaving, await sessionOf(leaving), deps());
    expect(result).toMatchObject({
      kind: 'deleted',
      cancelledSubscriptions: [`sub_of_${leaving.userId}`],
      // Its two older sessions and the one that asked.
      deleted: { sessions: 3, assistanceRequests: 1, quoteRequests: 1 },
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

  it('exports what they follow, and deleting the account erases their follows and requests', async () => {
    const viewer = await seedMember('follower@example.test');
    const followDeps = { ...deps(), isGuide: (slug: string) => slug === 'a-guide' };
    expect(await followAsViewer(viewer, 'a-guide', followDeps)).toBe('followed');
    expect(await followAsViewer(viewer, '*', followDeps)).toBe('followed');
    // A reader's request for the same address, not confirmed yet.
    await requestFollow({ email: 'Follower@example.test', guide: 'a-guide' }, 'c1', followDeps);
    const data = await exportAccountData(viewer, deps());
    expect(data?.follows.map((row) => row.guide)).toEqual(['all guides', 'a-guide']);
    await deleteAccount(viewer, await sessionOf(viewer), deps());
    expect(await followsOfViewer(viewer, deps())).toEqual([]);
    for (const table of ['follower', 'follow_pending', 'follow_confirmation'] as const) {
      expect(await temp.db.selectFrom(table).selectAll().execute()).toEqual([]);
    }
  });

  it('deletes nothing when the subscription cannot be cancelled', async () => {
    const viewer = await seedMember('stripe-down@example.test');
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    const result = await deleteAccount(viewer, await sessionOf(viewer), {
      ...deps(),
      cancelBilling: async () => {
        throw new Error('Stripe unreachable');
      },
    });
    quiet.mockRestore();
    expect(result).toEqual({ kind: 'billing-failed' });
    expect(await rowsAbout(viewer.userId, viewer.email)).toMatchObject({
      user: 1,
      sessions: 3,
      membership: 1,
      registrations: 1,
    });
    expect(await deleteAccount({ kind: 'reader' }, null, deps())).toEqual({ kind: 'refused' });
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
    const session = await sessionOf(viewer);
    const request = await requestEmailChange(viewer, session, ' New-Address@Example.test ', deps());
    expect(request.kind).toBe('sent');
    expect(sent.map((mail) => mail.to)).toEqual(['new-address@example.test']);
    const token = tokenFrom(sent[0]);
    const stillOld = await temp.db
      .selectFrom('User')
      .select('email')
      .where('id', '=', viewer.userId)
      .executeTakeFirstOrThrow();
    expect(stillOld.email).toBe('old-address@example.test');

    expect(await confirmEmailChange(other, await sessionOf(other), token, deps())).toEqual({
      kind: 'other-account',
    });
    expect(await confirmEmailChange(viewer, session, 'x'.repeat(43), deps())).toEqual({
      kind: 'invalid',
    });
    expect(await confirmEmailChange(viewer, session, token, deps())).toEqual({
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
    expect(await confirmEmailChange(viewer, session, token, deps())).toEqual({ kind: 'invalid' });
  });

  it('refuses its own address, another account’s, and an expired link', async () => {
    sent = [];
    const viewer = await person('keeper@example.test');
    const session = await sessionOf(viewer);
    await person('taken@example.test');
    expect(await requestEmailChange(viewer, session, 'KEEPER@example.test', deps())).toEqual({
      kind: 'same',
    });
    expect(await requestEmailChange(viewer, session, 'taken@example.test', deps())).toEqual({
      kind: 'taken',
    });
    expect(sent).toHaveLength(0);
    const asked = deps();
    await requestEmailChange(viewer, session, 'later@example.test', asked);
    const token = tokenFrom(sent[0]);
    const late = { ...deps(), now: new Date(asked.now.getTime() + EMAIL_CHANGE_TTL_MS + 1) };
    expect(await confirmEmailChange(viewer, session, token, late)).toEqual({ kind: 'expired' });
    expect(await requestEmailChange({ kind: 'reader' }, null, 'x@example.test', deps())).toEqual({
      kind: 'refused',
    });
  });
});

describe('a recent sign-in before changing the address or deleting the account', () => {
  const pendingChanges = async (userId: string) =>
    (
      await temp.db
        .selectFrom('email_change_token')
        .select('new_email')
        .where('user_id', '=', userId)
        .execute()
    ).length;

  it('refuses both to a session signed into more than 10 minutes ago, to none and to someone else’s: nothing sent, nothing deleted', async () => {
    cancelBilling.mockClear();
    const viewer = await seedMember('borrowed@example.test');
    const stranger = await person('stranger@example.test');
    // What seeding sent (the event registration's confirmation) is not what this test is about.
    sent = [];
    const stale = await sessionOf(viewer, RECENT_SIGN_IN_MS + 1000);
    // A session older than the sign-in record (seeded without it) is not recent either.
    const unrecorded = await readSession(temp.db, `s1-${viewer.userId}`);
    expect(unrecorded?.signedInAt).toBeNull();
    for (const session of [stale, unrecorded, null, await sessionOf(stranger)]) {
      expect(await requestEmailChange(viewer, session, 'thief@example.test', deps())).toEqual({
        kind: 'sign-in-again',
      });
      expect(await deleteAccount(viewer, session, deps())).toEqual({ kind: 'sign-in-again' });
    }
    expect(sent).toEqual([]);
    expect(await pendingChanges(viewer.userId)).toBe(0);
    expect(cancelBilling).not.toHaveBeenCalled();
    expect(await rowsAbout(viewer.userId, viewer.email)).toMatchObject({
      user: 1,
      membership: 1,
      assistance: 1,
      quotes: 1,
      registrations: 1,
    });
  });

  it('accepts a sign-in from the last 10 minutes, whatever proved it (a link, or later a code)', async () => {
    sent = [];
    const viewer = await person('recent@example.test');
    const recent = await sessionOf(viewer, RECENT_SIGN_IN_MS - 5000);
    expect(await requestEmailChange(viewer, recent, 'recent-new@example.test', deps())).toEqual(
      expect.objectContaining({ kind: 'sent' }),
    );
    // Another proof for the same session (a code typed on the site) makes it recent again.
    const stale = await sessionOf(viewer, RECENT_SIGN_IN_MS * 3);
    await markSessionSignedIn(temp.db, stale.token, upcoming());
    const proven = await readSession(temp.db, stale.token);
    expect(await requestEmailChange(viewer, proven, 'recent-newer@example.test', deps())).toEqual(
      expect.objectContaining({ kind: 'sent' }),
    );
    expect(sent.map((mail) => mail.to)).toEqual([
      'recent-new@example.test',
      'recent-newer@example.test',
    ]);
  });
});

describe('the limit on confirmation links', () => {
  it('sends 5 an hour and refuses the 6th until the last hour holds fewer than 5', async () => {
    sent = [];
    expect(EMAIL_CHANGE_LIMIT).toMatchObject({ limit: 5, windowMs: 3600_000 });
    const viewer = await person('asks-a-lot@example.test');
    // Times of the test's own, a few seconds into an hour, whatever the clock says today.
    const start = new Date('2026-12-02T15:00:05Z');
    const at = (ms: number) => ({ ...deps(), now: new Date(start.getTime() + ms) });
    const session = await sessionOf(viewer, 0, start);
    for (let i = 0; i < EMAIL_CHANGE_LIMIT.limit; i++) {
      const result = await requestEmailChange(viewer, session, `try-${i}@example.test`, at(i));
      expect(result.kind, `request ${i + 1}`).toBe('sent');
    }
    const refused = await requestEmailChange(viewer, session, 'try-6@example.test', at(10_000));
    expect(refused).toEqual({ kind: 'rate-limited', retryAfterSeconds: expect.any(Number) });
    if (refused.kind !== 'rate-limited') throw new Error('not refused');
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    // Rolling over the last hour: the wait is at most until this hour's tries have faded out.
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(2 * 3600);
    expect(sent).toHaveLength(EMAIL_CHANGE_LIMIT.limit);
    // When the refusal said (with a fresh sign-in), one more is sent: the limit rolls over the
    // last hour (lib/platform/rate-limit), it is not reset on the hour.
    const later = new Date(start.getTime() + 10_000 + refused.retryAfterSeconds * 1000);
    const again = await requestEmailChange(
      viewer,
      await sessionOf(viewer, 0, later),
      'try-7@example.test',
      { ...deps(), now: later },
    );
    expect(again.kind).toBe('sent');
    expect(sent.map((mail) => mail.to).at(-1)).toBe('try-7@example.test');
  });
});

describe('after a change of address', () => {
  const linkFrom = (mail: OutgoingMail | undefined, path: string) => {
    const token = mail?.text.match(new RegExp(`${path}\\?token=([A-Za-z0-9_%-]+)`))?.[1];
    if (!token) throw new Error(`no ${path} link in ${mail?.text}`);
    return decodeURIComponent(token);
  };
  const emailOf = async (userId: string) =>
    (
      await temp.db
        .selectFrom('User')
        .select('email')
        .where('id', '=', userId)
        .executeTakeFirstOrThrow()
    ).email;
  const sessionsOf = async (userId: string) =>
    (
      await temp.db
        .selectFrom('Session')
        .select('sessionToken')
        .where('userId', '=', userId)
        .execute()
    ).map((row) => row.sessionToken);
  const pendingLinks = async (identifier: string) =>
    (
      await temp.db
        .selectFrom('VerificationToken')
        .select('token')
        .where('identifier', '=', identifier)
        .execute()
    ).length;
  const pendingLink = (identifier: string) => ({
    identifier,
    token: crypto.randomUUID(),
    expires: '2099-01-01T00:00:00.000Z',
  });

  /** Moves `viewer` to `newEmail` through the two links; returns the undo token from the notice. */
  async function move(viewer: Extract<Viewer, { kind: 'user' }>, newEmail: string) {
    sent = [];
    const session = await sessionOf(viewer);
    await requestEmailChange(viewer, session, newEmail, deps());
    const confirmation = linkFrom(sent[0], '/account/email/confirm');
    expect(await confirmEmailChange(viewer, session, confirmation, deps())).toEqual({
      kind: 'changed',
      email: newEmail,
    });
    const notice = sent.find((mail) => mail.to === viewer.email);
    expect(notice?.subject).toBe('Your Sojoourn sign-in address was changed');
    return { session, undo: linkFrom(notice, '/account-restore') };
  }

  it('ends every other session, stops the old address’s pending links, and sends it an undo link stored only hashed', async () => {
    const viewer = await seedMember('moving@example.test');
    await temp.db
      .insertInto('VerificationToken')
      .values([pendingLink('moving@example.test'), pendingLink('bystander@example.test')])
      .execute();
    const { session, undo } = await move(viewer, 'moved@example.test');
    expect(await sessionsOf(viewer.userId)).toEqual([session.token]);
    expect(await pendingLinks('moving@example.test')).toBe(0);
    expect(await pendingLinks('bystander@example.test')).toBe(1);
    const stored = await temp.db
      .selectFrom('email_change_undo')
      .selectAll()
      .where('user_id', '=', viewer.userId)
      .execute();
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(undo);
    expect(stored[0]).toMatchObject({
      old_email: 'moving@example.test',
      new_email: 'moved@example.test',
    });
    const exported = await exportAccountData({ ...viewer, email: 'moved@example.test' }, deps());
    expect(exported?.profile.earlierEmails).toEqual([
      { email: 'moving@example.test', usedUntil: expect.any(String) },
    ]);
  });

  it('the undo link restores the old address and signs out everywhere, once', async () => {
    const viewer = await person('owner@example.test');
    const { undo } = await move(viewer, 'intruder@example.test');
    // Whoever moved it signs in elsewhere and asks for more links to their address.
    await sessionOf(viewer);
    await temp.db
      .insertInto('VerificationToken')
      .values(pendingLink('intruder@example.test'))
      .execute();
    expect(await undoEmailChange(undo, deps())).toEqual({
      kind: 'restored',
      email: 'owner@example.test',
    });
    expect(await emailOf(viewer.userId)).toBe('owner@example.test');
    expect(await sessionsOf(viewer.userId)).toEqual([]);
    expect(await pendingLinks('intruder@example.test')).toBe(0);
    expect(await undoEmailChange(undo, deps())).toEqual({ kind: 'invalid' });
    expect(await undoEmailChange('y'.repeat(43), deps())).toEqual({ kind: 'invalid' });
  });

  it('the undo link works for 7 days only', async () => {
    const viewer = await person('slow@example.test');
    const changedAt = upcoming();
    const { undo } = await move(viewer, 'slow-new@example.test');
    const late = {
      ...deps(),
      now: new Date(changedAt.getTime() + EMAIL_CHANGE_UNDO_TTL_MS + 60_000),
    };
    expect(await undoEmailChange(undo, late)).toEqual({ kind: 'expired' });
    expect(await emailOf(viewer.userId)).toBe('slow-new@example.test');
    const inTime = {
      ...deps(),
      now: new Date(changedAt.getTime() + EMAIL_CHANGE_UNDO_TTL_MS - 60_000),
    };
    expect(await undoEmailChange(undo, inTime)).toMatchObject({ kind: 'restored' });
  });

  it('deleting the account erases what was stored under the earlier address too', async () => {
    cancelBilling.mockClear();
    const viewer = await seedMember('earlier@example.test');
    const quote = await temp.db
      .selectFrom('contact_request')
      .select('id')
      .where('email', '=', 'EARLIER@EXAMPLE.TEST')
      .executeTakeFirstOrThrow();
    const assistance = await temp.db
      .selectFrom('assistance_request')
      .select('id')
      .where('user_id', '=', viewer.userId)
      .executeTakeFirstOrThrow();
    // Staff changed the status of both requests: the inbox's history of them.
    await temp.db
      .insertInto('request_event')
      .values(
        [
          ['quote', quote.id],
          ['assistance', assistance.id],
        ].map(([kind, id]) => ({
          id: crypto.randomUUID(),
          request_kind: kind!,
          request_id: id!,
          created_at: NOW.toISOString(),
          actor_email: 'staff@sojoourn.test',
          field: 'status',
          from_value: 'new',
          to_value: 'answered',
        })),
      )
      .execute();
    await move(viewer, 'later-address@example.test');
    const moved = { ...viewer, email: 'later-address@example.test' };
    expect((await exportAccountData(moved, deps()))?.quoteRequests).toHaveLength(1);
    const result = await deleteAccount(moved, await sessionOf(moved), deps());
    expect(result).toMatchObject({ kind: 'deleted', deleted: { quoteRequests: 1 } });
    expect(await rowsAbout(viewer.userId, 'earlier@example.test')).toMatchObject({
      user: 0,
      quotes: 0,
      outboxMail: 0,
    });
    for (const table of ['former_email', 'email_change_undo'] as const) {
      const left = await temp.db
        .selectFrom(table)
        .select('user_id')
        .where('user_id', '=', viewer.userId)
        .execute();
      expect(left, table).toEqual([]);
    }
    const history = await temp.db
      .selectFrom('request_event')
      .select('id')
      .where('request_id', 'in', [quote.id, assistance.id])
      .execute();
    expect(history).toEqual([]);
  });
});
