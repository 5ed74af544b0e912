import 'server-only';
// A member's own data in the database: everything the export reads and the deletion removes, and
// pending changes of sign-in address. The only SQL of the account domain.
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../db/schema';
import { ASSISTANCE_STATUSES } from '../assistance/schema';
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

// The export's reads, one builder each (lib/db/named-queries.ts reads their plans).
export const accountExportQueries = (db: Db, userId: string, addresses: string[]) => ({
  user: db
    .selectFrom('User')
    .select(['id', 'email', 'name', 'emailVerified'])
    .where('id', '=', userId),
  formerEmails: db
    .selectFrom('former_email')
    .select(['email', 'left_at'])
    .where('user_id', '=', userId)
    .orderBy('left_at'),
  membership: db.selectFrom('membership').selectAll().where('user_id', '=', userId),
  customer: db
    .selectFrom('stripe_customer')
    .select(['customer_id', 'created_at'])
    .where('user_id', '=', userId),
  assistance: db
    .selectFrom('assistance_request')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at'),
  quotes: db
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
    .where(byAddress(addresses))
    .orderBy('created_at'),
  registrations: db
    .selectFrom('event_registration')
    .select(['event_slug', 'status', 'created_at', 'updated_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at'),
  sessions: db.selectFrom('Session').select('expires').where('userId', '=', userId),
});

export async function readAccountRows(db: Db, userId: string) {
  const user = await accountExportQueries(db, userId, []).user.executeTakeFirst();
  if (!user) return null;
  const formerEmails = await formerEmailsOf(db, userId);
  const addresses = lowerCased([user.email, ...formerEmails.map((row) => row.email)]);
  const queries = accountExportQueries(db, userId, addresses);
  const [membership, customer, assistance, quotes, registrations, sessions] = await Promise.all([
    queries.membership.executeTakeFirst(),
    queries.customer.executeTakeFirst(),
    queries.assistance.execute(),
    queries.quotes.execute(),
    queries.registrations.execute(),
    queries.sessions.execute(),
  ]);
  return { user, formerEmails, membership, customer, assistance, quotes, registrations, sessions };
}

/**
 * `lower(email) IN (addresses)` (addresses lower-cased): the expression the lower(email) indexes
 * of migration 015 are built on. No address matches nothing.
 */
const byAddress = (addresses: string[]) =>
  addresses.length ? sql<SqlBool>`lower(email) in (${sql.join(addresses)})` : sql<SqlBool>`1 = 0`;

const lowerCased = (emails: string[]) => [...new Set(emails.map((email) => email.toLowerCase()))];

/** The addresses the user signed in with before this one, oldest change first. */
export async function formerEmailsOf(db: Db, userId: string) {
  return accountExportQueries(db, userId, []).formerEmails.execute();
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
/** What the deletion needs to know before it deletes: the ids of the person's requests. */
export const deletionLookups = (db: Db, userId: string, addresses: string[]) => ({
  assistanceIds: db.selectFrom('assistance_request').select('id').where('user_id', '=', userId),
  quoteIds: db.selectFrom('contact_request').select('id').where(byAddress(addresses)),
});

/**
 * The outbox's e-mails that hold a person's data: those of their requests (purposes end with the
 * request's id; a status change's with the status after it, one of a known few) and every message
 * addressed to them alone (a place opened up, status changes): it holds their address.
 */
function outboxOfPersonDelete(
  db: Db,
  emails: string[],
  assistanceIds: string[],
  quoteIds: string[],
) {
  const addresses = lowerCased(emails);
  const alone = [...new Set([...emails, ...addresses])].map((email) => JSON.stringify([email]));
  const purposes = [
    ...assistanceIds.flatMap((id) => [
      `assistance:staff:${id}`,
      `assistance:member:${id}`,
      ...Object.keys(ASSISTANCE_STATUSES).map((status) => `assistance:status:${id}:${status}`),
    ]),
    ...quoteIds.flatMap((id) => [`contact:staff:${id}`, `contact:requester:${id}`]),
  ];
  return db
    .deleteFrom('mail_outbox')
    .where((eb) =>
      eb.or([
        eb('recipients', 'in', alone),
        ...(purposes.length ? [eb('purpose', 'in', purposes)] : []),
      ]),
    );
}

/**
 * The staff inbox's history of these requests (who changed the status, when): one (kind, ids) look-up
 * per kind on the request_event index. No requests: nothing (an OR with a constant false term would
 * make SQLite read the whole table).
 */
function requestHistoryDelete(db: Db, assistanceIds: string[], quoteIds: string[]) {
  const kinds = [
    { kind: 'assistance', ids: assistanceIds },
    { kind: 'quote', ids: quoteIds },
  ].filter(({ ids }) => ids.length);
  return db
    .deleteFrom('request_event')
    .where((eb) =>
      kinds.length
        ? eb.or(
            kinds.map(({ kind, ids }) =>
              eb.and([eb('request_kind', '=', kind), eb('request_id', 'in', ids)]),
            ),
          )
        : eb.lit(false),
    );
}

/**
 * Every statement of a deletion, in the order it runs, given what deletionLookups found. Event
 * registrations go before, through lib/events (so the waiting list moves up); the member's file
 * through lib/file (deleteFileOfUser), between the requests and the billing rows.
 */
export const deletionStatements = (
  db: Db,
  userId: string,
  emails: string[],
  { assistanceIds, quoteIds }: { assistanceIds: string[]; quoteIds: string[] },
) => {
  const addresses = lowerCased(emails);
  return {
    sessions: db.deleteFrom('Session').where('userId', '=', userId),
    signInTokens: db.deleteFrom('VerificationToken').where('identifier', 'in', addresses),
    emailChangeTokens: db.deleteFrom('email_change_token').where('user_id', '=', userId),
    emailChangeUndos: db.deleteFrom('email_change_undo').where('user_id', '=', userId),
    outbox: outboxOfPersonDelete(db, emails, assistanceIds, quoteIds),
    requestHistory: requestHistoryDelete(db, assistanceIds, quoteIds),
    assistance: db.deleteFrom('assistance_request').where('user_id', '=', userId),
    quotes: db.deleteFrom('contact_request').where(byAddress(addresses)),
    registrations: db.deleteFrom('event_registration').where('user_id', '=', userId),
    welcome: db.deleteFrom('membership_welcome').where('user_id', '=', userId),
    membership: db.deleteFrom('membership').where('user_id', '=', userId),
    customer: db.deleteFrom('stripe_customer').where('user_id', '=', userId),
    formerEmails: db.deleteFrom('former_email').where('user_id', '=', userId),
    accounts: db.deleteFrom('Account').where('userId', '=', userId),
    user: db.deleteFrom('User').where('id', '=', userId),
  };
};

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
    const lookups = deletionLookups(trx, userId, addresses);
    const assistanceIds = (await lookups.assistanceIds.execute()).map(({ id }) => id);
    const quoteIds = (await lookups.quoteIds.execute()).map(({ id }) => id);
    const statements = deletionStatements(trx, userId, emails, { assistanceIds, quoteIds });
    const sessions = await statements.sessions.executeTakeFirst();
    const signInTokens = await statements.signInTokens.executeTakeFirst();
    const emailChangeTokens = await statements.emailChangeTokens.executeTakeFirst();
    await statements.emailChangeUndos.execute();
    // Their requests' e-mails kept in the outbox (lib/platform/outbox.ts), sent or not: each
    // holds the request's text or their address.
    await statements.outbox.execute();
    if (assistanceIds.length || quoteIds.length) await statements.requestHistory.execute();
    const assistance = await statements.assistance.executeTakeFirst();
    const quotes = await statements.quotes.executeTakeFirst();
    // Their Carte Vitale file: steps, notes, history and checklist.
    await deleteFileOfUser(trx, userId);
    // What they follow (issue 23), under their account and every address, pending requests too.
    await eraseFollowsOf(trx, userId, addresses);
    await statements.registrations.execute();
    await statements.welcome.execute();
    await statements.membership.execute();
    await statements.customer.execute();
    await statements.formerEmails.execute();
    await statements.accounts.execute();
    await statements.user.execute();
    return {
      sessions: n(sessions),
      assistanceRequests: n(assistance),
      quoteRequests: n(quotes),
      signInTokens: n(signInTokens),
      emailChangeTokens: n(emailChangeTokens),
    };
  });
}

