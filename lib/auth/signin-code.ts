// The 6-digit code e-mailed beside each sign-in link (issue 24). It is another way to hand in the
// same next-auth verification token, not a second sign-in: the code unlocks the link's token,
// kept sealed here, and the route passes that token to next-auth's own e-mail callback (one
// session model, one signIn callback, the link's limits).
//
// A code answers one request from one browser: that browser got a random nonce in an httpOnly
// cookie when it asked (only the nonce's hash is stored), and the code works only with it. Stored:
// the code's keyed hash and the token sealed with a key derived from the nonce and the code, so
// the table alone (or with the server's secret) gives neither. One code per address: a new request
// replaces the previous one. A code dies after 10 minutes (SIGNIN_CODE_MAX_AGE_SECONDS), once used,
// or after MAX_CODE_TRIES tries; wrong codes are also limited per address and per client over all
// codes (rate-limit.ts), so asking again and again does not give a way to walk 10^6 codes.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { randomInt, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { reserveRateLimits } from '../platform/rate-limit';

export const MAX_CODE_TRIES = 5;
export const CODE_DIGITS = 6;

export interface CodeSettings {
  maxAgeMs: number;
  failuresPerEmail: number;
  failuresPerClient: number;
  windowMs: number;
}

/** A keyed hash of an address: the code tables never hold one in clear. */
export function addressKey(address: string, secret: string): string {
  return createHmac('sha256', secret).update(`signin-address\n${address}`).digest('hex');
}

const nonceHash = (nonce: string) => createHash('sha256').update(nonce).digest('hex');

function codeHash(nonce: string, code: string, secret: string): string {
  return createHmac('sha256', secret).update(`signin-code\n${nonce}\n${code}`).digest('hex');
}

function sealKey(nonce: string, code: string, secret: string): Buffer {
  return createHash('sha256').update(`signin-code-seal\n${secret}\n${nonce}\n${code}`).digest();
}

interface Sealed {
  token: string;
  email: string;
}

