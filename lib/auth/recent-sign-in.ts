import 'server-only';
// "Is this really the person?" for changes that a borrowed session must not make (a new sign-in
// address, deleting the account): the session's sign-in must be recent. A session records when
// its sign-in was proven (Session.signedInAt): set when next-auth creates it after a magic link
// (./options.ts). Any other proof added later (a code typed on the site, say) calls
// markSessionSignedIn for the session it proves, and satisfies the same check.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** How recent the sign-in must be before the address changes or the account is deleted. */
export const RECENT_SIGN_IN_MS = 10 * 60_000;

/** The session of a request: its (secret) token, whose it is and when its sign-in was proven. */
export interface CurrentSession {
  token: string;
  userId: string;
  signedInAt: Date | null;
}

export function isRecentSignIn(session: CurrentSession | null, now: Date): boolean {
  if (!session?.signedInAt) return false;
  const age = now.getTime() - session.signedInAt.getTime();
  // A time in the future (clock skew between instances) counts as now, not as "forever recent".
  return age < RECENT_SIGN_IN_MS && age > -60_000;
}

/** Records that this session's sign-in was proven at `at` (a link used, or a code typed). */
export async function markSessionSignedIn(
  db: Kysely<Database>,
  token: string,
  at: Date,
): Promise<void> {
  await db
    .updateTable('Session')
    .set({ signedInAt: at.toISOString() })
    .where('sessionToken', '=', token)
    .execute();
}

export async function readSession(
  db: Kysely<Database>,
  token: string,
): Promise<CurrentSession | null> {
  const row = await db
    .selectFrom('Session')
    .select(['sessionToken', 'userId', 'signedInAt'])
    .where('sessionToken', '=', token)
    .executeTakeFirst();
  if (!row) return null;
  const signedInAt = row.signedInAt ? new Date(row.signedInAt) : null;
  return {
    token: row.sessionToken,
    userId: row.userId,
    signedInAt: signedInAt && !Number.isNaN(signedInAt.getTime()) ? signedInAt : null,
  };
}
