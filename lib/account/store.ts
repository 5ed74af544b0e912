import 'server-only';
// A member's own data in the database: everything the export reads and the deletion removes, and
// pending changes of sign-in address. The only SQL of the account domain.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { deleteFileOfUser } from '../file/store';
import { eraseFollowsOf } from '../follow/store';

type Db = Kysely<Database>;

/** The person's current sign-in address, or null when the account is gone. */
export async function currentEmailOf(db: Db, userId: string): Promise<string | null> {
  const user = await db
    .selectFrom('User')
    .select('email')
    .where('id', '=', userId)
    .executeTakeFirst();
  return user?.email ?? null;
}

export async function readAccountRows(db: Db, userId: string) {
  const user = await db
    .selectFrom('User')
    .select(['id', 'email', 'name', 'emailVerified'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user) return null;
  const formerEmails = await formerEmailsOf(db, userId);
  const addresses = lowerCased([user.email, ...formerEmails.map((row) => row.email)]);
  const [membership, customer, assistance, quotes, registrations, sessions] = await Promise.all([
    db.selectFrom('membership').selectAll().where('user_id', '=', userId).executeTakeFirst(),
    db
      .selectFrom('stripe_customer')
      .select(['customer_id', 'created_at'])
      .where('user_id', '=', userId)
      .executeTakeFirst(),
    db
      .selectFrom('assistance_request')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('contact_request')
      .select([
        'id',
        'created_at',
        'name',
        'email',
        'phone',
        'situation',
        'nationality',
        'stay_length',
        'procedures',
        'message',
        'language',
        'consented_at',
      ])
      // Quote requests are not tied to an account: matched by e-mail (this one or an earlier
      // one), whatever its case.
      .where((eb) => eb(eb.fn('lower', ['email']), 'in', addresses))
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('event_registration')
      .select(['event_slug', 'status', 'created_at', 'updated_at'])
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .execute(),
    db.selectFrom('Session').select('expires').where('userId', '=', userId).execute(),
  ]);
  return { user, formerEmails, membership, customer, assistance, quotes, registrations, sessions };
}

const lowerCased = (emails: string[]) => [...new Set(emails.map((email) => email.toLowerCase()))];

/** The addresses the user signed in with before this one, oldest change first. */
export async function formerEmailsOf(db: Db, userId: string) {
  return db
    .selectFrom('former_email')
    .select(['email', 'left_at'])
    .where('user_id', '=', userId)
    .orderBy('left_at')
    .execute();
}

export interface DeletedCounts {
  sessions: number;
  assistanceRequests: number;
  quoteRequests: number;
  signInTokens: number;
  emailChangeTokens: number;
}

/**
 * Deletes the user and everything stored about them, under their current address and every
 * earlier one (`emails`), in one transaction. Event registrations go first, through lib/events
 * (so the waiting list moves up); this removes what is left.
 */
export async function deleteAccountRows(
  db: Db,
  userId: string,
  emails: string[],
): Promise<DeletedCounts> {
  const addresses = lowerCased(emails);
  return db.transaction().execute(async (trx) => {
    const n = (result: { numDeletedRows: bigint }) => Number(result.numDeletedRows);
    const sessions = await trx
      .deleteFrom('Session')
      .where('userId', '=', userId)
      .executeTakeFirst();
    const signInTokens = await trx
      .deleteFrom('VerificationToken')
      .where('identifier', 'in', addresses)
      .executeTakeFirst();
    const emailChangeTokens = await trx
      .deleteFrom('email_change_token')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    await trx.deleteFrom('email_change_undo').where('user_id', '=', userId).execute();
    // Their requests' e-mails kept in the outbox (lib/platform/outbox.ts), sent or not, go too:
    // each holds the request's text. Their purposes end with the request's id (a status change's
    // with the status after it). So does every message addressed to them alone (a place opened
    // up, status changes): it holds their address.
    const assistanceIds = (
      await trx
        .selectFrom('assistance_request')
        .select('id')
        .where('user_id', '=', userId)
        .execute()
    ).map(({ id }) => id);
    const quoteIds = (
      await trx
        .selectFrom('contact_request')
        .select('id')
        .where((eb) => eb(eb.fn('lower', ['email']), 'in', addresses))
        .execute()
    ).map(({ id }) => id);
    const purposes = [
      ...assistanceIds.flatMap((id) => [`assistance:staff:${id}`, `assistance:member:${id}`]),
      ...quoteIds.flatMap((id) => [`contact:staff:${id}`, `contact:requester:${id}`]),
    ];
    const alone = [...new Set([...emails, ...addresses])].map((email) => JSON.stringify([email]));
    await trx
      .deleteFrom('mail_outbox')
      .where((eb) =>
        eb.or([
          eb('recipients', 'in', alone),
          ...(purposes.length ? [eb('purpose', 'in', purposes)] : []),
          ...assistanceIds.map((id) => eb('purpose', 'like', `assistance:status:${id}:%`)),
        ]),
      )
      .execute();
    // The staff inbox's history of their requests (who changed the status, when) goes with them.
    await trx
      .deleteFrom('request_event')
      .where((eb) =>
        eb.or([
          ...(assistanceIds.length
            ? [
                eb.and([
                  eb('request_kind', '=', 'assistance'),
                  eb('request_id', 'in', assistanceIds),
                ]),
              ]
            : []),
          ...(quoteIds.length
            ? [eb.and([eb('request_kind', '=', 'quote'), eb('request_id', 'in', quoteIds)])]
            : []),
          eb.lit(false),
        ]),
      )
      .execute();
    const assistance = await trx
      .deleteFrom('assistance_request')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    const quotes = await trx
      .deleteFrom('contact_request')
      .where((eb) => eb(eb.fn('lower', ['email']), 'in', addresses))
      .executeTakeFirst();
    // Their Carte Vitale file: steps, notes, history and checklist.
    await deleteFileOfUser(trx, userId);
    // What they follow (issue 23), under their account and every address, pending requests too.
    await eraseFollowsOf(trx, userId, addresses);
    await trx.deleteFrom('event_registration').where('user_id', '=', userId).execute();
    await trx.deleteFrom('membership_welcome').where('user_id', '=', userId).execute();
    await trx.deleteFrom('membership').where('user_id', '=', userId).execute();
    await trx.deleteFrom('stripe_customer').where('user_id', '=', userId).execute();
    await trx.deleteFrom('former_email').where('user_id', '=', userId).execute();
    await trx.deleteFrom('Account').where('userId', '=', userId).execute();
    await trx.deleteFrom('User').where('id', '=', userId).execute();
    return {
      sessions: n(sessions),
      assistanceRequests: n(assistance),
      quoteRequests: n(quotes),
      signInTokens: n(signInTokens),
      emailChangeTokens: n(emailChangeTokens),
    };
  });
}

export async function emailBelongsToAnotherUser(
  db: Db,
  email: string,
  userId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('User')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .where('id', '!=', userId)
    .executeTakeFirst();
  return Boolean(row);
}

/** Stores a pending change (one per user: a new request replaces the previous link). */
export async function storeEmailChange(
  db: Db,
  change: { tokenHash: string; userId: string; newEmail: string; now: Date; expiresAt: Date },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('email_change_token').where('user_id', '=', change.userId).execute();
    await trx
      .insertInto('email_change_token')
      .values({
        token_hash: change.tokenHash,
        user_id: change.userId,
        new_email: change.newEmail,
        created_at: change.now.toISOString(),
        expires_at: change.expiresAt.toISOString(),
      })
      .execute();
  });
}

