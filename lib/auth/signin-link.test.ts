import { createRequire } from 'node:module';
import path from 'node:path';
import { KyselyAdapter } from '@auth/kysely-adapter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInEmail } from './emails';
import {
  confirmationUrl,
  hashVerificationToken,
  recordingLinkUses,
  signInLinkState,
} from './signin-link';
import { tempDatabase, type TempDatabase } from '@/test/support/temp-db';

// next-auth's own hashToken (core/lib/utils.js). Its package "exports" do not list that file, so
// it is loaded by path; the type is its declaration, narrowed to what the email provider passes.
const require = createRequire(import.meta.url);
const nextAuthDir = path.dirname(require.resolve('next-auth'));
const { hashToken } = require(path.join(nextAuthDir, 'core/lib/utils.js')) as {
  hashToken(token: string, options: { provider: { secret?: string }; secret: string }): string;
};

describe('hashVerificationToken', () => {
  it.each([
    ['abc123', 's'],
    ['f'.repeat(64), 'a-long-secret-from-NEXTAUTH_SECRET'],
    ['token with spaces', 'é-secret'],
  ])('equals next-auth’s hashToken for %j', (token, secret) => {
    const ours = hashVerificationToken(token, secret);
    expect(ours).toBe(hashToken(token, { provider: { secret: undefined }, secret }));
    expect(ours).toMatch(/^[0-9a-f]{64}$/);
  });

  it('depends on the secret', () => {
    expect(hashVerificationToken('abc', 'one')).not.toBe(hashVerificationToken('abc', 'two'));
  });
});

describe('confirmationUrl', () => {
  const callback =
    'http://127.0.0.1:3000/api/auth/callback/email?callbackUrl=https%3A%2F%2Fsojoourn.example%2Fguides%2Fx%3Fy%3D1&token=0a1b2c&email=ana%2Btest%40example.com';

  it('points at /signin/confirm on the given origin, keeping token, email and callbackUrl', () => {
    const url = new URL(confirmationUrl(callback, 'https://sojoourn.example'));
    expect(url.origin).toBe('https://sojoourn.example');
    expect(url.pathname).toBe('/signin/confirm');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      token: '0a1b2c',
      email: 'ana+test@example.com',
      callbackUrl: 'https://sojoourn.example/guides/x?y=1',
    });
  });

  it('drops anything else and leaves out missing parameters', () => {
    const url = new URL(
      confirmationUrl(
        'http://localhost/api/auth/callback/email?token=t1&email=a%40b.c&evil=1',
        'https://sojoourn.example/ignored/path',
      ),
    );
    expect(url.pathname).toBe('/signin/confirm');
    expect([...url.searchParams.keys()].sort()).toEqual(['email', 'token']);
  });
});

