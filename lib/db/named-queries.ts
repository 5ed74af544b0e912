// Every query the staff desk, the data export, the account deletion, the change of address, the
// file reminders and the housekeeping run, by name, in one place: lib/db/query-plans.test.ts reads
// each one's plan (EXPLAIN QUERY PLAN on SQLite, EXPLAIN on Postgres) and refuses a full scan of a
// table that grows with people. Each is built by the store function the app itself calls (with
// sample parameters), so the list cannot drift from the code. Add a query here with its store.
import type { CompiledQuery, Kysely } from 'kysely';
import { housekeepingBatches, housekeepingProbe } from './housekeeping';
import type { Database } from './schema';
import {
  accountExportQueries,
  addressMoveStatements,
  addressTakenQuery,
  deletionLookups,
  deletionStatements,
} from '../account/store';
import { assistanceInboxQuery, assistanceRequestByIdQuery } from '../assistance/store';
import { membershipCountsQuery } from '../billing/membership-store';
import { contactInboxQuery, contactRequestByIdQuery } from '../contact/store';
import {
  attendeesPageQuery,
  countWithStatusQuery,
  registrationsOfUserQuery,
} from '../events/store';
import { claimStepUpdate } from '../file/reminders-store';
import { fileDeleteStatements, fileIdsOfUserQuery, fileQueries } from '../file/store';
import { eraseFollowsStatements } from '../follow/store';
import { INBOX_PAGE_SIZE } from '../inbox/schema';
import { searchCandidatesQuery } from '../inbox/search';
import { DESK_SEARCH_QUERIES } from '../inbox/search-queries';
import { nthRequestQuery, requestEventsQuery } from '../inbox/store';
import { referralClickDaysQuery, referralClicksTodayQuery } from '../referrals/store';

export interface NamedQuery {
  name: string;
  /** A query one database alone runs (the SQLite trigram table's, Postgres's bigram indexes'). */
  only?: 'sqlite' | 'postgres';
  /**
   * The one growing table this query reads whole, on purpose, and why: the plan test allows that
   * scan and no other. Kept for the requesters' text of the short searches (one row per member who
   * asked, a tenth of the people at 200,000: 1–3 ms).
   */
  readsWhole?: { table: string; why: string };
  compile(db: Kysely<Database>): CompiledQuery;
}

/** What a short search reads when the newest requests do not fill its page (migration 020). */
const REQUESTERS_TEXT = {
  table: 'assistance_member_search',
  why: 'one or two characters have no trigram: the text of each member who asked is read, one row per requester (not per person)',
};

// Sample parameters: any values of the right shape (a plan does not depend on them).
const NOW = new Date('2026-06-15T12:00:00.000Z');
const USER = '00000000-0000-4000-8000-000000000001';
const OTHER_USER = '00000000-0000-4000-8000-000000000002';
const EMAIL = 'someone@example.test';
const FORMER_EMAIL = 'someone-before@example.test';
const ADDRESSES = [EMAIL, FORMER_EMAIL];
const IDS = ['00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-0000000000a2'];
const CURSOR = { createdAt: '2026-06-01T10:00:00.000Z', id: IDS[0]! };
const FILE_ID = '00000000-0000-4000-8000-0000000000f1';
const EVENT = 'sample-event';
/** One more than a page: what the desk's lists ask for. */
const PAGE = INBOX_PAGE_SIZE + 1;

type Compilable = { compile(): CompiledQuery } | { compile(db: Kysely<Database>): CompiledQuery };

/** `builder(db)` compiled: query builders compile alone, raw SQL against the database's dialect. */
const named = (name: string, builder: (db: Kysely<Database>) => Compilable): NamedQuery => ({
  name,
  compile: (db) => (builder(db) as { compile(db: Kysely<Database>): CompiledQuery }).compile(db),
});

