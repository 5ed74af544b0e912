import 'server-only';
// Who is looking at this request, read once per request. Every gate asks lib/access about it.
import { getServerSession } from 'next-auth';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { authOptions } from './options';
import { readSession, type CurrentSession } from './recent-sign-in';
import { READER, type SignedInViewer, type Viewer } from '../access';
import { membershipFor } from '../billing';
import { getDb } from '../db';
import { staffEmailList } from '../platform/env';
import { SESSION_COOKIES } from '../platform/reader-pages';

/** The viewer of the current request, once per request. Every gate asks lib/access about it. */
export const getViewer = cache(async (): Promise<Viewer> => {
  const session = await getServerSession(authOptions);
  const userId = session?.user?.id;
  const email = session?.user?.email;
  if (!userId || !email) return READER;
  return {
    kind: 'user',
    userId,
    email,
    isStaff: staffEmailList().includes(email.toLowerCase()),
    // Re-read from Stripe once when the stored paid period is over; access fails closed until then.
    membership: await membershipFor(userId),
  };
});

/** For pages that need a signed-in person: sends others to sign in and back to `returnTo`. */
export async function requireSignedIn(returnTo: string): Promise<SignedInViewer> {
  const viewer = await getViewer();
  if (viewer.kind === 'reader') redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return viewer;
}

/** When the person first confirmed their address, i.e. created their account. */
export async function accountCreatedAt(userId: string): Promise<Date | null> {
  const db = await getDb();
  const row = await db
    .selectFrom('User')
    .select('emailVerified')
    .where('id', '=', userId)
    .executeTakeFirst();
  return row?.emailVerified ? new Date(row.emailVerified) : null;
}

/** The session of the current request (to ask how recent its sign-in is); null for readers. */
export async function currentSession(): Promise<CurrentSession | null> {
  const jar = await cookies();
  const token = SESSION_COOKIES.map((name) => jar.get(name)?.value).find(Boolean);
  if (!token) return null;
  return readSession(await getDb(), token.slice(0, 200));
}
