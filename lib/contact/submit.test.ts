import type { Kysely } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { contactInbox, notifyContactRequest } from './service';
import { contactSettings } from '../platform/env';
import { handleContactSubmission } from './submit';
import { READER, type Viewer } from '../access';
import { issueFormToken } from './token';
import { tempDatabase, type TempDatabase } from '@/test/support/temp-db';
import type { Database } from '../db/schema';
import { log } from '../platform/log';
import type { OutgoingMail } from '../platform/mail';
import { retryOutbox } from '../platform/outbox';
import type { StoredContactRequest } from './store';

const SECRET = 'contact-test-secret';
const NOW = new Date('2026-11-26T12:00:00Z');
const settings = { ...contactSettings({}), limitPerIp: 3 };

let temp: TempDatabase;
let db: Kysely<Database>;
let ipCounter = 0;
const freshIp = () => `198.51.100.${++ipCounter}`;

beforeAll(async () => {
  temp = await tempDatabase('contact');
  db = temp.db;
});

afterAll(async () => {
  await temp.dispose();
});

beforeEach(() => {
  process.env.STAFF_EMAILS = 'staff@sojoourn.test, second@sojoourn.test';
});

function submission(overrides: Record<string, string | string[] | null> = {}): FormData {
  const fields: Record<string, string | string[] | null> = {
    name: 'Ada Lovelace',
    email: `ada-${Math.random().toString(36).slice(2)}@example.com`,
    phone: '',
    situation: 'in-france',
    nationality: 'other',
    stay: 'over-1-year',
    procedures: ['residence-permit', 'taxes'],
    message: '<img src=x onerror=alert(1)><b>bold</b>',
    language: 'fr',
    consent: 'yes',
    website: '',
    formToken: issueFormToken(SECRET, { now: NOW.getTime() - 10_000 }),
    ...overrides,
  };
  const data = new FormData();
  data.append('$ACTION_ID_abc', '');
  for (const [key, value] of Object.entries(fields)) {
    if (value === null) continue;
    for (const item of [value].flat()) data.append(key, item);
  }
  return data;
}

function recorder(fail: (mail: OutgoingMail) => boolean = () => false) {
  const sent: OutgoingMail[] = [];
  return {
    sent,
    send: async (mail: OutgoingMail) => {
      if (fail(mail)) throw new Error('SMTP said no');
      sent.push(mail);
    },
  };
}

const rowsFor = (email: string) =>
  db.selectFrom('contact_request').selectAll().where('email', '=', email).execute();

