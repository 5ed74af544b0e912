// The one-click stop in every reminder e-mail: a token naming the file (never the address), signed
// with the app secret (HMAC-SHA256) and good for STOP_TOKEN_MAX_AGE_MS. Whoever holds it can do one
// thing: turn that file's reminders off. Pure (node:crypto only): the secret and time are passed in.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { DAY_MS } from './reminders-cadence';

const LABEL = 'sojoourn-file-reminders-stop-v1';
/** Long enough for the link of a first reminder to work after the third (28 days later) and beyond. */
export const STOP_TOKEN_MAX_AGE_MS = 180 * DAY_MS;
/** What a token looks like, for zod and the route (a file id is a UUID). */
export const STOP_TOKEN_PATTERN = /^[0-9a-f-]{36}\.\d{1,12}\.[\w-]{43}$/;

export type StopTokenCheck =
  { kind: 'ok'; fileId: string } | { kind: 'invalid' } | { kind: 'expired' };

function sign(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(`${LABEL}|${payload}`).digest('base64url');
}

export function issueStopToken(secret: string, fileId: string, now: Date): string {
  const expires = Math.floor((now.getTime() + STOP_TOKEN_MAX_AGE_MS) / 1000);
  const payload = `${fileId}.${expires}`;
  return `${payload}.${sign(secret, payload)}`;
}

export function checkStopToken(token: string, secret: string, now: Date): StopTokenCheck {
  if (!STOP_TOKEN_PATTERN.test(token)) return { kind: 'invalid' };
  const [fileId, expiresRaw, signature] = token.split('.') as [string, string, string];
  const expected = Buffer.from(sign(secret, `${fileId}.${expiresRaw}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { kind: 'invalid' };
  }
  if (Number(expiresRaw) * 1000 <= now.getTime()) return { kind: 'expired' };
  return { kind: 'ok', fileId };
}
