import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkSignInCode,
  issueSignInCode,
  MAX_CODE_TRIES,
  normalizeCode,
  type CodeSettings,
} from './signin-code';
import { tempDatabase, type TempDatabase } from '@/test/support/temp-db';

const SECRET = 'test-secret-for-codes';
const T0 = new Date('2026-03-02T09:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const SETTINGS: CodeSettings = {
  maxAgeMs: 10 * 60_000,
  failuresPerEmail: 1000,
  failuresPerClient: 1000,
  windowMs: 24 * 3600_000,
};

let temp: TempDatabase;
beforeAll(async () => {
  temp = await tempDatabase('signin-code');
});
afterAll(() => temp.dispose());

let counter = 0;
const address = (label: string) => `${label}-${++counter}@example.com`;

function issue(email: string, now = T0, settings = SETTINGS) {
  return issueSignInCode(
    temp.db,
    { address: email, token: `token-for-${email}`, callbackUrl: '/account' },
    { secret: SECRET, settings, now },
  );
}

function check(
  nonce: string | null,
  typed: string,
  { now = at(60_000), client = '203.0.113.9', settings = SETTINGS } = {},
) {
  return checkSignInCode(temp.db, { nonce, typed, client }, { secret: SECRET, settings, now });
}

/** A code that is not `code`. */
const wrong = (code: string, n = 1) => String((Number(code) + n) % 1_000_000).padStart(6, '0');

describe('normalizeCode', () => {
  it.each([
    ['123456', '123456'],
    [' 123 456 ', '123456'],
    ['123-456', '123456'],
    ['12 34 56\n', '123456'],
    ['\u00a0123\u00a0456', '123456'],
  ])('accepts %j', (typed, code) => expect(normalizeCode(typed)).toBe(code));

  it.each(['12345', '1234567', 'abcdef', '１２３４５６', '', '123 45x'])('refuses %j', (typed) =>
    expect(normalizeCode(typed)).toBeNull(),
  );
});

describe('a sign-in code', () => {
  it('is six digits, stored only as hashes and a sealed token', async () => {
    const email = address('stored');
    const issued = await issue(email);
    expect(issued.code).toMatch(/^\d{6}$/);
    expect(issued.expires).toEqual(at(10 * 60_000));
    const rows = await temp.db.selectFrom('signin_code').selectAll().execute();
    const stored = JSON.stringify(rows);
    expect(rows.length).toBeGreaterThan(0);
    for (const secret of [issued.code, issued.nonce, email, `token-for-${email}`]) {
      expect(stored).not.toContain(secret);
    }
  });

  it('signs in the browser that asked, once', async () => {
    const email = address('once');
    const { code, nonce } = await issue(email);
    expect(await check(nonce, ` ${code.slice(0, 3)} ${code.slice(3)} `)).toEqual({
      ok: true,
      email,
      token: `token-for-${email}`,
      callbackUrl: '/account',
    });
    expect(await check(nonce, code)).toEqual({ ok: false, refusal: 'CodeMissing' });
  });

  it('does nothing for a browser that never asked, whatever it types', async () => {
    const email = address('other-browser');
    const { code, nonce } = await issue(email);
    const stranger = (await issue(address('stranger'))).nonce;
    expect(await check(null, code)).toEqual({ ok: false, refusal: 'CodeMissing' });
    expect(await check('made-up-nonce', code)).toEqual({ ok: false, refusal: 'CodeMissing' });
    // Another browser's own nonce (it asked for another address): the code is not its code.
    expect(await check(stranger, code)).toMatchObject({ ok: false, refusal: 'CodeWrong' });
    // The browser that asked still can.
    expect(await check(nonce, code)).toMatchObject({ ok: true, email });
  });

  it('refuses what is not six digits without counting it', async () => {
    const { code, nonce } = await issue(address('format'));
    for (let i = 0; i < MAX_CODE_TRIES + 2; i++) {
      expect(await check(nonce, 'abc')).toEqual({ ok: false, refusal: 'CodeFormat' });
    }
    expect(await check(nonce, code)).toMatchObject({ ok: true });
  });

  it('works for 10 minutes, not at 10 minutes (injected clock)', async () => {
    const first = await issue(address('fresh'));
    expect(await check(first.nonce, first.code, { now: at(10 * 60_000 - 1) })).toMatchObject({
      ok: true,
    });
    const late = await issue(address('late'));
    expect(await check(late.nonce, late.code, { now: at(10 * 60_000) })).toEqual({
      ok: false,
      refusal: 'CodeExpired',
    });
    expect(await check(late.nonce, late.code, { now: at(3600_000) })).toEqual({
      ok: false,
      refusal: 'CodeExpired',
    });
  });

  it('is replaced by a new request for the address: the old code fails, the new one works', async () => {
    const email = address('replaced');
    const old = await issue(email);
    const fresh = await issue(email, at(1000));
    // The first request's browser no longer has a code waiting.
    expect(await check(old.nonce, old.code)).toEqual({ ok: false, refusal: 'CodeMissing' });
    if (old.code !== fresh.code) {
      expect(await check(fresh.nonce, old.code)).toMatchObject({ refusal: 'CodeWrong' });
    }
    expect(await check(fresh.nonce, fresh.code)).toMatchObject({ ok: true, email });
    const rows = await temp.db.selectFrom('signin_code').select('nonce_hash').execute();
    expect(rows.length).toBeGreaterThan(0);
  });

  it(`dies after ${MAX_CODE_TRIES} wrong tries: even the right code then fails`, async () => {
    const { code, nonce } = await issue(address('dies'));
    const answers = [];
    for (let i = 1; i <= MAX_CODE_TRIES; i++) answers.push(await check(nonce, wrong(code, i)));
    expect(answers).toEqual([
      { ok: false, refusal: 'CodeWrong', triesLeft: 4 },
      { ok: false, refusal: 'CodeWrong', triesLeft: 3 },
      { ok: false, refusal: 'CodeWrong', triesLeft: 2 },
      { ok: false, refusal: 'CodeWrong', triesLeft: 1 },
      { ok: false, refusal: 'CodeDead' },
    ]);
    expect(await check(nonce, code)).toEqual({ ok: false, refusal: 'CodeDead' });
  });

  it('the right code on the last try still works', async () => {
    const { code, nonce } = await issue(address('last-try'));
    for (let i = 1; i < MAX_CODE_TRIES; i++) await check(nonce, wrong(code, i));
    expect(await check(nonce, code)).toMatchObject({ ok: true });
  });

  it('tries made at once take the code’s tries one each: at most 5 are compared', async () => {
    const { code, nonce } = await issue(address('at-once'));
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => check(nonce, wrong(code, i + 1))),
    );
    expect(answers.filter((answer) => !answer.ok && answer.refusal === 'CodeWrong').length).toBe(
      MAX_CODE_TRIES - 1,
    );
    expect(await check(nonce, code)).toEqual({ ok: false, refusal: 'CodeDead' });
  });

  it('the right code typed twice at once signs in once', async () => {
    const { code, nonce } = await issue(address('twice-at-once'));
    const answers = await Promise.all([check(nonce, code), check(nonce, code), check(nonce, code)]);
    expect(answers.filter((answer) => answer.ok)).toHaveLength(1);
  });
});