describe('handling a free-quote request', () => {
  it('stores a valid request, then e-mails staff and the requester with everything escaped', async () => {
    const form = submission();
    const email = String(form.get('email'));
    const mail = recorder();
    const lines = vi.spyOn(log, 'info');
    const outcome = await handleContactSubmission(db, form, {
      ip: freshIp(),
      now: NOW,
      secret: SECRET,
      settings,
      send: mail.send,
    });
    expect(outcome.kind).toBe('accepted');
    // One log line with the request's id, nothing the person typed.
    expect(lines).toHaveBeenCalledWith(
      { event: 'contact.stored', id: outcome.kind === 'accepted' ? outcome.request.id : '' },
      'contact request stored',
    );
    expect(JSON.stringify(lines.mock.calls)).not.toContain(email);
    lines.mockRestore();
    const [row] = await rowsFor(email);
    expect(row).toMatchObject({
      name: 'Ada Lovelace',
      phone: null,
      situation: 'in-france',
      nationality: 'other',
      stay_length: 'over-1-year',
      procedures: '["residence-permit","taxes"]',
      message: '<img src=x onerror=alert(1)><b>bold</b>',
      language: 'fr',
      consented_at: NOW.toISOString(),
      staff_notified: 0,
    });

    if (outcome.kind !== 'accepted') throw new Error('not accepted');
    await outcome.notify();
    const [staffMail, confirmation] = mail.sent;
    expect(staffMail?.to).toEqual(['staff@sojoourn.test', 'second@sojoourn.test']);
    expect(staffMail?.replyTo).toBe(email);
    expect(staffMail?.html).toContain('&lt;b&gt;bold&lt;/b&gt;');
    expect(staffMail?.html).not.toContain('<b>bold');
    expect(staffMail?.html).not.toContain('<img src=x');
    for (const label of [
      'Residence permit, Taxes',
      'Already in France',
      'Another nationality',
      'More than a year',
      'French',
    ]) {
      expect(staffMail?.text).toContain(label);
    }
    expect(confirmation?.to).toBe(email);
    expect(confirmation?.text).toContain('what happens next');
    // Nothing typed in the form goes back to the typed address: the form mails no one a text.
    for (const body of [confirmation?.html, confirmation?.text, confirmation?.subject]) {
      expect(body).not.toMatch(/img src|bold|Ada|Lovelace/);
    }
    expect(confirmation?.text).toContain(outcome.request.id);
    const [after] = await rowsFor(email);
    expect(after).toMatchObject({
      staff_notified: 1,
      requester_notified: 1,
      staff_notify_error: null,
    });
  });

  it('confirms to one address a few times a day at most; staff still get every request', async () => {
    const email = `many-${Math.random().toString(36).slice(2)}@example.com`;
    const mail = recorder();
    const limited = { ...settings, limitPerIp: 100, confirmationsPerEmail: 2 };
    let last: StoredContactRequest | undefined;
    for (let i = 0; i < 4; i++) {
      const outcome = await handleContactSubmission(
        db,
        submission({ email, message: `Request number ${i} about my residence permit.` }),
        { ip: freshIp(), now: NOW, secret: SECRET, settings: limited, send: mail.send },
      );
      if (outcome.kind !== 'accepted') throw new Error(`not accepted: ${outcome.kind}`);
      await outcome.notify();
      last = outcome.request;
    }
    const toRequester = mail.sent.filter((m) => m.to === email);
    const toStaff = mail.sent.filter((m) => Array.isArray(m.to));
    expect(toRequester).toHaveLength(2);
    expect(toStaff).toHaveLength(4);
    expect(toStaff.map((m) => m.text).join('\n')).toContain('Request number 3');
    // The next day the address gets confirmations again.
    await notifyContactRequest(db, last!, mail.send, {
      settings: limited,
      now: new Date(NOW.getTime() + 24 * 3600_000),
    });
    expect(mail.sent.filter((m) => m.to === email)).toHaveLength(3);
  });

  it('counts a confirmation kept for a retry (SMTP down) once: the address gets exactly one', async () => {
    const email = `flaky-${Math.random().toString(36).slice(2)}@example.com`;
    const limited = { ...settings, limitPerIp: 100, confirmationsPerEmail: 1 };
    const down = recorder((m) => m.to === email);
    const up = recorder();
    for (const mail of [down, down, up]) {
      const outcome = await handleContactSubmission(db, submission({ email }), {
        ip: freshIp(),
        now: NOW,
        secret: SECRET,
        settings: limited,
        send: mail.send,
      });
      if (outcome.kind !== 'accepted') throw new Error('not accepted');
      await outcome.notify();
    }
    // The first confirmation failed and waits in the outbox; it holds the address's one place.
    expect(up.sent.filter((m) => m.to === email)).toHaveLength(0);
    await retryOutbox(db, up.send, new Date(NOW.getTime() + 3600_000), 1000);
    expect(up.sent.filter((m) => [m.to].flat().includes(email))).toHaveLength(1);
  });

  it('keeps the request and still confirms when the staff e-mail fails', async () => {
    const form = submission();
    const email = String(form.get('email'));
    const mail = recorder((m) => Array.isArray(m.to));
    const outcome = await handleContactSubmission(db, form, {
      ip: freshIp(),
      now: NOW,
      secret: SECRET,
      settings,
      send: mail.send,
    });
    if (outcome.kind !== 'accepted') throw new Error('not accepted');
    await outcome.notify();
    expect(mail.sent.map((m) => m.to)).toEqual([email]);
    const [row] = await rowsFor(email);
    expect(row).toMatchObject({
      staff_notified: 0,
      staff_notify_error: 'SMTP said no',
      requester_notified: 1,
    });
  });

  it('records an empty staff list as a failed notification', async () => {
    process.env.STAFF_EMAILS = '';
    const form = submission();
    const outcome = await handleContactSubmission(db, form, {
      ip: freshIp(),
      now: NOW,
      secret: SECRET,
      settings,
    });
    if (outcome.kind !== 'accepted') throw new Error('not accepted');
    await notifyContactRequest(db, outcome.request, recorder().send);
    const [row] = await rowsFor(String(form.get('email')));
    expect(row?.staff_notified).toBe(0);
    expect(row?.staff_notify_error).toMatch(/STAFF_EMAILS/);
  });

  it('silently drops a filled honeypot, even with otherwise bad input', async () => {
    const form = submission({ website: 'https://spam.example', email: 'nope' });
    const outcome = await handleContactSubmission(db, form, {
      ip: freshIp(),
      now: NOW,
      secret: SECRET,
      settings,
    });
    expect(outcome).toEqual({ kind: 'dropped', reason: 'honeypot' });
    expect(await rowsFor('nope')).toHaveLength(0);
  });

  it('keeps a valid form sent faster than the minimum fill time, flagged for staff, never dropped', async () => {
    // Browser autofill sends a complete form within a second of the page loading.
    const form = submission({ formToken: issueFormToken(SECRET, { now: NOW.getTime() - 500 }) });
    const email = String(form.get('email'));
    const mail = recorder();
    const outcome = await handleContactSubmission(db, form, {
      ip: freshIp(),
      now: NOW,
      secret: SECRET,
      settings,
      send: mail.send,
    });
    if (outcome.kind !== 'accepted') throw new Error(`expected accepted, got ${outcome.kind}`);
    expect(outcome.request.flag).toBe('fast-fill');
    const [row] = await rowsFor(email);
    expect(row?.flag).toBe('fast-fill');
    expect(row?.id).toBe(outcome.request.id);

    // Staff are told to look twice, in their e-mail and in the inbox; the person is confirmed.
    await outcome.notify();
    const staffMail = mail.sent.find((m) => Array.isArray(m.to));
    expect(staffMail?.text).toContain('sent faster than a person usually types');
    expect(mail.sent.find((m) => m.to === email)?.text).toContain(outcome.request.id);
    const inbox = await contactInbox(
      {
        kind: 'user',
        userId: 'u-staff',
        email: 'staff@sojoourn.test',
        isStaff: true,
        membership: null,
      },
      { db, filter: { search: email } },
    );
    expect(inbox?.map((entry) => ({ email: entry.email, flag: entry.flag }))).toEqual([
      { email, flag: 'fast-fill' },
    ]);
  });

  it('flags nothing for a form filled at a human pace', async () => {
    const form = submission();
    const outcome = await handleContactSubmission(db, form, {
      ip: freshIp(),
      now: NOW,
      secret: SECRET,
      settings,
    });
    if (outcome.kind !== 'accepted') throw new Error(`expected accepted, got ${outcome.kind}`);
    expect(outcome.request.flag).toBeNull();
    expect((await rowsFor(String(form.get('email'))))[0]?.flag).toBeNull();
  });

  it('shows field errors (not a drop) for a fast but incomplete form, keeping the token', async () => {
    const token = issueFormToken(SECRET, { now: NOW.getTime() - 500 });
    const outcome = await handleContactSubmission(
      db,
      submission({ formToken: token, message: '', email: 'bad' }),
      {
        ip: freshIp(),
        now: NOW,
        secret: SECRET,
        settings,
      },
    );
    if (outcome.kind !== 'rejected') throw new Error(`expected rejected, got ${outcome.kind}`);
    expect(outcome.state.status).toBe('invalid');
    expect(Object.keys(outcome.state.fieldErrors).sort()).toEqual(['email', 'message']);
    expect(outcome.state.values).toMatchObject({
      name: 'Ada Lovelace',
      email: 'bad',
      language: 'fr',
      consent: true,
    });
    expect(outcome.state.values.procedures).toEqual(['residence-permit', 'taxes']);
    expect(outcome.state.formToken).toBe(token);
  });

  it('asks to send again (with a fresh untimed token) when the token is missing or forged', async () => {
    for (const formToken of [null, 'f.1.forged-nonce.sig']) {
      const form = submission({ formToken });
      const outcome = await handleContactSubmission(db, form, {
        ip: freshIp(),
        now: NOW,
        secret: SECRET,
        settings,
      });
      if (outcome.kind !== 'rejected') throw new Error(`expected rejected, got ${outcome.kind}`);
      expect(outcome.state.status).toBe('confirm');
      expect(outcome.state.formToken).toMatch(/^c\./);
      const again = submission({
        formToken: outcome.state.formToken,
        email: String(form.get('email')),
      });
      const second = await handleContactSubmission(db, again, {
        ip: freshIp(),
        now: NOW,
        secret: SECRET,
        settings,
      });
      expect(second.kind).toBe('accepted');
    }
  });

  it('refuses unknown fields', async () => {
    const form = submission();
    form.append('role', 'admin');
    const outcome = await handleContactSubmission(db, form, {
      ip: freshIp(),
      now: NOW,
      secret: SECRET,
      settings,
    });
    expect(outcome.kind === 'rejected' && outcome.state.status).toBe('refused');
    expect(await rowsFor(String(form.get('email')))).toHaveLength(0);
  });

  it('stores one request per token: a double post stores nothing new and finds the first', async () => {
    const token = issueFormToken(SECRET, { now: NOW.getTime() - 10_000 });
    const email = `double-${Date.now()}@example.com`;
    const first = await handleContactSubmission(db, submission({ formToken: token, email }), {
      ip: freshIp(),
      now: NOW,
      secret: SECRET,
      settings,
    });
    const second = await handleContactSubmission(db, submission({ formToken: token, email }), {
      ip: freshIp(),
      now: NOW,
      secret: SECRET,
      settings,
    });
    if (first.kind !== 'accepted') throw new Error(`expected accepted, got ${first.kind}`);
    // The repeat leads to the same thank-you, with the first request's reference.
    expect(second).toEqual({ kind: 'dropped', reason: 'duplicate', reference: first.request.id });
    expect(await rowsFor(email)).toHaveLength(1);
  });

  it('limits requests per IP with a clear message that keeps the fields', async () => {
    const ip = freshIp();
    for (let i = 0; i < settings.limitPerIp; i++) {
      const outcome = await handleContactSubmission(db, submission(), {
        ip,
        now: NOW,
        secret: SECRET,
        settings,
      });
      expect(outcome.kind).toBe('accepted');
    }
    const form = submission();
    const outcome = await handleContactSubmission(db, form, {
      ip,
      now: NOW,
      secret: SECRET,
      settings,
    });
    if (outcome.kind !== 'rejected') throw new Error(`expected rejected, got ${outcome.kind}`);
    expect(outcome.state.status).toBe('refused');
    // 4 counted at 12:00 (the refused one too): one more fits when they weigh 2 in the rolling
    // hour (lib/platform/rate-limit.ts), halfway through the next one.
    expect(outcome.state.formError).toMatch(/try again in about 90 minutes/);
    expect(outcome.state.values.email).toBe(form.get('email'));
    expect(await rowsFor(String(form.get('email')))).toHaveLength(0);
  });
});

