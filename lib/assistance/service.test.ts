import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MembershipState, Viewer } from '../access';
import {
  assistanceInbox,
  assistanceRequestsOf,
  changeAssistanceStatus,
  requestAssistance,
} from './service';
import {
  insertAssistanceRequest,
  listAllAssistanceRequests,
  listUserAssistanceRequests,
  setAssistanceStatus,
} from './store';
import { assistanceRequestInput, type AssistanceRequestInput } from './schema';
import { tempDatabase, type TempDatabase } from '@/test/support/temp-db';
import type { Database } from '../db/schema';
import { log } from '../platform/log';
import type { OutgoingMail } from '../platform/mail';
import { pendingMail, retryOutbox } from '../platform/outbox';

let temp: TempDatabase;
let db: Kysely<Database>;
let userCount = 0;

beforeAll(async () => {
  temp = await tempDatabase('assistance');
  db = temp.db;
});

afterAll(async () => {
  await temp.dispose();
});

async function createUser(email = `person-${++userCount}@example.test`): Promise<string> {
  const id = crypto.randomUUID();
  await db
    .insertInto('User')
    .values({ id, email, name: null, emailVerified: null, image: null })
    .execute();
  return id;
}

const activeMembership: MembershipState = {
  status: 'active',
  currentPeriodStart: new Date(Date.now() - 10 * 24 * 3600_000),
  currentPeriodEnd: new Date(Date.now() + 20 * 24 * 3600_000),
  cancelAtPeriodEnd: false,
  startedAt: new Date(Date.now() - 10 * 24 * 3600_000),
};

function viewerFor(
  userId: string,
  email: string,
  { membership = activeMembership as MembershipState | null, staff = false } = {},
): Viewer {
  return { kind: 'user', userId, email, isStaff: staff, membership };
}

const input = (overrides: Partial<Record<string, string>> = {}): AssistanceRequestInput =>
  assistanceRequestInput.parse({
    topic: 'residence-permit',
    description: 'My titre de séjour expires in March and the prefecture has no appointments.',
    contactMethod: 'email',
    phone: '',
    language: 'fr',
    ...overrides,
  });

