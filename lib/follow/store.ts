// The SQL of following guides: followers and what they follow, readers' pending confirmations,
// and the announcements claimed per change. Every count-then-write is one statement (a conditional
// upsert, an insert that does nothing on conflict, a delete that returns what it took), so two
// instances racing on SQLite or Postgres each see a different outcome.
import type { Kysely, Transaction } from 'kysely';
import { CONFIRMATION_RESEND_AFTER_MS, CONFIRMATION_TTL_MS } from './schema';
import { retryWhenBusy } from '../db/busy';
import type { Database } from '../db/schema';

type Db = Kysely<Database> | Transaction<Database>;

export interface FollowerRow {
  id: string;
  /** Where their e-mail goes: the account's current address for a signed-in person. */
  email: string;
  userId: string | null;
  guides: string[];
  /** When they started following each guide (ISO): earlier changes are not announced to them. */
  since: Record<string, string>;
}

/**
 * The follower row of `email` (lower-cased), created if needed; tied to `userId` when given and
 * the row is not someone else's. A signed-in person's own row is found by their account first.
 */
export async function ensureFollower(
  db: Db,
  email: string,
  userId: string | null,
  now: Date,
): Promise<string> {
  if (userId) {
    const own = await db
      .selectFrom('follower')
      .select('id')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (own) return own.id;
  }
  await db
    .insertInto('follower')
    .values({ id: crypto.randomUUID(), email, user_id: userId, created_at: now.toISOString() })
    .onConflict((oc) =>
      oc
        .column('email')
        .doUpdateSet((eb) => ({ user_id: eb.ref('excluded.user_id') }))
        .where('follower.user_id', 'is', null)
        .where((eb) => eb('excluded.user_id', 'is not', null)),
    )
    .execute();
  const row = await db
    .selectFrom('follower')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function addFollow(db: Db, followerId: string, guide: string, now: Date) {
  await db
    .insertInto('follower_guide')
    .values({ follower_id: followerId, guide, created_at: now.toISOString() })
    .onConflict((oc) => oc.columns(['follower_id', 'guide']).doNothing())
    .execute();
}

/** Stops following one guide (or '*'); the follower row is erased when nothing is left. */
export async function removeFollow(db: Kysely<Database>, followerId: string, guide: string) {
  await retryWhenBusy(
    () =>
      db.transaction().execute(async (trx) => {
        await trx
          .deleteFrom('follower_guide')
          .where('follower_id', '=', followerId)
          .where('guide', '=', guide)
          .execute();
        await trx
          .deleteFrom('follower')
          .where('id', '=', followerId)
          .where((eb) =>
            eb.not(
              eb.exists(
                eb
                  .selectFrom('follower_guide')
                  .select('follower_guide.guide')
                  .where('follower_guide.follower_id', '=', followerId),
              ),
            ),
          )
          .execute();
      }),
    { label: 'unfollow' },
  );
}

/** Unfollows everything: the address is gone from our tables. */
export async function eraseFollower(db: Kysely<Database>, followerId: string): Promise<boolean> {
  return retryWhenBusy(
    () =>
      db.transaction().execute(async (trx) => {
        await trx.deleteFrom('follower_guide').where('follower_id', '=', followerId).execute();
        const gone = await trx
          .deleteFrom('follower')
          .where('id', '=', followerId)
          .executeTakeFirst();
        return Number(gone.numDeletedRows) > 0;
      }),
    { label: 'unfollow everything' },
  );
}

/**
 * The statements of eraseFollowsOf (lib/db/named-queries.ts reads their plans): a person's
 * followers by account or address, then their guides, themselves, and the readers' pending
 * requests and links of those addresses. `addresses` and `followerIds` are never empty here.
 */
export function eraseFollowsStatements(
  db: Db,
  userId: string,
  addresses: string[],
  followerIds: string[],
) {
  return {
    followers: db
      .selectFrom('follower')
      .select('id')
      .where((eb) =>
        eb.or([
          eb('user_id', '=', userId),
          ...(addresses.length ? [eb('email', 'in', addresses)] : []),
        ]),
      ),
    guides: db.deleteFrom('follower_guide').where('follower_id', 'in', followerIds),
    followerRows: db.deleteFrom('follower').where('id', 'in', followerIds),
    pending: db.deleteFrom('follow_pending').where('email', 'in', addresses),
    confirmations: db.deleteFrom('follow_confirmation').where('email', 'in', addresses),
  };
}

/** Every follow row of a person, under their account and any of their addresses (deletion). */
export async function eraseFollowsOf(db: Db, userId: string, emails: string[]) {
  const addresses = [...new Set(emails.map((email) => email.toLowerCase()))];
  const followers = await eraseFollowsStatements(db, userId, addresses, []).followers.execute();
  const ids = followers.map(({ id }) => id);
  const statements = eraseFollowsStatements(db, userId, addresses, ids);
  if (ids.length) {
    await statements.guides.execute();
    await statements.followerRows.execute();
  }
  if (addresses.length) {
    await statements.pending.execute();
    await statements.confirmations.execute();
  }
  return ids.length;
}

export async function followerById(db: Db, id: string): Promise<FollowerRow | null> {
  const rows = await followerRows(db, (query) => query.where('follower.id', '=', id));
  return rows[0] ?? null;
}

export async function followerOfUser(db: Db, userId: string): Promise<FollowerRow | null> {
  const rows = await followerRows(db, (query) => query.where('follower.user_id', '=', userId));
  return rows[0] ?? null;
}

/** Every follower with what they follow, in pages of `limit` after `afterId` (the announcements). */
export function listFollowers(db: Db, { limit, afterId }: { limit: number; afterId?: string }) {
  return followerRows(db, (query) =>
    (afterId ? query.where('follower.id', '>', afterId) : query)
      .orderBy('follower.id')
      .limit(limit),
  );
}

type FollowerQuery = ReturnType<typeof followerSelect>;
const followerSelect = (db: Db) =>
  db
    .selectFrom('follower')
    .leftJoin('User', 'User.id', 'follower.user_id')
    .select(['follower.id', 'follower.email', 'follower.user_id', 'User.email as account_email']);

async function followerRows(
  db: Db,
  narrow: (query: FollowerQuery) => FollowerQuery,
): Promise<FollowerRow[]> {
  const followers = await narrow(followerSelect(db)).execute();
  if (!followers.length) return [];
  const guides = await db
    .selectFrom('follower_guide')
    .select(['follower_id', 'guide', 'created_at'])
    .where(
      'follower_id',
      'in',
      followers.map(({ id }) => id),
    )
    .orderBy('created_at')
    .orderBy('guide')
    .execute();
  return followers.map((row) => {
    const own = guides.filter((guide) => guide.follower_id === row.id);
    return {
      id: row.id,
      email: (row.account_email ?? row.email).toLowerCase(),
      userId: row.user_id,
      guides: own.map(({ guide }) => guide),
      since: Object.fromEntries(own.map(({ guide, created_at }) => [guide, created_at])),
    };
  });
}

/** Keeps a reader's request for `guide` until their address is confirmed. */
export async function addPending(db: Db, email: string, guide: string, now: Date) {
  await db
    .insertInto('follow_pending')
    .values({ email, guide, created_at: now.toISOString() })
    .onConflict((oc) =>
      oc.columns(['email', 'guide']).doUpdateSet({ created_at: now.toISOString() }),
    )
    .execute();
}

/**
 * Claims this hour's confirmation e-mail of `email`: stores the new link's hash and returns true,
 * unless a confirmation was mailed to it less than an hour ago (then false, and nothing changes).
 * One conditional upsert: two requests at once on two instances claim it once.
 */
export async function claimConfirmationMail(
  db: Db,
  email: string,
  tokenHash: string,
  now: Date,
): Promise<boolean> {
  const resendAfter = new Date(now.getTime() - CONFIRMATION_RESEND_AFTER_MS).toISOString();
  const row = await db
    .insertInto('follow_confirmation')
    .values({
      email,
      token_hash: tokenHash,
      mailed_at: now.toISOString(),
      expires_at: new Date(now.getTime() + CONFIRMATION_TTL_MS).toISOString(),
    })
    .onConflict((oc) =>
      oc
        .column('email')
        .doUpdateSet((eb) => ({
          token_hash: eb.ref('excluded.token_hash'),
          mailed_at: eb.ref('excluded.mailed_at'),
          expires_at: eb.ref('excluded.expires_at'),
        }))
        .where('follow_confirmation.mailed_at', '<=', resendAfter),
    )
    .returning('email')
    .executeTakeFirst();
  return !!row;
}

/** Gives a claimed confirmation back (its e-mail could not even be stored). */
export async function releaseConfirmationMail(db: Db, email: string, tokenHash: string) {
  await db
    .deleteFrom('follow_confirmation')
    .where('email', '=', email)
    .where('token_hash', '=', tokenHash)
    .execute();
}

/** What a confirmation link would confirm (the page shows it before the button). */
export async function pendingOfToken(
  db: Db,
  tokenHash: string,
  now: Date,
): Promise<string[] | null> {
  const confirmation = await db
    .selectFrom('follow_confirmation')
    .select('email')
    .where('token_hash', '=', tokenHash)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  if (!confirmation) return null;
  const pending = await db
    .selectFrom('follow_pending')
    .select('guide')
    .where('email', '=', confirmation.email)
    .where('created_at', '>', new Date(now.getTime() - CONFIRMATION_TTL_MS).toISOString())
    .orderBy('created_at')
    .execute();
  return pending.map(({ guide }) => guide);
}

/**
 * Confirms the address of a link: its pending requests become follows, the link is used up.
 * The first statement deletes the confirmation (so two clicks at once confirm once).
 */
export async function confirmByToken(
  db: Kysely<Database>,
  tokenHash: string,
  now: Date,
): Promise<{ followerId: string; guides: string[] } | null> {
  return retryWhenBusy(
    () =>
      db.transaction().execute(async (trx) => {
        const used = await trx
          .deleteFrom('follow_confirmation')
          .where('token_hash', '=', tokenHash)
          .where('expires_at', '>', now.toISOString())
          .returning('email')
          .executeTakeFirst();
        if (!used) return null;
        const pending = await trx
          .deleteFrom('follow_pending')
          .where('email', '=', used.email)
          .returning(['guide', 'created_at'])
          .execute();
        const fresh = new Date(now.getTime() - CONFIRMATION_TTL_MS).toISOString();
        const guides = pending.filter((row) => row.created_at > fresh).map(({ guide }) => guide);
        const followerId = await ensureFollower(trx, used.email, null, now);
        for (const guide of guides) await addFollow(trx, followerId, guide, now);
        return { followerId, guides };
      }),
    { label: 'follow confirmation' },
  );
}

/** Whether any announcement was ever claimed (the first start claims what exists silently). */
export async function anyAnnouncementClaimed(db: Db): Promise<boolean> {
  const row = await db.selectFrom('follow_announcement').select('key').limit(1).executeTakeFirst();
  return !!row;
}

/**
 * Claims announcement keys: returns those this call inserted. Another instance's transaction that
 * inserted a key first (committed or not) makes this one skip it: Postgres waits on the unique
 * index then does nothing, SQLite's writer lock serialises the two.
 */
export async function claimAnnouncements(db: Db, keys: string[], now: Date): Promise<Set<string>> {
  const claimed = new Set<string>();
  for (const key of keys) {
    const row = await db
      .insertInto('follow_announcement')
      .values({ key, claimed_at: now.toISOString() })
      .onConflict((oc) => oc.column('key').doNothing())
      .returning('key')
      .executeTakeFirst();
    if (row) claimed.add(row.key);
  }
  return claimed;
}
