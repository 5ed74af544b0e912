import 'server-only';
// A member's own data in the database: everything the export reads and the deletion removes, and
// pending changes of sign-in address. The only SQL of the account domain.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;

export async function readAccountRows(db: Db, userId: string) {
  const user = await db
    .selectFrom('User')
    .select(['id', 'email', 'name', 'emailVerified'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user) return null;
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
      // Quote requests are not tied to an account: matched by e-mail, whatever its case.
      .where((eb) => eb(eb.fn('lower', ['email']), '=', user.email.toLowerCase()))
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
  return { user, membership, customer, assistance, quotes, registrations, sessions };
}

export interface DeletedCounts {
  sessions: number;
  assistanceRequests: number;
  quoteRequests: number;
  signInTokens: number;
  emailChangeTokens: number;
}

/**
 * Deletes the user and everything stored about them, in one transaction. Event registrations go
 * first, through lib/events (so the waiting list moves up); this removes what is left.
 */
export async function deleteAccountRows(
  db: Db,
  userId: string,
  email: string,
): Promise<DeletedCounts> {
  return db.transaction().execute(async (trx) => {
    const n = (result: { numDeletedRows: bigint }) => Number(result.numDeletedRows);
    const sessions = await trx
      .deleteFrom('Session')
      .where('userId', '=', userId)
      .executeTakeFirst();
    const signInTokens = await trx
      .deleteFrom('VerificationToken')
      .where('identifier', '=', email.toLowerCase())
      .executeTakeFirst();
    const emailChangeTokens = await trx
      .deleteFrom('email_change_token')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    // Their requests' e-mails kept in the outbox (lib/platform/outbox.ts), sent or not, go too:
    // each holds the request's text. Their purposes end with the request's id (a status change's
    // with the status after it). So does every message addressed to them alone (a place opened
    // up, status changes): it holds their address.
    const assistanceIds = await trx
      .selectFrom('assistance_request')
      .select('id')
      .where('user_id', '=', userId)
      .execute();
    const quoteIds = await trx
      .selectFrom('contact_request')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
      .execute();
    const purposes = [
      ...assistanceIds.flatMap(({ id }) => [`assistance:staff:${id}`, `assistance:member:${id}`]),
      ...quoteIds.flatMap(({ id }) => [`contact:staff:${id}`, `contact:requester:${id}`]),
    ];
    await trx
      .deleteFrom('mail_outbox')
      .where((eb) =>
        eb.or([
          eb('recipients', '=', JSON.stringify([email])),
          ...(purposes.length ? [eb('purpose', 'in', purposes)] : []),
          ...assistanceIds.map(({ id }) => eb('purpose', 'like', `assistance:status:${id}:%`)),
        ]),
      )
      .execute();
    const assistance = await trx
      .deleteFrom('assistance_request')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    const quotes = await trx
      .deleteFrom('contact_request')
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
      .executeTakeFirst();
    await trx.deleteFrom('event_registration').where('user_id', '=', userId).execute();
    await trx.deleteFrom('membership_welcome').where('user_id', '=', userId).execute();
    await trx.deleteFrom('membership').where('user_id', '=', userId).execute();
    await trx.deleteFrom('stripe_customer').where('user_id', '=', userId).execute();
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

/** Uses the token (once) and moves the user to the new address, in one transaction. */
export async function applyEmailChange(
  db: Db,
  change: { tokenHash: string; userId: string; newEmail: string },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const used = await trx
      .deleteFrom('email_change_token')
      .where('token_hash', '=', change.tokenHash)
      .executeTakeFirst();
    if (Number(used.numDeletedRows) === 0) return false;
    await trx
      .updateTable('User')
      .set({ email: change.newEmail })
      .where('id', '=', change.userId)
      .execute();
    return true;
  });
}
