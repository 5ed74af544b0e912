// SMTP down, for real: lib/platform/mail.ts (nodemailer) sends to a local SMTP capture that is not
// running, then is started. A quote request and an assistance request are stored and their e-mails
// kept, then delivered by the outbox retry; a sign-in link is refused with a clear message, costs
// the person nothing, and the next try is delivered. Through all of it, the logs say what failed
// and for which request, never whom: no address, name or token.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSmtpCapture } from '@/test/support/smtp-capture';
import { freeLocalPort } from '@/test/support/free-port';
import { captureLogs } from '@/test/support/log-capture';
import { activeMember, taxReturnRequest } from '@/test/support/members';
import { insertUser, tempDatabase, type TempDatabase } from '@/test/support/temp-db';
import { requestAssistance } from '../assistance/service';
import { authOptions } from '../auth/options';
import { signInError } from '../auth/schema';
import { normalizeSignInAddress, reserveSignInLink, runSignInRequest } from '../auth/signin-guard';
import { handleContactSubmission } from '../contact/submit';
import { issueFormToken } from '../contact/token';
import { contactSettings } from './env';
import { sendMail } from './mail';
import { retryOutbox } from './outbox';

const SECRET = 'smtp-down-test-secret';
let temp: TempDatabase;
let smtpPort: number;
let capture: Awaited<ReturnType<typeof startSmtpCapture>> | null = null;
let logs: ReturnType<typeof captureLogs>;
/** What the journeys below give the site, which no log line may repeat. */
const personal = new Set<string>();

const smtpUp = async () => {
  capture = await startSmtpCapture({ smtpPort, httpPort: await freeLocalPort() });
};
const smtpDown = async () => {
  await capture?.close();
  capture = null;
};
const delivered = (to: string) => capture?.messages.filter((m) => m.to.includes(to)) ?? [];

beforeAll(async () => {
  temp = await tempDatabase('smtp-down');
  smtpPort = await freeLocalPort();
  vi.stubEnv('EMAIL_SERVER', `smtp://127.0.0.1:${smtpPort}`);
  vi.stubEnv('EMAIL_FROM', 'Sojoourn <hello@sojoourn.test>');
  vi.stubEnv('STAFF_EMAILS', 'staff@sojoourn.test');
  logs = captureLogs();
});
afterAll(async () => {
  logs.restore();
  await smtpDown();
  vi.unstubAllEnvs();
  await temp?.dispose();
});

/** The retry loop, run as if an hour had passed (everything kept is due by then). */
const retryLater = () => retryOutbox(temp.db, sendMail, new Date(Date.now() + 3600_000), 1000);

describe('SMTP down', () => {
  it('a quote request is stored and thanked; both e-mails arrive once SMTP is back', async () => {
    await smtpDown();
    const email = `quote-${Date.now()}@example.com`;
    personal.add(email).add('Ada Lovelace').add('Lovelace');
    const form = new FormData();
    const fields: [string, string][] = [
      ['name', 'Ada Lovelace'],
      ['email', email],
      ['phone', ''],
      ['situation', 'in-france'],
      ['nationality', 'other'],
      ['stay', 'over-1-year'],
      ['procedures', 'taxes'],
      ['message', 'Please help me with my first tax return.'],
      ['language', 'en'],
      ['consent', 'yes'],
      ['website', ''],
      ['formToken', issueFormToken(SECRET, { now: Date.now() - 10_000 })],
    ];
    for (const [name, value] of fields) form.append(name, value);
    const outcome = await handleContactSubmission(temp.db, form, {
      ip: '198.51.100.7',
      secret: SECRET,
      settings: contactSettings({}),
    });
    // The person is thanked: the request is stored, whatever the mail server does.
    expect(outcome.kind).toBe('accepted');
    if (outcome.kind !== 'accepted') return;
    await outcome.notify();
    const row = await temp.db
      .selectFrom('contact_request')
      .select(['email', 'staff_notified', 'requester_notified'])
      .where('id', '=', outcome.request.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ email, staff_notified: 0, requester_notified: 0 });

    await smtpUp();
    expect(await retryLater()).toMatchObject({ failed: 0 });
    expect(delivered(email).map((m) => m.subject)).toHaveLength(1);
    expect(delivered('staff@sojoourn.test').some((m) => m.text.includes(email))).toBe(true);
    // A second pass sends nothing twice.
    await retryLater();
    expect(delivered(email)).toHaveLength(1);
  });

  it('an assistance request is stored, says its e-mail is late, and the e-mails follow', async () => {
    await smtpDown();
    const email = `member-${Date.now()}@example.com`;
    personal.add(email);
    const userId = await insertUser(temp.db, email);
    const now = new Date();
    const result = await requestAssistance(activeMember(userId, email, now), taxReturnRequest(), {
      db: temp.db,
      now,
    });
    expect(result).toMatchObject({ kind: 'stored', mailDelayed: true });
    const stored = await temp.db
      .selectFrom('assistance_request')
      .select('description')
      .where('user_id', '=', userId)
      .execute();
    expect(stored).toHaveLength(1);

    await smtpUp();
    await retryLater();
    expect(delivered(email)).toHaveLength(1);
  });

  it('a sign-in link is refused with a clear message, costs nothing, and the next try arrives', async () => {
    const provider = authOptions.providers[0] as unknown as {
      options: {
        sendVerificationRequest(params: {
          identifier: string;
          url: string;
          expires: Date;
        }): Promise<void>;
      };
    };
    const address = `signin-${Date.now()}@example.com`;
    const token = 'Tq7mW2xR9bLk4VnC8sHe3pYd';
    personal.add(address).add(token).add(encodeURIComponent(address));
    // One link an hour for this address from this client: the failed try must not use it up.
    vi.stubEnv('SIGNIN_LIMIT_PER_EMAIL', '1');
    /** One request for a link as next-auth runs it: normalise, reserve, send. */
    const ask = () =>
      runSignInRequest('192.0.2.44', async () => {
        const normalized = normalizeSignInAddress(address);
        const refused = await reserveSignInLink(normalized, { db: temp.db });
        if (refused) return refused;
        await provider.options.sendVerificationRequest({
          identifier: normalized,
          url: `http://127.0.0.1:3000/api/auth/callback/email?token=${token}&email=${encodeURIComponent(address)}`,
          expires: new Date(Date.now() + 3600_000),
        });
        return 'sent';
      });

    await smtpDown();
    // next-auth turns the throw into /signin/error?error=EmailSignin: the page says what happened.
    await expect(ask()).rejects.toThrow();
    expect(signInError('EmailSignin')?.message).toMatch(/no sign-in link was sent.*try again/i);

    await smtpUp();
    // The failed try was not counted: with a limit of one link, this one is still allowed.
    expect((await ask()).result).toBe('sent');
    expect(delivered(address).map((m) => m.subject)).toEqual([
      expect.stringMatching(/sign-in link/i),
    ]);
    expect((await ask()).result).toBe('RateLimited');
  });

  it('the logs of all of the above say what failed and for which request, never whom', () => {
    const lines = logs.lines.join('\n');
    // Nothing the person gave the site is in them…
    expect(personal.size).toBeGreaterThan(5);
    expect(logs.leaks([...personal])).toEqual([]);
    // …and the failures were logged, as outcomes and ids.
    expect(lines).toMatch(/"event":"mail\.failed"/);
    expect(lines).toMatch(/"event":"mail\.deferred".*"purpose":"contact:staff:/);
  });
});
