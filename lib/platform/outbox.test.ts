// SMTP down loses no e-mail: a quote request's and an assistance request's mails are kept in the
// outbox and sent by the retry loop once SMTP is back; two loops never send one message twice.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { activeMember, taxReturnRequest } from '@/test/support/members';
import { insertUser, tempDatabase, type TempDatabase } from '@/test/support/temp-db';
import { notifyContactRequest } from '../contact/service';
import { insertContactRequest } from '../contact/store';
import { requestAssistance } from '../assistance/service';
import type { OutgoingMail } from './mail';
import { retryOutbox, sendThroughOutbox } from './outbox';

let temp: TempDatabase;
beforeAll(async () => {
  temp = await tempDatabase('outbox');
  vi.spyOn(console, 'error').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterAll(async () => temp?.dispose());

/** An SMTP server that can be down. */
function smtp() {
  const delivered: OutgoingMail[] = [];
  const state = { down: true };
  return {
    delivered,
    state,
    send: async (mail: OutgoingMail) => {
      if (state.down) throw new Error('connect ECONNREFUSED 127.0.0.1:25');
      delivered.push(mail);
    },
  };
}

const unsent = () =>
  temp.db.selectFrom('mail_outbox').selectAll().where('sent_at', 'is', null).execute();

describe('the mail outbox', () => {
  it('keeps a message SMTP refused and sends it on a later retry, once', async () => {
    const server = smtp();
    const now = new Date('2026-12-01T10:00:00Z');
    const result = await sendThroughOutbox(
      temp.db,
      'test:one',
      { to: 'a@example.test', subject: 'Hello', text: 'Hi', html: '<p>Hi</p>' },
      server.send,
      now,
    );
    expect(result).toEqual({ sent: false, error: 'connect ECONNREFUSED 127.0.0.1:25' });
    expect((await unsent()).map((row) => row.purpose)).toEqual(['test:one']);

    // Not due yet: nothing is tried.
    server.state.down = false;
    expect(await retryOutbox(temp.db, server.send, now)).toEqual({ sent: 0, failed: 0 });
    // Due: sent, and a second pass finds nothing more to send.
    const later = new Date(now.getTime() + 60 * 60_000);
    expect(await retryOutbox(temp.db, server.send, later)).toEqual({ sent: 1, failed: 0 });
    expect(await retryOutbox(temp.db, server.send, later)).toEqual({ sent: 0, failed: 0 });
    expect(server.delivered.map((mail) => mail.subject)).toEqual(['Hello']);
    expect(await unsent()).toEqual([]);
  });

  it('a kept message is retried with its headers and attachments', async () => {
    const server = smtp();
    const now = new Date('2026-12-02T10:00:00Z');
    const mail: OutgoingMail = {
      to: 'b@example.test',
      subject: 'Your event',
      text: 'See you there',
      html: '<p>See you there</p>',
      headers: { 'List-Unsubscribe': '<https://example.test/stop>' },
      attachments: [
        { filename: 'event.ics', contentType: 'text/calendar', content: 'BEGIN:VCALENDAR' },
      ],
    };
    expect((await sendThroughOutbox(temp.db, 'test:extras', mail, server.send, now)).sent).toBe(
      false,
    );
    server.state.down = false;
    const later = new Date(now.getTime() + 60 * 60_000);
    expect(await retryOutbox(temp.db, server.send, later)).toEqual({ sent: 1, failed: 0 });
    expect(server.delivered).toEqual([{ ...mail, to: ['b@example.test'] }]);
  });

  it('two retry loops at once (two instances) send each message once', async () => {
    const server = smtp();
    const now = new Date('2026-12-02T10:00:00Z');
    for (const n of [1, 2, 3]) {
      await sendThroughOutbox(
        temp.db,
        `test:race:${n}`,
        { to: 'b@example.test', subject: `Race ${n}`, text: 'x', html: 'x' },
        server.send,
        now,
      );
    }
    server.state.down = false;
    const later = new Date(now.getTime() + 60 * 60_000);
    await Promise.all([
      retryOutbox(temp.db, server.send, later),
      retryOutbox(temp.db, server.send, later),
    ]);
    expect(server.delivered.map((mail) => mail.subject).sort()).toEqual([
      'Race 1',
      'Race 2',
      'Race 3',
    ]);
  });
});

describe('SMTP down while a request is sent', () => {
  it('a quote request is stored and both its e-mails go out once SMTP is back', async () => {
    const server = smtp();
    const now = new Date();
    vi.stubEnv('STAFF_EMAILS', 'staff@sojoourn.test');
    const request = (await insertContactRequest(
      temp.db,
      {
        name: 'Ada',
        email: 'ada@example.test',
        phone: null,
        situation: 'in-france',
        nationality: 'other',
        stay: 'over-1-year',
        procedures: ['taxes'],
        message: 'Please call me back about my taxes.',
        language: 'en',
      } as never,
      { nonce: crypto.randomUUID(), now },
    ))!;
    await notifyContactRequest(temp.db, request, server.send);
    const row = await temp.db
      .selectFrom('contact_request')
      .selectAll()
      .where('id', '=', request.id)
      .executeTakeFirstOrThrow();
    expect(row.staff_notified).toBe(0);
    const kept = (await unsent()).filter((r) => r.purpose.endsWith(request.id));
    expect(kept.map((r) => r.purpose).sort()).toEqual([
      `contact:requester:${request.id}`,
      `contact:staff:${request.id}`,
    ]);

    server.state.down = false;
    await retryOutbox(temp.db, server.send, new Date(Date.now() + 60 * 60_000));
    expect(server.delivered.map((mail) => [mail.to].flat().join(',')).sort()).toEqual(
      ['ada@example.test', 'staff@sojoourn.test'].sort(),
    );
    vi.unstubAllEnvs();
  });

  it('an assistance request is stored, says its mail is delayed, and the mail follows', async () => {
    const server = smtp();
    const userId = await insertUser(temp.db, 'member@example.test');
    const now = new Date();
    const result = await requestAssistance(
      activeMember(userId, 'member@example.test', now),
      taxReturnRequest(),
      { db: temp.db, send: server.send, staffEmails: ['staff@sojoourn.test'], now },
    );
    expect(result).toMatchObject({ kind: 'stored', mailDelayed: true });
    server.state.down = false;
    await retryOutbox(temp.db, server.send, new Date(now.getTime() + 60 * 60_000));
    expect(server.delivered.map((mail) => [mail.to].flat().join(',')).sort()).toEqual([
      'member@example.test',
      'staff@sojoourn.test',
    ]);
  });
});