describe('wrong codes are limited across codes', () => {
  it('per address: asking again does not give new tries beyond the limit', async () => {
    const settings = { ...SETTINGS, failuresPerEmail: 7 };
    const email = address('walker');
    const first = await issue(email, T0, settings);
    for (let i = 1; i <= MAX_CODE_TRIES; i++) {
      await check(first.nonce, wrong(first.code, i), { settings });
    }
    // A new code for the same address, from another client: 2 more wrong tries are allowed…
    const second = await issue(email, at(1000), settings);
    const from = { settings, client: '198.51.100.7' };
    expect(await check(second.nonce, wrong(second.code, 1), from)).toMatchObject({
      refusal: 'CodeWrong',
    });
    expect(await check(second.nonce, wrong(second.code, 2), from)).toMatchObject({
      refusal: 'CodeWrong',
    });
    // …then nothing is compared, not even the right code.
    expect(await check(second.nonce, second.code, from)).toEqual({
      ok: false,
      refusal: 'CodeLimited',
    });
    // A day later the address may try again.
    const third = await issue(email, at(2 * 24 * 3600_000), settings);
    expect(
      await check(third.nonce, third.code, { ...from, now: at(2 * 24 * 3600_000) }),
    ).toMatchObject({ ok: true });
  });

  it('per client: one client cannot walk codes over many addresses', async () => {
    const settings = { ...SETTINGS, failuresPerClient: 6 };
    const client = '192.0.2.77';
    for (let n = 0; n < 3; n++) {
      const { code, nonce } = await issue(address(`spread-${n}`), T0, settings);
      for (let i = 1; i <= 2; i++) {
        expect(await check(nonce, wrong(code, i), { settings, client })).toMatchObject({
          refusal: 'CodeWrong',
        });
      }
    }
    const next = await issue(address('spread-last'), T0, settings);
    expect(await check(next.nonce, next.code, { settings, client })).toEqual({
      ok: false,
      refusal: 'CodeLimited',
    });
    // Another client is not affected.
    expect(await check(next.nonce, next.code, { settings, client: '192.0.2.78' })).toMatchObject({
      ok: true,
    });
  });

  it('right codes do not count against the limits', async () => {
    const settings = { ...SETTINGS, failuresPerEmail: 1, failuresPerClient: 1 };
    const email = address('regular');
    for (let i = 0; i < 4; i++) {
      const { code, nonce } = await issue(email, T0, settings);
      expect(await check(nonce, code, { settings, client: '192.0.2.99' })).toMatchObject({
        ok: true,
      });
    }
  });
});