describe('the staff inbox of free-quote requests', () => {
  const staff: Viewer = {
    kind: 'user',
    userId: 'u-staff',
    email: 'staff@sojoourn.test',
    isStaff: true,
    membership: null,
  };
  const member: Viewer = {
    ...staff,
    userId: 'u-member',
    email: 'member@example.com',
    isStaff: false,
  };

  it('lists stored requests for staff, newest first, with readable details and the notification state', async () => {
    const form = submission();
    const email = String(form.get('email'));
    const mail = recorder((m) => Array.isArray(m.to));
    const outcome = await handleContactSubmission(db, form, {
      ip: freshIp(),
      now: new Date(NOW.getTime() + 60_000),
      secret: SECRET,
      settings,
      send: mail.send,
    });
    if (outcome.kind !== 'accepted') throw new Error('not accepted');
    await outcome.notify();
    const inbox = await contactInbox(staff, { db });
    const entry = inbox?.find((item) => item.email === email);
    expect(entry).toBeDefined();
    expect(entry?.staffNotified).toBe(false);
    expect(entry?.details).toContainEqual({
      label: 'Message',
      value: '<img src=x onerror=alert(1)><b>bold</b>',
    });
    expect(entry?.details).toContainEqual({
      label: 'Procedures',
      value: 'Residence permit, Taxes',
    });
    const times = (inbox ?? []).map((item) => item.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('is not available to readers or members', async () => {
    expect(await contactInbox(READER, { db })).toBeNull();
    expect(await contactInbox(member, { db })).toBeNull();
  });
});

describe('contact settings', () => {
  it('reads the limits from the environment, with defaults', () => {
    expect(contactSettings({})).toMatchObject({ limitPerIp: 5, minFillMs: 3000 });
    expect(
      contactSettings({ CONTACT_LIMIT_PER_IP: '100000', CONTACT_MIN_FILL_MS: '0' }),
    ).toMatchObject({
      limitPerIp: 100000,
      minFillMs: 0,
    });
    expect(
      contactSettings({ CONTACT_LIMIT_PER_IP: 'lots', CONTACT_MIN_FILL_MS: '-1' }),
    ).toMatchObject({
      limitPerIp: 5,
      minFillMs: 3000,
    });
  });
});