describe('signInLinkState', () => {
  const SECRET = 'test-secret';
  const EXPIRES = new Date('2026-12-01T10:00:00.000Z');
  let temp: TempDatabase;
  let adapter: ReturnType<typeof KyselyAdapter>;

  beforeAll(async () => {
    temp = await tempDatabase('signin-link');
    adapter = KyselyAdapter(temp.db as unknown as Parameters<typeof KyselyAdapter>[0]);
  });
  afterAll(() => temp.dispose());

  /** Stores a link the way next-auth's email sign-in does: the hash only, through the adapter. */
  async function storeLink(email: string, token: string) {
    await adapter.createVerificationToken?.({
      identifier: email,
      token: hashToken(token, { provider: { secret: undefined }, secret: SECRET }),
      expires: EXPIRES,
    });
  }

  it('is valid before expiry, expired at and after it', async () => {
    await storeLink('ana@example.com', 'raw-token-1');
    const link = { token: 'raw-token-1', email: 'ana@example.com' };
    const state = (now: Date) => signInLinkState(temp.db, link, SECRET, now);
    expect(await state(new Date(EXPIRES.getTime() - 60_000))).toBe('valid');
    expect(await state(new Date(EXPIRES.getTime() - 1))).toBe('valid');
    expect(await state(EXPIRES)).toBe('expired');
    expect(await state(new Date(EXPIRES.getTime() + 3600_000))).toBe('expired');
  });

  /** next-auth's callback using the token, through the adapter as options.ts wraps it. */
  const useLink = (email: string, token: string, now: Date) =>
    recordingLinkUses(
      (params) => adapter.useVerificationToken!(params),
      async () => temp.db,
      SECRET,
      () => now,
    )({ identifier: email, token: hashVerificationToken(token, SECRET) });

  it('is used once next-auth has consumed the token', async () => {
    await storeLink('ben@example.com', 'raw-token-2');
    const link = { token: 'raw-token-2', email: 'ben@example.com' };
    const before = new Date(EXPIRES.getTime() - 60_000);
    expect(await signInLinkState(temp.db, link, SECRET, before)).toBe('valid');
    const used = await useLink('ben@example.com', 'raw-token-2', before);
    expect(used?.identifier).toBe('ben@example.com');
    expect(await signInLinkState(temp.db, link, SECRET, before)).toBe('used');
    // The record holds no address.
    const record = await temp.db.selectFrom('signin_link_used').selectAll().execute();
    expect(JSON.stringify(record)).not.toContain('ben@example.com');
  });

  it('a link tried after its expiry is expired, also once next-auth has deleted it', async () => {
    await storeLink('dan@example.com', 'raw-token-4');
    const late = new Date(EXPIRES.getTime() + 60_000);
    const link = { token: 'raw-token-4', email: 'dan@example.com' };
    expect(await signInLinkState(temp.db, link, SECRET, late)).toBe('expired');
    await useLink('dan@example.com', 'raw-token-4', late);
    expect(await signInLinkState(temp.db, link, SECRET, late)).toBe('expired');
  });

  it('calls a made-up or truncated token, another address or another secret invalid, not used', async () => {
    await storeLink('cleo@example.com', 'raw-token-3');
    const before = new Date(EXPIRES.getTime() - 60_000);
    const state = (token: string, email: string, secret = SECRET) =>
      signInLinkState(temp.db, { token, email }, secret, before);
    expect(await state('raw-token-3', 'cleo@example.com')).toBe('valid');
    expect(await state('never-issued', 'cleo@example.com')).toBe('invalid');
    expect(await state('raw-token', 'cleo@example.com')).toBe('invalid');
    expect(await state('raw-token-3', 'mallory@example.com')).toBe('invalid');
    expect(await state('raw-token-3', 'cleo@example.com', 'other-secret')).toBe('invalid');
    // Used, then truncated: still not "used".
    await useLink('cleo@example.com', 'raw-token-3', before);
    expect(await state('raw-token-3', 'cleo@example.com')).toBe('used');
    expect(await state('raw-token-', 'cleo@example.com')).toBe('invalid');
  });
});

describe('signInEmail', () => {
  const link = 'https://sojoourn.example/signin/confirm?token=abc&email=ana%40example.com';
  const code = { code: '042917', expires: new Date(Date.now() + 10 * 60_000) };

  it('says both ways: the code on its own line of the text part, and the link', () => {
    const email = signInEmail(link, new Date(Date.now() + 24 * 3600_000), code);
    expect(email.subject).toBe('Your sign-in link and code for Sojoourn');
    expect(email.text.split('\n')).toContain('042917');
    expect(email.text).toContain('Type this code in the browser where you asked');
    expect(email.text).toContain('for 10 minutes');
    expect(email.html).toContain('042917');
  });

  it('has a subject, an HTML and a text part that both hold the link', () => {
    const email = signInEmail(link, new Date(Date.now() + 24 * 3600_000), code);
    expect(email.subject).toMatch(/sign-in link/);
    // In HTML the & of the query string is escaped, which a browser reads back as &.
    expect(email.html).toContain(`href="${link.replace(/&/g, '&amp;')}"`);
    expect(email.text).toContain(link);
    expect(email.text).toContain('expires in 24 hours');
    expect(email.html).toContain('expires in 24 hours');
  });

  it('says "1 hour" for a short-lived link', () => {
    expect(signInEmail(link, new Date(Date.now() + 10 * 60_000), code).text).toContain(
      'expires in 1 hour.',
    );
  });

  it('escapes the link in HTML so it cannot become markup', () => {
    const hostile = 'https://sojoourn.example/signin/confirm?token="><script>alert(1)</script>';
    const email = signInEmail(hostile, new Date(Date.now() + 3600_000), code);
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(email.text).toContain(hostile);
  });
});
