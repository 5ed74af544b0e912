import 'server-only';
// The desk's searches (issue 27): "name or e-mail contains x" in the assistance inbox (the member's
// e-mail and name) and in the quote inbox (the requester's). The predicate that decides a match is
// `lower(col) LIKE '%x%'` as before (containsText), so results and their order are unchanged; what
// changed is that an index finds the candidates (migration 016):
// - Postgres: pg_trgm GIN indexes on `lower(email)` and `lower(coalesce(name, ''))`, the very
//   expressions compared, so the planner answers the LIKE from the index.
// - SQLite: an FTS5 trigram table per searched table; the rows whose text holds every trigram of the
//   search are the candidates, and the same LIKE then decides (FTS5 folds case more widely than
//   SQLite's ASCII-only lower(), so its set is a superset that the LIKE narrows).
// Trigrams need 3 characters: a search of 1 or 2 characters is the LIKE alone. Such a search
// matches most people, so the inbox's newest-first walk (by the created_at index) fills its page
// after a few rows. That walk is bounded (searchInbox): the newest SHORT_SEARCH_WALK requests, and
// when they do not fill the page (a rare letter or pair), the rows are found otherwise: in the
// assistance inbox from the requesters' text (migration 020: one row per member who asked, read
// whole); in the quote inbox, on Postgres, a pair by the bigram indexes (migration 019), else the
// LIKE alone (SQLite walks its requests, which carry their own name and address).
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import { isPostgres } from '../db/dialect';
import * as z from '../forms/zod';
import type { Database } from '../db/schema';
import { likePattern, type InboxCursor } from './schema';

/** The shortest search an index can answer: one trigram. */
export const TRIGRAM_MIN = 3;

/**
 * Whether the trigram indexes can answer `search`: 3 characters or more (lowercased), and no NUL
 * (FTS5 reads a query string up to its first NUL; the LIKE alone takes it).
 */
export function searchUsesIndex(search: string): boolean {
  return [...search.toLowerCase()].length >= TRIGRAM_MIN && !search.includes('\0');
}

/** `lower(column) LIKE '%search%'` with staff's % and _ taken literally; same SQL on both engines. */
export function containsText(column: Expression<unknown>, search: string): Expression<SqlBool> {
  return sql<SqlBool>`lower(${column}) like ${likePattern(search)} escape '\\'`;
}

/** `coalesce(name, '')` with a literal '' (not a parameter), the expression Postgres's index holds. */
function nameOrEmpty(name: Expression<string | null>): Expression<string> {
  return sql<string>`coalesce(${name}, '')`;
}

/** An FTS5 phrase: the text as one quoted string ("" inside stands for a quote). */
function ftsPhrase(search: string): string {
  return `"${search.toLowerCase().replaceAll('"', '""')}"`;
}

type Searched = 'member' | 'quote';

/**
 * How a search finds its rows. `walk`: the list is walked newest first and the LIKE alone decides,
 * stopping after the page (chosen when the search is common: see commonSearch).
 */
export interface SearchPlan {
  walk?: boolean;
  /** Walk only from the newest request down to this one, included (a bounded walk). */
  newest?: InboxCursor;
  /**
   * SQLite: the trigram table's rows whose text holds the search (their rowids), gathered by
   * commonSearch; the LIKE decides among them. Without it, the query asks the trigram table itself.
   */
  candidates?: number[];
}

/** The requests a short search walks before it asks the bigram indexes or the requesters' text. */
export const SHORT_SEARCH_WALK = 500;

/**
 * A list's search, run as `run(plan)` in the way that costs least; results and their order are
 * the same every way (the same LIKE decides, the same order and page):
 * - A search the trigram indexes cannot answer (1 or 2 characters), in the assistance inbox or on
 *   Postgres: the newest `walk` requests of the list (its status and cursor applied), found by
 *   `nth(walk)`, are walked newest first. When they hold a page (`limit` rows), that is the page;
 *   else (a rare search, or fewer requests than that: none is left out) as nameOrEmailContains
 *   says: the requesters' text, or the bigram indexes for a pair in the quote inbox.
 * - Otherwise as commonSearch says (no query at all when the trigram table has no candidate).
 */
export async function searchInbox<T>(
  db: Kysely<Database>,
  searched: Searched,
  search: string | undefined,
  limit: number,
  run: (plan: SearchPlan) => Promise<T[]>,
  nth: (n: number) => Promise<InboxCursor | undefined>,
  walk = SHORT_SEARCH_WALK,
): Promise<T[]> {
  if (!search || searchUsesIndex(search) || (!isPostgres(db) && searched === 'quote')) {
    const plan = await commonSearch(db, searched, search);
    // Nobody's text holds it: no request can match.
    return plan.candidates?.length === 0 ? [] : run(plan);
  }
  const newest = await nth(walk);
  const walked = await run({ walk: true, newest });
  if (!newest || walked.length >= limit) return walked;
  return run({});
}

/** Whether `search` is one pair of characters (lowercased), which the bigram indexes answer. */
function isPair(search: string): boolean {
  return [...search.toLowerCase()].length === 2;
}

