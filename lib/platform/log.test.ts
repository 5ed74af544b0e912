import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { freeLocalPort } from '@/test/support/free-port';
import { captureLogs } from '@/test/support/log-capture';
import { errorSummary, hashAddress, log } from './log';
import { sendMail } from './mail';

describe('hashAddress', () => {
  it('tags the same person the same way, whatever the case or spaces', () => {
    expect(hashAddress(' Ana@Example.com ')).toBe(hashAddress('ana@example.com'));
    expect(hashAddress('ana@example.com')).toMatch(/^[0-9a-f]{16}$/);
  });

  it('never contains the address, and differs between people', () => {
    expect(hashAddress('ana@example.com')).not.toContain('ana');
    expect(hashAddress('ana@example.com')).not.toBe(hashAddress('ben@example.com'));
  });

  it('depends on the server secret, so guesses cannot be checked without it', () => {
    const before = hashAddress('ana@example.com');
    const saved = process.env.NEXTAUTH_SECRET;
    process.env.NEXTAUTH_SECRET = 'another-secret';
    try {
      expect(hashAddress('ana@example.com')).not.toBe(before);
    } finally {
      if (saved === undefined) delete process.env.NEXTAUTH_SECRET;
      else process.env.NEXTAUTH_SECRET = saved;
    }
  });
});

describe('notable events', () => {
  let server: SMTPServer;
  let port: number;
  beforeAll(async () => {
    // An SMTP server that refuses every recipient, quoting the address as real servers do.
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        const refusal = new Error(`<${address.address}>: Recipient address rejected`);
        Object.assign(refusal, { responseCode: 550 });
        callback(refusal);
      },
    });
    port = await freeLocalPort();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  afterEach(() => {
    delete process.env.EMAIL_SERVER;
    vi.restoreAllMocks();
  });

  it('a refused mail is one error line with a hashed recipient and the SMTP code: no address, subject or link', async () => {
    process.env.EMAIL_SERVER = `smtp://127.0.0.1:${port}`;
    const logs = captureLogs();
    const link = 'https://sojoourn.test/account/email/confirm?token=Zq8xL2vR9tYb4NcW7pKe3sHf';
    let thrown: unknown;
    try {
      await sendMail({
        to: 'ana.martin@example.com',
        subject: 'Free-quote request from Ana Martin',
        text: `Confirm: ${link}`,
        html: `<a href="${link}">Confirm</a>`,
      });
    } catch (error) {
      thrown = error;
    } finally {
      logs.restore();
    }
    expect(thrown).toBeInstanceOf(Error);
    const failures = logs.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(failures).toEqual([
      expect.objectContaining({
        level: 'error',
        event: 'mail.failed',
        to: [hashAddress('ana.martin@example.com')],
        err: expect.objectContaining({ code: 'EENVELOPE', responseCode: 550 }),
      }),
    ]);
    const secrets = [
      'ana.martin@example.com',
      'Ana Martin',
      'Free-quote',
      'Zq8xL2vR9tYb4NcW7pKe3sHf',
    ];
    expect(logs.leaks(secrets)).toEqual([]);
    // What callers get, log and store (the outbox's last_error) says how, not whom.
    expect(String((thrown as Error).message)).toMatch(/EENVELOPE 550/);
    expect(JSON.stringify(errorSummary(thrown))).not.toMatch(/ana\.martin|Ana Martin/);
    expect((thrown as Error).message).not.toContain('ana.martin@example.com');
  });
});

describe('errorSummary and scrubText', () => {
  it('keep an error’s class and code, and no address, query value or token in its message', () => {
    const error = Object.assign(
      new Error(
        'failed for ana@example.com at /signin/confirm?token=abc&email=ana%40example.com (session 3f9a8c7b6d5e4f3a2b1c0d9e)',
      ),
      { code: 'E42', detail: 'Key (email)=(ana@example.com) already exists' },
    );
    const summary = errorSummary(error);
    expect(summary).toMatchObject({ type: 'Error', code: 'E42' });
    expect(summary.message).toBe(
      'failed for [address] at /signin/confirm?token=*&email=* (session [token])',
    );
    expect(JSON.stringify(summary)).not.toContain('ana');
  });

  it('the logger reduces every `err` to its summary', () => {
    const logs = captureLogs();
    try {
      log.error({ event: 'x', err: new Error('no mailbox ben@example.com') }, 'x');
    } finally {
      logs.restore();
    }
    expect(logs.lines).toHaveLength(1);
    expect(JSON.parse(logs.lines[0]!).err).toEqual({
      type: 'Error',
      message: 'no mailbox [address]',
    });
  });
});
