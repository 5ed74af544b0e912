import { afterEach, describe, expect, it, vi } from 'vitest';
import { hashAddress, log } from './log';
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
  afterEach(() => {
    delete process.env.EMAIL_SERVER;
    vi.restoreAllMocks();
  });

  it('a mail that cannot be sent is one error line, the address hashed, and the error goes on', async () => {
    // Nothing listens on port 1: the SMTP connection is refused.
    process.env.EMAIL_SERVER = 'smtp://127.0.0.1:1';
    const lines = vi.spyOn(log, 'error');
    await expect(
      sendMail({ to: 'ana@example.com', subject: 'Your link', text: 'x', html: '<p>x</p>' }),
    ).rejects.toThrow();
    expect(lines).toHaveBeenCalledTimes(1);
    expect(lines.mock.calls[0]?.[0]).toMatchObject({
      event: 'mail.failed',
      to: [hashAddress('ana@example.com')],
      subject: 'Your link',
    });
    expect(JSON.stringify(lines.mock.calls[0]?.[0])).not.toContain('ana@example.com');
  });
});