export async function findEmailChange(db: Db, tokenHash: string) {
  return db
    .selectFrom('email_change_token')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/**
 * Moves the user from `oldEmail` to `newEmail`, in one transaction: the address left behind is
 * remembered, every session but `keepSession` ends, the sign-in links still pending for either
 * address stop working, and the undo link's hash is stored. Used by a confirmation and by an undo
 * (which also spends every other undo link of the user: the account is back at an address its
 * owner proved). False when the link was already used.
 */
export async function moveUserEmail(
  db: Db,
  move: {
    userId: string;
    oldEmail: string;
    newEmail: string;
    now: Date;
    /** The link that proves the move, spent here (once): a confirmation or an undo. */
    spends: { link: 'confirmation' | 'undo'; tokenHash: string };
    /** The session that confirmed; none for an undo (it ends every session). */
    keepSession?: string;
    /** The old address's undo link; none for an undo. */
    undo?: { tokenHash: string; expiresAt: Date };
  },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const table = move.spends.link === 'undo' ? 'email_change_undo' : 'email_change_token';
    const used = await trx
      .deleteFrom(table)
      .where('token_hash', '=', move.spends.tokenHash)
      .executeTakeFirst();
    if (Number(used.numDeletedRows) === 0) return false;
    // A change still waiting for its confirmation is dropped either way.
    await trx.deleteFrom('email_change_token').where('user_id', '=', move.userId).execute();
    if (move.spends.link === 'undo') {
      await trx.deleteFrom('email_change_undo').where('user_id', '=', move.userId).execute();
    }
    await trx
      .updateTable('User')
      .set({ email: move.newEmail })
      .where('id', '=', move.userId)
      .execute();
    await trx
      .deleteFrom('former_email')
      .where('user_id', '=', move.userId)
      .where('email', '=', move.oldEmail.toLowerCase())
      .execute();
    await trx
      .insertInto('former_email')
      .values({
        user_id: move.userId,
        email: move.oldEmail.toLowerCase(),
        left_at: move.now.toISOString(),
      })
      .execute();
    let sessions = trx.deleteFrom('Session').where('userId', '=', move.userId);
    if (move.keepSession) sessions = sessions.where('sessionToken', '!=', move.keepSession);
    await sessions.execute();
    await trx
      .deleteFrom('VerificationToken')
      .where('identifier', 'in', lowerCased([move.oldEmail, move.newEmail]))
      .execute();
    if (move.undo) {
      await trx
        .insertInto('email_change_undo')
        .values({
          token_hash: move.undo.tokenHash,
          user_id: move.userId,
          old_email: move.oldEmail,
          new_email: move.newEmail,
          created_at: move.now.toISOString(),
          expires_at: move.undo.expiresAt.toISOString(),
        })
        .execute();
    }
    return true;
  });
}

export async function findEmailChangeUndo(db: Db, tokenHash: string) {
  return db
    .selectFrom('email_change_undo')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}
