// The magic link's life: the e-mail points at our confirmation page (so a mail scanner's GET never
// uses the token up), which can tell a valid link from an expired or already used one.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** next-auth stores sha256(token + secret), never the token itself; same formula here. */
export function hashVerificationToken(token: string, secret: string): string {
  return createHash('sha256').update(`${token}${secret}`).digest('hex');
}

/** Turns next-auth's callback URL into the URL of our confirmation page, keeping its parameters. */
export function confirmationUrl(nextAuthCallbackUrl: string, origin: string): string {
  const callback = new URL(nextAuthCallbackUrl);
  const confirm = new URL('/signin/confirm', origin);
  for (const key of ['token', 'email', 'callbackUrl']) {
    const value = callback.searchParams.get(key);
    if (value) confirm.searchParams.set(key, value);
  }
  return confirm.toString();
}

export type SignInLinkState = 'valid' | 'expired' | 'used';

export async function signInLinkState(
  db: Kysely<Database>,
  link: { token: string; email: string },
  secret: string,
  now: Date = new Date(),
): Promise<SignInLinkState> {
  const row = await db
    .selectFrom('VerificationToken')
    .select(['expires'])
    .where('token', '=', hashVerificationToken(link.token, secret))
    .where('identifier', '=', link.email)
    .executeTakeFirst();
  if (!row) return 'used';
  return new Date(row.expires).getTime() <= now.getTime() ? 'expired' : 'valid';
}