describe('assistance store', () => {
  it('stores a request as new and lists it for its member only, newest first', async () => {
    const alice = await createUser();
    const bob = await createUser();
    const first = await insertAssistanceRequest(
      db,
      alice,
      input(),
      new Date('2026-11-01T10:00:00Z'),
    );
    const second = await insertAssistanceRequest(
      db,
      alice,
      input({ topic: 'taxes', contactMethod: 'phone', phone: '+33 6 12 34 56 78' }),
      new Date('2026-11-02T10:00:00Z'),
    );
    await insertAssistanceRequest(db, bob, input({ topic: 'banking' }));

    expect(first.status).toBe('new');
    expect(first.id).toMatch(/^[0-9a-f-]{36}$/);
    const mine = await listUserAssistanceRequests(db, alice);
    expect(mine.map((r) => r.id)).toEqual([second.id, first.id]);
    expect(mine[0]).toMatchObject({
      userId: alice,
      topic: 'taxes',
      contactMethod: 'phone',
      phone: '+33 6 12 34 56 78',
      language: 'fr',
      status: 'new',
      createdAt: '2026-11-02T10:00:00.000Z',
    });
    expect(mine[1]?.phone).toBeNull();
    expect((await listUserAssistanceRequests(db, bob)).map((r) => r.topic)).toEqual(['banking']);
  });

  it('lists every request with the member e-mail for the inbox, newest first', async () => {
    const carol = await createUser('carol@example.test');
    const latest = await insertAssistanceRequest(
      db,
      carol,
      input(),
      new Date('2030-01-01T00:00:00Z'),
    );
    const inbox = await listAllAssistanceRequests(db);
    expect(inbox[0]).toMatchObject({ id: latest.id, memberEmail: 'carol@example.test' });
    const times = inbox.map((r) => r.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('updates a status and its updated_at; unknown ids change nothing', async () => {
    const dan = await createUser();
    const request = await insertAssistanceRequest(
      db,
      dan,
      input(),
      new Date('2026-11-01T00:00:00Z'),
    );
    expect(
      await setAssistanceStatus(db, request.id, 'in_progress', new Date('2026-11-03T00:00:00Z')),
    ).toBe(true);
    const [stored] = await listUserAssistanceRequests(db, dan);
    expect(stored).toMatchObject({ status: 'in_progress', updatedAt: '2026-11-03T00:00:00.000Z' });
    expect(await setAssistanceStatus(db, crypto.randomUUID(), 'closed')).toBe(false);
  });

  it('deletes a member’s requests with the member (on delete cascade)', async () => {
    const erin = await createUser();
    await insertAssistanceRequest(db, erin, input());
    await db.deleteFrom('User').where('id', '=', erin).execute();
    expect(
      await db.selectFrom('assistance_request').select('id').where('user_id', '=', erin).execute(),
    ).toEqual([]);
  });
});

describe('requestAssistance (who may ask, what is sent)', () => {
  function mailbox() {
    const sent: OutgoingMail[] = [];
    return { sent, send: async (mail: OutgoingMail) => void sent.push(mail) };
  }

  it('stores a member’s request and e-mails staff (escaped) and the member', async () => {
    const email = 'frank@example.test';
    const frank = await createUser(email);
    const { sent, send } = mailbox();
    const lines = vi.spyOn(log, 'info');
    const result = await requestAssistance(
      viewerFor(frank, email),
      input({ description: 'Help <script>alert("x")</script> & thanks, from Frank.' }),
      { db, send, staffEmails: ['staff@sojoourn.test'] },
    );
    expect(result.kind).toBe('stored');
    const [stored] = await listUserAssistanceRequests(db, frank);
    expect(stored).toBeDefined();
    // One log line says what was stored, without the person's address or message.
    expect(lines).toHaveBeenCalledWith(
      { event: 'assistance.stored', id: stored!.id, topic: stored!.topic },
      'assistance request stored',
    );
    expect(JSON.stringify(lines.mock.calls)).not.toMatch(/frank@|Help </);
    lines.mockRestore();

    const staffMail = sent.find((mail) => [mail.to].flat().includes('staff@sojoourn.test'));
    expect(staffMail?.subject).toBe('New assistance request: Residence permit');
    expect(staffMail?.replyTo).toBe(email);
    expect(staffMail?.text).toContain('Help <script>alert("x")</script> & thanks');
    expect(staffMail?.text).toContain('Language: French');
    expect(staffMail?.html).not.toContain('<script>');
    expect(staffMail?.html).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; thanks',
    );

    const confirmation = sent.find((mail) => mail.to === email);
    expect(confirmation?.subject).toBe('We received your assistance request');
    expect(confirmation?.text).toContain('by e-mail at this address, in French');
    expect(confirmation?.html).not.toContain('<script>');
  });

  it('refuses a signed-in non-member, a lapsed member and a reader: nothing stored or sent', async () => {
    const gina = await createUser();
    const lapsed: MembershipState = {
      ...activeMembership,
      status: 'past_due',
      currentPeriodStart: new Date(Date.now() - 3600_000),
    };
    for (const viewer of [
      viewerFor(gina, 'gina@example.test', { membership: null }),
      viewerFor(gina, 'gina@example.test', { membership: lapsed }),
      viewerFor(gina, 'gina@example.test', {
        membership: { ...activeMembership, status: 'canceled' },
      }),
      { kind: 'reader' } as const,
    ]) {
      const { sent, send } = mailbox();
      expect(
        (await requestAssistance(viewer, input(), { db, send, staffEmails: ['s@x.test'] })).kind,
      ).toBe('refused');
      expect(sent).toEqual([]);
    }
    expect(await listUserAssistanceRequests(db, gina)).toEqual([]);
  });

  it('lets staff use it without a membership', async () => {
    const staff = await createUser('staff-user@sojoourn.test');
    const { send } = mailbox();
    const result = await requestAssistance(
      viewerFor(staff, 'staff-user@sojoourn.test', { membership: null, staff: true }),
      input(),
      { db, send, staffEmails: ['s@x.test'] },
    );
    expect(result.kind).toBe('stored');
  });

  it('keeps the request when an e-mail fails', async () => {
    const hana = await createUser('hana@example.test');
    const result = await requestAssistance(viewerFor(hana, 'hana@example.test'), input(), {
      db,
      send: async () => {
        throw new Error('SMTP down');
      },
      staffEmails: ['staff@sojoourn.test'],
    });
    expect(result.kind).toBe('stored');
    expect(await listUserAssistanceRequests(db, hana)).toHaveLength(1);
  });

  it('limits a member to 10 requests an hour', async () => {
    const ivan = await createUser('ivan@example.test');
    const { send } = mailbox();
    const now = new Date('2031-05-05T10:00:00Z');
    const viewer = viewerFor(ivan, 'ivan@example.test', {
      membership: { ...activeMembership, currentPeriodEnd: new Date('2031-06-01T00:00:00Z') },
    });
    for (let i = 0; i < 10; i++) {
      expect(
        (await requestAssistance(viewer, input(), { db, send, now, staffEmails: ['s@x.test'] }))
          .kind,
      ).toBe('stored');
    }
    const limited = await requestAssistance(viewer, input(), {
      db,
      send,
      now,
      staffEmails: ['s@x.test'],
    });
    expect(limited.kind).toBe('rate-limited');
    expect(await listUserAssistanceRequests(db, ivan)).toHaveLength(10);
  });
});

describe('viewer-level reads and status changes', () => {
  it('shows a viewer their own requests only; readers none', async () => {
    const jo = await createUser('jo@example.test');
    await insertAssistanceRequest(db, jo, input());
    const own = await assistanceRequestsOf(viewerFor(jo, 'jo@example.test', { membership: null }), {
      db,
    });
    expect(own.every((r) => r.userId === jo)).toBe(true);
    expect(own).toHaveLength(1);
    expect(await assistanceRequestsOf({ kind: 'reader' }, { db })).toEqual([]);
  });

  it('opens the inbox and status changes to staff only', async () => {
    const kim = await createUser('kim@example.test');
    const request = await insertAssistanceRequest(db, kim, input());
    const member = viewerFor(kim, 'kim@example.test');
    const staff = viewerFor(kim, 'kim@example.test', { staff: true, membership: null });

    expect(await assistanceInbox(member, { db })).toBeNull();
    expect(await assistanceInbox({ kind: 'reader' }, { db })).toBeNull();
    expect((await assistanceInbox(staff, { db }))?.some((r) => r.id === request.id)).toBe(true);

    expect(await changeAssistanceStatus(member, { id: request.id, status: 'closed' }, { db })).toBe(
      'refused',
    );
    expect((await listUserAssistanceRequests(db, kim))[0]?.status).toBe('new');
    expect(
      await changeAssistanceStatus(staff, { id: request.id, status: 'answered' }, { db }),
    ).toBe('updated');
    expect((await listUserAssistanceRequests(db, kim))[0]?.status).toBe('answered');
    expect(
      await changeAssistanceStatus(staff, { id: crypto.randomUUID(), status: 'answered' }, { db }),
    ).toBe('not-found');
  });

  it('e-mails the member when staff change the status, and only when it really changes', async () => {
    const lou = await createUser('lou@example.test');
    const request = await insertAssistanceRequest(db, lou, input());
    const staff = viewerFor(crypto.randomUUID(), 'staff@example.test', {
      staff: true,
      membership: null,
    });
    const sent: OutgoingMail[] = [];
    const send = async (mail: OutgoingMail) => void sent.push(mail);

    await changeAssistanceStatus(staff, { id: request.id, status: 'in_progress' }, { db, send });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.to).toBe('lou@example.test');
    expect(sent[0]?.subject).toBe('Your assistance request is now: In progress');
    expect(sent[0]?.text).toContain('Residence permit');
    expect(sent[0]?.text).toContain('/account#assistance-requests');

    // The same status again: nothing new to tell.
    await changeAssistanceStatus(staff, { id: request.id, status: 'in_progress' }, { db, send });
    expect(sent).toHaveLength(1);

    // A failing mail server does not undo the change.
    const failing = async () => {
      throw new Error('SMTP down');
    };
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(
      await changeAssistanceStatus(
        staff,
        { id: request.id, status: 'answered' },
        { db, send: failing },
      ),
    ).toBe('updated');
    quiet.mockRestore();
    expect((await listUserAssistanceRequests(db, lou))[0]?.status).toBe('answered');
    // …and the member still hears of it: the message waits in the outbox and goes on a retry.
    expect(await pendingMail(db, `assistance:status:${request.id}`)).toEqual([
      expect.objectContaining({ attempts: 1, lastError: 'SMTP down' }),
    ]);
    const retried: OutgoingMail[] = [];
    const later = new Date(Date.now() + 60 * 60_000);
    await retryOutbox(db, async (mail) => void retried.push(mail), later);
    expect(
      retried
        .filter((mail) => mail.subject.startsWith('Your assistance request is now'))
        .map((mail) => [mail.to, mail.subject]),
    ).toEqual([[['lou@example.test'], 'Your assistance request is now: Answered']]);
    expect(await pendingMail(db, `assistance:status:${request.id}`)).toEqual([]);

    // Another member's change is never e-mailed to this one.
    const member = viewerFor(lou, 'lou@example.test');
    await changeAssistanceStatus(member, { id: request.id, status: 'closed' }, { db, send });
    expect(sent).toHaveLength(1);
  });
});
