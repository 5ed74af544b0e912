import { describe, expect, it } from 'vitest';
import { FORM_TOKEN_MAX_AGE_MS, checkFormToken, issueFormToken } from './token';

const SECRET = 'test-secret';
const T0 = Date.UTC(2026, 10, 26, 12, 0, 0);

describe('contact form fill-time token', () => {
  it('accepts a token once the minimum fill time has passed', () => {
    const token = issueFormToken(SECRET, { now: T0, nonce: 'nonce-1234' });
    expect(checkFormToken(token, SECRET, { now: T0 + 3000, minFillMs: 3000 })).toEqual({
      kind: 'ok',
      nonce: 'nonce-1234',
      issuedAt: T0,
      purpose: 'form',
    });
  });

  it('flags a submission faster than the minimum', () => {
    const token = issueFormToken(SECRET, { now: T0 });
    expect(checkFormToken(token, SECRET, { now: T0 + 2999, minFillMs: 3000 }).kind).toBe(
      'too-fast',
    );
  });

  it('does not time a confirm token (the person already filled the form)', () => {
    const token = issueFormToken(SECRET, { now: T0, purpose: 'confirm' });
    expect(checkFormToken(token, SECRET, { now: T0 + 10, minFillMs: 3000 })).toMatchObject({
      kind: 'ok',
      purpose: 'confirm',
    });
  });

  it('refuses forged, re-signed and malformed tokens', () => {
    const token = issueFormToken(SECRET, { now: T0 });
    const [purpose, , nonce, signature] = token.split('.');
    // Back-dating the time breaks the signature.
    const backdated = `${purpose}.${T0 - 60_000}.${nonce}.${signature}`;
    expect(checkFormToken(backdated, SECRET, { now: T0 + 10, minFillMs: 3000 }).kind).toBe(
      'invalid',
    );
    // Turning a form token into an untimed confirm token breaks it too.
    const promoted = `c.${T0}.${nonce}.${signature}`;
    expect(checkFormToken(promoted, SECRET, { now: T0 + 10, minFillMs: 3000 }).kind).toBe(
      'invalid',
    );
    expect(
      checkFormToken(issueFormToken('another-secret', { now: T0 - 60_000 }), SECRET, {
        now: T0,
        minFillMs: 3000,
      }).kind,
    ).toBe('invalid');
    for (const junk of ['x', 'a.b.c', 'a.b.c.d.e', `${token}x`]) {
      expect(checkFormToken(junk, SECRET, { now: T0 + 5000, minFillMs: 0 }).kind).toBe('invalid');
    }
  });

  it('tells missing, future and expired tokens apart', () => {
    expect(checkFormToken('', SECRET, { now: T0, minFillMs: 0 }).kind).toBe('missing');
    expect(checkFormToken(null, SECRET, { now: T0, minFillMs: 0 }).kind).toBe('missing');
    const future = issueFormToken(SECRET, { now: T0 + 10 * 60_000 });
    expect(checkFormToken(future, SECRET, { now: T0, minFillMs: 0 }).kind).toBe('invalid');
    const old = issueFormToken(SECRET, { now: T0 });
    expect(
      checkFormToken(old, SECRET, { now: T0 + FORM_TOKEN_MAX_AGE_MS + 1, minFillMs: 0 }).kind,
    ).toBe('expired');
  });

  it('gives each token its own nonce', () => {
    const a = checkFormToken(issueFormToken(SECRET, { now: T0 }), SECRET, {
      now: T0,
      minFillMs: 0,
    });
    const b = checkFormToken(issueFormToken(SECRET, { now: T0 }), SECRET, {
      now: T0,
      minFillMs: 0,
    });
    expect(a.kind === 'ok' && b.kind === 'ok' && a.nonce !== b.nonce).toBe(true);
  });
});