const deskQueries: NamedQuery[] = [
  named('desk.assistance-inbox', (db) => assistanceInboxQuery(db, PAGE)),
  named('desk.assistance-inbox.by-status', (db) =>
    assistanceInboxQuery(db, PAGE, { status: 'new' }),
  ),
  named('desk.assistance-inbox.older', (db) =>
    assistanceInboxQuery(db, PAGE, { status: 'new', before: CURSOR }),
  ),
  named('desk.quote-inbox', (db) => contactInboxQuery(db, PAGE)),
  named('desk.quote-inbox.by-status', (db) => contactInboxQuery(db, PAGE, { status: 'answered' })),
  named('desk.quote-inbox.older', (db) => contactInboxQuery(db, PAGE, { before: CURSOR })),
  // A search on SQLite (lib/inbox/search.ts, commonSearch): its candidates from the trigram table,
  // up to a bound; then the list for those ids, or, when the bound is reached (a search shared by
  // thousands), the list walked newest first to the page.
  {
    ...named('desk.search-candidates', () => searchCandidatesQuery('member', 'martin')),
    only: 'sqlite',
  },
  {
    ...named('desk.quote-search-candidates', () => searchCandidatesQuery('quote', 'martin')),
    only: 'sqlite',
  },
  {
    ...named('desk.assistance-inbox.candidates', (db) =>
      assistanceInboxQuery(db, PAGE, { search: 'martin' }, { candidates: [1, 2] }),
    ),
    only: 'sqlite',
  },
  {
    ...named('desk.quote-inbox.candidates', (db) =>
      contactInboxQuery(db, PAGE, { search: 'martin' }, { candidates: [1, 2] }),
    ),
    only: 'sqlite',
  },
  named('desk.assistance-inbox.common-search', (db) =>
    assistanceInboxQuery(db, PAGE, { search: 'martin' }, { walk: true }),
  ),
  named('desk.quote-inbox.common-search', (db) =>
    contactInboxQuery(db, PAGE, { search: 'martin' }, { walk: true }),
  ),
  // A search of one or two characters (lib/inbox/search.ts, searchInbox): the newest requests
  // walked down to the SHORT_SEARCH_WALKth, then, when they do not fill a page, the requesters'
  // text (assistance inbox; a table of one row per requester, read whole) or the bigram indexes
  // (a pair in the quote inbox on Postgres).
  named('desk.inbox-nth-request', (db) => nthRequestQuery(db, 'assistance_request', {}, 500)),
  named('desk.quote-inbox-nth-request', (db) =>
    nthRequestQuery(db, 'contact_request', { status: 'new' }, 500),
  ),
  named('desk.assistance-inbox.short-search-walk', (db) =>
    assistanceInboxQuery(db, PAGE, { search: 'du' }, { walk: true, newest: CURSOR }),
  ),
  named('desk.quote-inbox.short-search-walk', (db) =>
    contactInboxQuery(db, PAGE, { search: 'du' }, { walk: true, newest: CURSOR }),
  ),
  ...(['zq', 'q'] as const).map((search) => ({
    ...named(`desk.assistance-inbox.short-search-${search.length}`, (db) =>
      assistanceInboxQuery(db, PAGE, { search }),
    ),
    readsWhole: REQUESTERS_TEXT,
  })),
  {
    ...named('desk.quote-inbox.pair-search', (db) => contactInboxQuery(db, PAGE, { search: 'zq' })),
    only: 'postgres',
  },
  // A request's own page: the request, its history (and, for assistance, the member's file).
  named('desk.assistance-request', (db) => assistanceRequestByIdQuery(db, IDS[0]!)),
  named('desk.quote-request', (db) => contactRequestByIdQuery(db, IDS[0]!)),
  named('desk.request-history', (db) => requestEventsQuery(db, 'assistance', IDS)),
  named('desk.member-counts', (db) => membershipCountsQuery(db, NOW)),
  named('desk.referral-click-days', (db) =>
    referralClickDaysQuery(db, 'partirassur', '2026-04-20', '2026-06-15'),
  ),
  named('desk.referral-clicks-today', (db) => referralClicksTodayQuery(db, 'partirassur', NOW)),
  named('desk.event-attendees', (db) => attendeesPageQuery(db, EVENT, { limit: PAGE })),
  named('desk.event-attendees.next-page', (db) =>
    attendeesPageQuery(db, EVENT, { limit: PAGE, after: CURSOR }),
  ),
  named('desk.event-going-count', (db) => countWithStatusQuery(db, EVENT, 'going')),
  named('desk.event-waiting-count', (db) => countWithStatusQuery(db, EVENT, 'waiting')),
];