function seal(value: Sealed, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

function unseal(sealed: string, key: Buffer): Sealed | null {
  try {
    const raw = Buffer.from(sealed, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
    const parsed = JSON.parse(text.toString('utf8')) as Partial<Sealed>;
    return typeof parsed.token === 'string' && typeof parsed.email === 'string'
      ? { token: parsed.token, email: parsed.email }
      : null;
  } catch {
    return null;
  }
}

/** "123 456", "123-456" or a pasted " 123456 " → "123456"; anything else → null. */
export function normalizeCode(typed: string): string | null {
  const digits = typed.replace(/[\s\u00a0\-.]/g, '');
  return new RegExp(`^\\d{${CODE_DIGITS}}$`).test(digits) ? digits : null;
}

/** The code as the e-mail shows it: "123 456". */
export const displayCode = (code: string) => `${code.slice(0, 3)} ${code.slice(3)}`;

export interface IssuedCode {
  code: string;
  /** Goes to the asking browser only, in an httpOnly cookie. */
  nonce: string;
  expires: Date;
}

/**
 * Makes the code for one sign-in request (next-auth's token for `address`), replacing any code the
 * address had: one statement, so two requests at once leave exactly one code.
 */
export async function issueSignInCode(
  db: Kysely<Database>,
  request: { address: string; token: string; callbackUrl: string },
  { secret, settings, now = new Date() }: { secret: string; settings: CodeSettings; now?: Date },
): Promise<IssuedCode> {
  const code = String(randomInt(0, 10 ** CODE_DIGITS)).padStart(CODE_DIGITS, '0');
  const nonce = randomBytes(32).toString('base64url');
  const expires = new Date(now.getTime() + settings.maxAgeMs);
  const row = {
    nonce_hash: nonceHash(nonce),
    identifier_hash: addressKey(request.address, secret),
    code_hash: codeHash(nonce, code, secret),
    sealed_token: seal(
      { token: request.token, email: request.address },
      sealKey(nonce, code, secret),
    ),
    callback_url: request.callbackUrl.slice(0, 2000),
    created_at: now.toISOString(),
    expires_at: expires.toISOString(),
    tries: 0,
  };
  // Codes nobody typed in time: gone with the next request (the expiry column is indexed).
  await db.deleteFrom('signin_code').where('expires_at', '<', now.toISOString()).execute();
  await db
    .insertInto('signin_code')
    .values(row)
    .onConflict((oc) => oc.column('identifier_hash').doUpdateSet(row))
    .execute();
  return { code, nonce, expires };
}

export type CodeRefusal =
  'CodeFormat' | 'CodeMissing' | 'CodeExpired' | 'CodeDead' | 'CodeLimited' | 'CodeWrong';

export type CodeCheck =
  | { ok: true; email: string; token: string; callbackUrl: string }
  | { ok: false; refusal: CodeRefusal; triesLeft?: number };

/** Wrong codes allowed per address and per client over all codes (the address as its hash). */
export function codeFailureChecks(addressHash: string, client: string, settings: CodeSettings) {
  const rule = (bucket: string, limit: number) => ({ bucket, limit, windowMs: settings.windowMs });
  return [
    { rule: rule('signin-code-email', settings.failuresPerEmail), key: addressHash },
    { rule: rule('signin-code-client', settings.failuresPerClient), key: client },
  ];
}

/**
 * Checks a typed code against the code this browser's nonce stands for. On success the code is
 * gone (single use) and the link's token comes back for next-auth's callback.
 */
export async function checkSignInCode(
  db: Kysely<Database>,
  attempt: { nonce: string | null; typed: string; client: string },
  { secret, settings, now = new Date() }: { secret: string; settings: CodeSettings; now?: Date },
): Promise<CodeCheck> {
  const code = normalizeCode(attempt.typed);
  if (!code) return { ok: false, refusal: 'CodeFormat' };
  if (!attempt.nonce || attempt.nonce.length > 100) return { ok: false, refusal: 'CodeMissing' };
  const key = nonceHash(attempt.nonce);
  const row = await db
    .selectFrom('signin_code')
    .select(['identifier_hash', 'expires_at', 'tries'])
    .where('nonce_hash', '=', key)
    .executeTakeFirst();
  if (!row) return { ok: false, refusal: 'CodeMissing' };
  if (new Date(row.expires_at).getTime() <= now.getTime()) {
    return { ok: false, refusal: 'CodeExpired' };
  }
  if (row.tries >= MAX_CODE_TRIES) return { ok: false, refusal: 'CodeDead' };

  // Counted before the code is compared, so that tries made at once cannot pass the limits.
  const reservation = await reserveRateLimits(
    db,
    codeFailureChecks(row.identifier_hash, attempt.client, settings),
    now,
  );
  if (!reservation.allowed) return { ok: false, refusal: 'CodeLimited' };
  // Each try takes one of the code's MAX_CODE_TRIES before it is compared, for the same reason.
  const claimed = await db
    .updateTable('signin_code')
    .set((eb) => ({ tries: eb('tries', '+', 1) }))
    .where('nonce_hash', '=', key)
    .where('tries', '<', MAX_CODE_TRIES)
    .returning(['tries', 'code_hash', 'sealed_token', 'callback_url'])
    .executeTakeFirst();
  if (!claimed) {
    await reservation.release();
    return { ok: false, refusal: 'CodeDead' };
  }
  const expected = Buffer.from(claimed.code_hash, 'hex');
  const given = Buffer.from(codeHash(attempt.nonce, code, secret), 'hex');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    const triesLeft = MAX_CODE_TRIES - Number(claimed.tries);
    return triesLeft > 0
      ? { ok: false, refusal: 'CodeWrong', triesLeft }
      : { ok: false, refusal: 'CodeDead' };
  }
  // Right: only wrong codes count against the limits. Used once: whoever deletes it, uses it.
  await reservation.release();
  const used = await db
    .deleteFrom('signin_code')
    .where('nonce_hash', '=', key)
    .where('code_hash', '=', claimed.code_hash)
    .where('expires_at', '>', now.toISOString())
    .returning('nonce_hash')
    .executeTakeFirst();
  if (!used) return { ok: false, refusal: 'CodeMissing' };
  const sealed = unseal(claimed.sealed_token, sealKey(attempt.nonce, code, secret));
  if (!sealed) return { ok: false, refusal: 'CodeMissing' };
  return { ok: true, ...sealed, callbackUrl: claimed.callback_url };
}