/**
 * A search that matches at least this many rows of the trigram table (SQLite) is "common": its
 * candidates would cost more to use (a surname shared by 25,000 people: ~90 ms) than walking the
 * inbox newest first, where matches are then frequent and the page fills after a few rows.
 */
export const COMMON_SEARCH_ROWS = 2000;

/**
 * The trigram table's rows holding `search`, up to COMMON_SEARCH_ROWS (SQLite only): how many, and
 * their rowids as one JSON array (one row back, however many: a common search reads no list).
 */
export function searchCandidatesQuery(searched: Searched, search: string) {
  const fts = sql.table(FTS[searched].search);
  return sql<{
    rows: number;
    docs: string;
  }>`select count(*) as ${sql.id('rows')}, json_group_array(rowid) as ${sql.id('docs')} from (select rowid from ${fts} where ${fts} match ${ftsPhrase(search)} limit ${sql.lit(COMMON_SEARCH_ROWS)})`;
}

/**
 * How to find `search`'s rows on SQLite: its candidates, gathered once from the trigram table (the
 * phrase match is the search's dearest step: the inbox's query gets the ids, not the match); or,
 * for COMMON_SEARCH_ROWS candidates or more, a walk of the inbox. Results and their order are the
 * same either way (the same LIKE decides, the same order and page); only the cost differs. Postgres
 * plans its pg_trgm indexes itself.
 */
export async function commonSearch(
  db: Kysely<Database>,
  searched: Searched,
  search: string | undefined,
): Promise<SearchPlan> {
  if (!search || isPostgres(db) || !searchUsesIndex(search)) return {};
  const { rows } = await searchCandidatesQuery(searched, search).execute(db);
  const found = rows[0] ?? { rows: 0, docs: '[]' };
  if (Number(found.rows) >= COMMON_SEARCH_ROWS) return { walk: true };
  return { candidates: z.array(z.number().int()).parse(JSON.parse(found.docs)) };
}

/**
 * For a search that goes on past an `@` ("jane.doe@gmail.com"), its part up to and including the
 * first `@` ("jane.doe@"), when that part has a trigram of its own; else null. pg_trgm's GIN index
 * reads the whole posting list of every trigram in the pattern, and a domain's trigrams are in most
 * addresses: at 200,000 people the whole address read 974 index pages (≈ 10 ms), its head 254
 * (≈ 3 ms). Every address holding the search holds its head, so nothing is missed; the full LIKE
 * still decides, so results and their order are the same.
 */
export function addressHead(search: string): string | null {
  const at = search.indexOf('@');
  if (at < 0 || at === search.length - 1) return null;
  const head = search.slice(0, at + 1);
  return searchUsesIndex(head) ? head : null;
}

const FTS = {
  member: { search: 'user_search', key: 'user_id' },
  quote: { search: 'contact_request_search', key: 'request_id' },
} as const;

/**
 * Whether the row's e-mail or name contains `search`: `id` is the row's id (User.id for a member,
 * contact_request.id for a quote), `email` and `name` its columns.
 */
export function nameOrEmailContains(
  db: Kysely<Database>,
  searched: Searched,
  row: { id: Expression<string>; email: Expression<string>; name: Expression<string | null> },
  search: string,
  { walk = false, candidates }: SearchPlan = {},
): Expression<SqlBool> {
  const like = sql<SqlBool>`(${containsText(row.email, search)} or ${containsText(nameOrEmpty(row.name), search)})`;
  if (!walk && searched === 'member' && !searchUsesIndex(search)) {
    // The members whose text holds the search (migration 020), then the LIKE on their own row.
    return sql<SqlBool>`(${row.id} in (select user_id from assistance_member_search where text like ${likePattern(search)} escape '\\') and ${like})`;
  }
  if (!walk && isPostgres(db) && isPair(search)) {
    // The bigram indexes' expressions (migration 019), then the LIKE.
    const pair = sql`array[${search.toLowerCase()}]::text[]`;
    return sql<SqlBool>`((sojoourn_bigrams(lower(${row.email})) @> ${pair} or sojoourn_bigrams(lower(${nameOrEmpty(row.name)})) @> ${pair}) and ${like})`;
  }
  const head = !walk && isPostgres(db) ? addressHead(search) : null;
  if (head) {
    // The index is asked for the address's head only; the whole search then decides, on a form of
    // the column (`email || ''`) that the planner cannot hand to the index (see addressHead).
    return sql<SqlBool>`((${containsText(row.email, head)} and ${containsText(sql`${row.email} || ''`, search)}) or ${containsText(nameOrEmpty(row.name), search)})`;
  }
  if (walk || isPostgres(db) || !searchUsesIndex(search)) return like;
  const { search: table, key } = FTS[searched];
  const fts = sql.table(table);
  const doc = sql.table(`${table}_doc`);
  if (candidates) {
    // The candidates' ids from their rows (as many lookups as candidates), then the LIKE.
    return sql<SqlBool>`(${row.id} in (select ${sql.id(key)} from ${doc} where doc in (select value from json_each(${JSON.stringify(candidates)}))) and ${like})`;
  }
  return sql<SqlBool>`(${row.id} in (select ${doc}.${sql.id(key)} from ${fts} join ${doc} on ${doc}.doc = ${fts}.rowid where ${fts} match ${ftsPhrase(search)}) and ${like})`;
}