// The desk's file counts and overdue list, and the reminders job, walk the files in pages by id.
const fileQueriesByName: NamedQuery[] = [
  named('files.version', (db) => fileQueries(db).version()),
  named('files.page', (db) => fileQueries(db).page(100)),
  named('files.page.next', (db) => fileQueries(db).page(100, FILE_ID)),
  named('files.steps-of-page', (db) => fileQueries(db).stepsOfFiles(IDS)),
  named('member-file.of-user', (db) => fileQueries(db).ofUser(USER)),
  named('member-file.steps', (db) => fileQueries(db).steps(FILE_ID)),
  named('member-file.history', (db) => fileQueries(db).history(FILE_ID, 200)),
  named('member-file.documents', (db) => fileQueries(db).documents(FILE_ID)),
  named('reminders.claim-step', (db) =>
    claimStepUpdate(
      db,
      { fileId: FILE_ID, stepId: 'sample-step', seen: { remindersSent: 0, lastRemindedAt: null } },
      NOW.toISOString(),
    ),
  ),
];

/** Every read of the export and every statement of a deletion or an address move, by its name. */
const each = <T extends Record<string, Compilable>>(
  prefix: string,
  build: (db: Kysely<Database>) => T,
  names: (keyof T & string)[],
): NamedQuery[] => names.map((key) => named(`${prefix}.${key}`, (db) => build(db)[key]!));

const EXPORT_READS = [
  'user',
  'formerEmails',
  'membership',
  'customer',
  'assistance',
  'quotes',
  'registrations',
  'sessions',
] as const;

const DELETION_STATEMENTS = [
  'sessions',
  'signInTokens',
  'emailChangeTokens',
  'emailChangeUndos',
  'outbox',
  'requestHistory',
  'assistance',
  'quotes',
  'registrations',
  'welcome',
  'membership',
  'customer',
  'formerEmails',
  'accounts',
  'user',
] as const;

const ADDRESS_MOVE_STATEMENTS = [
  'pendingChanges',
  'undoLinks',
  'user',
  'formerEmail',
  'sessions',
  'signInLinks',
] as const;

const accountQueries: NamedQuery[] = [
  ...each('export', (db) => accountExportQueries(db, USER, ADDRESSES), [...EXPORT_READS]),
  ...each('deletion', (db) => deletionLookups(db, USER, ADDRESSES), ['assistanceIds', 'quoteIds']),
  named('deletion.registrationsOfUser', (db) => registrationsOfUserQuery(db, USER)),
  named('deletion.fileIds', (db) => fileIdsOfUserQuery(db, USER)),
  ...each('deletion.file', (db) => fileDeleteStatements(db, [FILE_ID]), [
    'documents',
    'history',
    'steps',
    'files',
  ]),
  ...each(
    'deletion',
    (db) => deletionStatements(db, USER, ADDRESSES, { assistanceIds: IDS, quoteIds: IDS }),
    [...DELETION_STATEMENTS],
  ),
  ...each('deletion.follows', (db) => eraseFollowsStatements(db, USER, ADDRESSES, IDS), [
    'followers',
    'guides',
    'followerRows',
    'pending',
    'confirmations',
  ]),
  named('address-change.address-taken', (db) => addressTakenQuery(db, EMAIL, USER)),
  ...each(
    'address-change',
    (db) =>
      addressMoveStatements(db, {
        userId: USER,
        oldEmail: FORMER_EMAIL,
        newEmail: EMAIL,
        keepSession: OTHER_USER,
      }),
    [...ADDRESS_MOVE_STATEMENTS],
  ),
];

// The look-up that finds which prunes have rows due, and each prune's batch (the outbox's given-up
// e-mails count as sentMail: named apart).
const housekeepingQueries: NamedQuery[] = [
  named('housekeeping.probe', () => housekeepingProbe(housekeepingBatches(NOW))),
  ...housekeepingBatches(NOW).map(({ prune, name, batch }) =>
    named(`housekeeping.${name ?? prune}`, (db) => batch(200, db)),
  ),
];

export const NAMED_QUERIES: NamedQuery[] = [
  ...deskQueries,
  ...DESK_SEARCH_QUERIES,
  ...fileQueriesByName,
  ...accountQueries,
  ...housekeepingQueries,
];
