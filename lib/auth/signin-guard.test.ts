// The sign-in limits as next-auth meets them: the identifier normaliser, the reservation made in
// the signIn callback and the send in sendVerificationRequest (lib/auth/options.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  normalizeSignInAddress,
  reserveSignInLink,
  runSignInRequest,
  sendReservedLink,
} from './signin-guard';
import { tempDatabase, type TempDatabase } from '@/test/support/temp-db';

let temp: TempDatabase;
beforeAll(async () => {
  temp = await tempDatabase('signin-guard');
});
afterAll(() => temp.dispose());

const NOW = new Date('2026-12-01T10:05:00.000Z');
let counter = 0;
const unique = (label: string) => `${label}-${++counter}-${Date.now().toString(36)}@example.com`;

/** One sign-in request from `client` for `address`, as next-auth runs it; says what was sent. */
async function ask(address: string, client: string, send: () => Promise<void> = async () => {}) {
  let sent = false;
  const { refusal } = await runSignInRequest(client, async () => {
    const normalized = normalizeSignInAddress(address);
    const refused = await reserveSignInLink(normalized, { db: temp.db, now: NOW });
    if (refused) return;
    await sendReservedLink(normalized, async () => {
      await send();
      sent = true;
    }).catch(() => {});
  });
  return { refusal, sent };
}

describe('sign-in limits', () => {
  it('one client gets 5 links an hour for one address, then is refused', async () => {
    const address = unique('staff');
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await ask(address, '198.51.100.1'));
    expect(results.map((r) => r.sent)).toEqual([true, true, true, true, true, false]);
    expect(results.at(-1)?.refusal).toBe('RateLimited');
  });

  it('one client cannot lock a person out: another client still gets a link', async () => {
    const address = unique('victim');
    for (let i = 0; i < 8; i++) await ask(address, '203.0.113.66');
    expect(await ask(address, '192.0.2.10')).toEqual({ refusal: null, sent: true });
  });

  it('the address has a higher ceiling over all clients together (20 an hour)', async () => {
    const address = unique('ceiling');
    let sent = 0;
    for (let client = 1; client <= 5; client++) {
      for (let i = 0; i < 5; i++) if ((await ask(address, `192.0.2.${client}`)).sent) sent++;
    }
    expect(sent).toBe(20);
  });

  it('one client gets 20 links an hour over all addresses (the default), then is refused', async () => {
    // The real default: the e2e server raises it for its shared loopback client, so it is
    // checked here and by signin.spec.ts against a server of its own.
    expect(process.env.SIGNIN_LIMIT_PER_IP).toBeUndefined();
    const client = '198.51.100.20';
    const results = [];
    for (let i = 0; i < 21; i++) results.push(await ask(unique('many'), client));
    expect(results.filter((r) => r.sent)).toHaveLength(20);
    expect(results.at(-1)).toEqual({ refusal: 'RateLimited', sent: false });
    // Another client is not affected.
    expect(await ask(unique('many'), '198.51.100.21')).toEqual({ refusal: null, sent: true });
  });

  it('counts links actually sent: refused and failed requests cost nothing', async () => {
    const address = unique('smtp-down');
    const down = async () => {
      throw new Error('SMTP down');
    };
    for (let i = 0; i < 7; i++) expect((await ask(address, '198.51.100.2', down)).sent).toBe(false);
    const results = [];
    for (let i = 0; i < 5; i++) results.push((await ask(address, '198.51.100.2')).sent);
    expect(results).toEqual([true, true, true, true, true]);
  });

  it('keys addresses case-insensitively (the address next-auth mails)', async () => {
    const address = unique('case');
    for (let i = 0; i < 5; i++) await ask(address, '198.51.100.3');
    expect((await ask(address.toUpperCase(), '198.51.100.3')).refusal).toBe('RateLimited');
  });

  it('sends nothing that was not reserved in the same request', async () => {
    await expect(
      runSignInRequest('198.51.100.4', () => sendReservedLink('x@example.com', async () => {})),
    ).rejects.toThrow(/not reserved/);
    // Outside any request context, nothing is reserved either.
    expect(await reserveSignInLink('x@example.com', { db: temp.db, now: NOW })).toBe('RateLimited');
  });
});

describe('normalizeSignInAddress', () => {
  it('lower-cases and trims one plain address', () => {
    expect(normalizeSignInAddress('  Ada@Example.COM ')).toBe('ada@example.com');
  });

  it('refuses anything but one plain address, and records the refusal', async () => {
    for (const value of [
      ['a@example.com', 'b@example.com'],
      { email: 'a@example.com' },
      'a@example.com,b@example.com',
      'a@example.com b@example.com',
      '"a b"@example.com',
      'nope',
      '',
      'x'.repeat(300) + '@example.com',
    ]) {
      const { refusal } = await runSignInRequest('198.51.100.5', async () => {
        expect(() => normalizeSignInAddress(value)).toThrow();
      });
      expect(refusal, JSON.stringify(value)).toBe('InvalidEmail');
    }
  });
});
