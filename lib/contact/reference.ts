// The reference of a stored free-quote request, carried to the thank-you page in a short-lived
// cookie set by the form's action: the same reference the confirmation e-mail gives. Signed, so
// the page shows only a reference this site issued to this browser, and never in the address
// (nothing to copy from history, logs or a shared link). The reference alone opens nothing: the
// page shows it and reads no request. Pure (node:crypto only); the secret is passed in.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const CONTACT_REFERENCE_COOKIE = 'sojoourn-quote-ref';
/** Long enough to reload the thank-you page, short enough not to linger on a shared computer. */
export const CONTACT_REFERENCE_MAX_AGE_S = 3600;

const LABEL = 'sojoourn-contact-reference-v1';
const REFERENCE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const sign = (secret: string, reference: string) =>
  createHmac('sha256', secret).update(`${LABEL}|${reference}`).digest('base64url');

/** The cookie's value for a request's reference (its id). */
export function sealReference(reference: string, secret: string): string {
  return `${reference}.${sign(secret, reference)}`;
}

/** The reference in a cookie value, or null when it is missing, malformed or not signed by us. */
export function openReference(value: string | null | undefined, secret: string): string | null {
  if (!value || value.length > 200) return null;
  const dot = value.indexOf('.');
  const reference = value.slice(0, dot);
  if (dot < 0 || !REFERENCE.test(reference)) return null;
  const given = Buffer.from(value.slice(dot + 1));
  const expected = Buffer.from(sign(secret, reference));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return reference;
}
