// The contact form's fill-time token: when the form was handed out, signed so it cannot be
// back-dated. A submission faster than a person can type is a robot. Each token also carries a
// random nonce, stored with the request, so one token stores at most one request (a double post
// or a replay is a no-op). Pure (node:crypto only): the server, unit tests and the load script
// share it; the secret is passed in.
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

/**
 * form: handed out with a fresh form (the timing check applies).
 * confirm: handed out with a refused-but-kept submission (the person already filled the form, so
 * the next send is not timed).
 */
export type FormTokenPurpose = 'form' | 'confirm';

export type FormTokenCheck =
  | { kind: 'ok'; nonce: string; issuedAt: number; purpose: FormTokenPurpose }
  | { kind: 'too-fast'; nonce: string; issuedAt: number }
  | { kind: 'missing' }
  | { kind: 'invalid' }
  | { kind: 'expired' };

const LABEL = 'sojoourn-contact-form-v1';
/** A form left open longer than this gets a fresh token (and a "send again" step), not a drop. */
export const FORM_TOKEN_MAX_AGE_MS = 24 * 3600_000;
/** Allowance for clocks of several instances disagreeing a little. */
const CLOCK_SKEW_MS = 60_000;

function sign(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(`${LABEL}|${payload}`).digest('base64url');
}

export function issueFormToken(
  secret: string,
  {
    now = Date.now(),
    purpose = 'form',
    nonce = randomUUID(),
  }: {
    now?: number;
    purpose?: FormTokenPurpose;
    nonce?: string;
  } = {},
): string {
  const payload = `${purpose === 'form' ? 'f' : 'c'}.${Math.floor(now)}.${nonce}`;
  return `${payload}.${sign(secret, payload)}`;
}

export function checkFormToken(
  token: string | null | undefined,
  secret: string,
  { now = Date.now(), minFillMs }: { now?: number; minFillMs: number },
): FormTokenCheck {
  if (!token) return { kind: 'missing' };
  const parts = token.split('.');
  if (parts.length !== 4) return { kind: 'invalid' };
  const [purposeCode, issuedRaw, nonce, signature] = parts as [string, string, string, string];
  const expected = Buffer.from(sign(secret, `${purposeCode}.${issuedRaw}.${nonce}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { kind: 'invalid' };
  }
  const issuedAt = Number(issuedRaw);
  if (!/^\d{1,15}$/.test(issuedRaw) || !/^[\w-]{8,64}$/.test(nonce)) return { kind: 'invalid' };
  if (purposeCode !== 'f' && purposeCode !== 'c') return { kind: 'invalid' };
  if (issuedAt > now + CLOCK_SKEW_MS) return { kind: 'invalid' };
  if (now - issuedAt > FORM_TOKEN_MAX_AGE_MS) return { kind: 'expired' };
  const purpose: FormTokenPurpose = purposeCode === 'f' ? 'form' : 'confirm';
  if (purpose === 'form' && now - issuedAt < minFillMs)
    return { kind: 'too-fast', nonce, issuedAt };
  return { kind: 'ok', nonce, issuedAt, purpose };
}