/** Another account already signs in with this address (whatever its case). */
export const addressTakenQuery = (db: Db, email: string, userId: string) =>
  db
    .selectFrom('User')
    .select('id')
    .where(byAddress([email.toLowerCase()]))
    .where('id', '!=', userId);

export async function emailBelongsToAnotherUser(
  db: Db,
  email: string,
  userId: string,
): Promise<boolean> {
  const row = await addressTakenQuery(db, email, userId).executeTakeFirst();
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

/** The statements of an address move that find rows by something other than their key. */
export const addressMoveStatements = (
  db: Db,
  move: { userId: string; oldEmail: string; newEmail: string; keepSession?: string },
) => {
  let sessions = db.deleteFrom('Session').where('userId', '=', move.userId);
  if (move.keepSession) sessions = sessions.where('sessionToken', '!=', move.keepSession);
  return {
    pendingChanges: db.deleteFrom('email_change_token').where('user_id', '=', move.userId),
    undoLinks: db.deleteFrom('email_change_undo').where('user_id', '=', move.userId),
    user: db.updateTable('User').set({ email: move.newEmail }).where('id', '=', move.userId),
    formerEmail: db
      .deleteFrom('former_email')
      .where('user_id', '=', move.userId)
      .where('email', '=', move.oldEmail.toLowerCase()),
    sessions,
    signInLinks: db
      .deleteFrom('VerificationToken')
      .where('identifier', 'in', lowerCased([move.oldEmail, move.newEmail])),
  };
};

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
    const statements = addressMoveStatements(trx, move);
    // A change still waiting for its confirmation is dropped either way.
    await statements.pendingChanges.execute();
    if (move.spends.link === 'undo') await statements.undoLinks.execute();
    await statements.user.execute();
    await statements.formerEmail.execute();
    await trx
      .insertInto('former_email')
      .values({
        user_id: move.userId,
        email: move.oldEmail.toLowerCase(),
        left_at: move.now.toISOString(),
      })
      .execute();
    await statements.sessions.execute();
    await statements.signInLinks.execute();
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
