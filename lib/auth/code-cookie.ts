// The cookies of sign-in by code: the nonce that binds a code to the browser that asked
// (./signin-code.ts), and, for a moment after a refused code, what was typed (so the page can show
// it again without putting it in an address bar or a log). Both httpOnly and SameSite=Lax: another
// site's form cannot submit a code with them.
import { siteUrl } from '../platform/site-url';

const secure = () => siteUrl().startsWith('https://');

/** On https the __Host- prefix: only this exact host, path / and Secure can set it. */
export const codeNonceCookieName = () =>
  secure() ? '__Host-sojoourn.signin-code' : 'sojoourn.signin-code';

export const TYPED_CODE_COOKIE = 'sojoourn.signin-code-typed';
export const CHECK_EMAIL_PATH = '/signin/check-email';

function serialize(name: string, value: string, path: string, maxAgeSeconds: number): string {
  const parts = [
    `${name}=${encodeURIComponent(value)}`,
    `Path=${path}`,
    `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`,
    'HttpOnly',
    'SameSite=Lax',
  ];
  if (secure()) parts.push('Secure');
  return parts.join('; ');
}

export const setCodeNonceCookie = (nonce: string, expires: Date, now = new Date()) =>
  serialize(codeNonceCookieName(), nonce, '/', (expires.getTime() - now.getTime()) / 1000);

export const clearCodeNonceCookie = () => serialize(codeNonceCookieName(), '', '/', 0);

export const setTypedCodeCookie = (typed: string) =>
  serialize(TYPED_CODE_COOKIE, typed.slice(0, 20), CHECK_EMAIL_PATH, 120);

export const clearTypedCodeCookie = () => serialize(TYPED_CODE_COOKIE, '', CHECK_EMAIL_PATH, 0);

/** One cookie's value from a Cookie header. */
export function readCookie(header: string | null, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index < 0 || part.slice(0, index).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(index + 1).trim());
    } catch {
      return null;
    }
  }
  return null;
}
