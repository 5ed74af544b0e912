// The magic link's life: the e-mail points at our confirmation page (so a mail scanner's GET never
// uses the token up), which can tell a valid link from an expired, an already used and a made-up
// (or truncated) one. next-auth deletes a token when it is used, so uses are recorded beside it
// (signin_link_used, until the link would have expired anyway).
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { VerificationToken } from 'next-auth/adapters';
import type { Database } from '../db/schema';
import { addressKey } from './signin-code';

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

export type SignInLinkState = 'valid' | 'expired' | 'used' | 'invalid';

type UseVerificationToken = (params: {
  identifier: string;
  token: string;
}) => PromiseLike<VerificationToken | null> | VerificationToken | null;

/** How long a used link's record outlives the link: a late click still reads "expired". */
const USED_LINK_GRACE_MS = 24 * 3600_000;

/**
 * The adapter's useVerificationToken (next-auth's callback calls it with the hashed token), also
 * recording the use: a later click reads "already used" (or "expired"), not "not valid".
 */
export function recordingLinkUses(
  use: UseVerificationToken,
  db: () => Promise<Kysely<Database>>,
  secret: string,
  clock: () => Date = () => new Date(),
): (params: { identifier: string; token: string }) => Promise<VerificationToken | null> {
  return async (params) => {
    const invite = await use(params);
    if (!invite) return invite;
    const now = clock();
    const conn = await db();
    await conn
      .deleteFrom('signin_link_used')
      .where('expires_at', '<', new Date(now.getTime() - USED_LINK_GRACE_MS).toISOString())
      .execute();
    await conn
      .insertInto('signin_link_used')
      .values({
        token_hash: params.token,
        identifier_hash: addressKey(invite.identifier, secret),
        expires_at: new Date(invite.expires).toISOString(),
      })
      .onConflict((oc) => oc.column('token_hash').doNothing())
      .execute();
    return invite;
  };
}

export async function signInLinkState(
  db: Kysely<Database>,
  link: { token: string; email: string },
  secret: string,
  now: Date = new Date(),
): Promise<SignInLinkState> {
  const tokenHash = hashVerificationToken(link.token, secret);
  const row = await db
    .selectFrom('VerificationToken')
    .select(['expires'])
    .where('token', '=', tokenHash)
    .where('identifier', '=', link.email)
    .executeTakeFirst();
  if (row) return new Date(row.expires).getTime() <= now.getTime() ? 'expired' : 'valid';
  const used = await db
    .selectFrom('signin_link_used')
    .select('expires_at')
    .where('token_hash', '=', tokenHash)
    .where('identifier_hash', '=', addressKey(link.email, secret))
    .executeTakeFirst();
  if (!used) return 'invalid';
  // Past its expiry (used or tried too late) a link is expired: the more useful answer.
  return new Date(used.expires_at).getTime() <= now.getTime() ? 'expired' : 'used';
}
