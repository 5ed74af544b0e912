// Every named query (lib/db/named-queries.ts) uses an index on this database: its plan, read on a
// seeded database, never scans a whole table that grows with people. SQLite: EXPLAIN QUERY PLAN
// without statistics (the app never runs ANALYZE, so these are the plans it gets), refusing
// "SCAN <table>". Postgres: EXPLAIN with enable_seqscan off after ANALYZE, refusing "Seq Scan on
// <table>": with sequential scans priced out, the planner still picks one only when no index can
// answer the query. On both, a walk of a whole index (no condition on it) counts as a full scan
// unless the query stops after LIMIT rows (the desk's pages). Runs in both unit-test passes.
import { CompiledQuery, sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NAMED_QUERIES, type NamedQuery } from './named-queries';
import type { Database } from './schema';
import { seedPeople } from '@/test/support/seed-people';
import { tempDatabase, testDialect, type TempDatabase } from '@/test/support/temp-db';

/** Tables whose rows grow with the number of people (every table but the billing leases). */
const GROWING_TABLES = new Set<string>([
  'User',
  'Account',
  'Session',
  'VerificationToken',
  'rate_limit',
  'stripe_customer',
  'membership',
  'stripe_event',
  'contact_request',
  'referral_click',
  // One row per partner and day: it grows with time, not people, but is read by its key alone.
  'referral_click_day',
  'assistance_request',
  'email_change_token',
  'event_registration',
  'membership_welcome',
  'request_event',
  'mail_outbox',
  'email_change_undo',
  'former_email',
  'member_file',
  'member_file_step',
  'member_file_event',
  'member_file_document',
  'follower',
  'follower_guide',
  'follow_pending',
  'follow_confirmation',
  'assistance_member_search',
]);

let temp: TempDatabase;
beforeAll(async () => {
  temp = await tempDatabase('query-plans');
  await seedPeople(temp.db, { people: 300 });
  // VACUUM too: rows still in a GIN index's pending list make the planner avoid it (pg_trgm).
  if (temp.dialect === 'postgres') await sql`VACUUM ANALYZE`.execute(temp.db);
}, 120_000);
afterAll(() => temp.dispose());

/** The plan's lines: SQLite's details, Postgres's text plan. */
async function planOf(db: Kysely<Database>, query: CompiledQuery): Promise<string[]> {
  if (temp.dialect === 'sqlite') {
    const result = await db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`EXPLAIN QUERY PLAN ${query.sql}`, [...query.parameters]),
    );
    return result.rows.map((row) => row.detail);
  }
  return db.connection().execute(async (connection) => {
    await sql`SET enable_seqscan = off`.execute(connection);
    try {
      const result = await connection.executeQuery<{ 'QUERY PLAN': string }>(
        CompiledQuery.raw(`EXPLAIN ${query.sql}`, [...query.parameters]),
      );
      return result.rows.map((row) => row['QUERY PLAN']);
    } finally {
      await sql`RESET enable_seqscan`.execute(connection);
    }
  });
}

/**
 * The growing tables a plan reads whole: a table scan, or a walk of a whole index (in its order,
 * with no condition on it) unless the query stops after LIMIT rows.
 */
function fullScans(plan: string[], limited: boolean): string[] {
  const growing = (table: string | undefined) =>
    table && GROWING_TABLES.has(table) ? [table] : [];
  if (temp.dialect === 'sqlite') {
    return plan.flatMap((line) => {
      const scan = /^SCAN (\w+)(?: AS \w+)?( USING (?:COVERING )?INDEX \S+)?$/.exec(line.trim());
      return scan && !(scan[2] && limited) ? growing(scan[1]) : [];
    });
  }
  return plan.flatMap((line, index) => {
    const seq = /Seq Scan on "?(\w+)"?/.exec(line);
    if (seq) return growing(seq[1]);
    const walk = /Index (?:Only )?Scan (?:Backward )?using \S+ on "?(\w+)"?/.exec(line);
    if (!walk || limited) return [];
    // The node's own properties: the lines below it, indented further, up to its first child.
    const depth = line.search(/\S/);
    const properties: string[] = [];
    for (const next of plan.slice(index + 1)) {
      if (next.search(/\S/) <= depth || next.trim().startsWith('->')) break;
      properties.push(next);
    }
    return properties.some((property) => property.includes('Index Cond')) ? [] : growing(walk[1]);
  });
}

/**
 * Postgres: the joins of a plan. A housekeeping delete finds its rows by their own index or row id,
 * never through a join: the planner prices a join's sides by its statistics, and with real ones at
 * 200,000 people `token IN (SELECT … LIMIT n)` became a hash join over a full scan of
 * VerificationToken (npm run bench:data), which plans read with sequential scans priced out
 * cannot show.
 */
const joinsOf = (plan: string[]) =>
  plan.filter((line) => /\b(Nested Loop|Hash Join|Merge Join|Hash Semi Join)\b/.test(line));

async function scansOf(query: NamedQuery) {
  const compiled = query.compile(temp.db);
  const plan = await planOf(temp.db, compiled);
  return { scans: fullScans(plan, /\blimit\b/i.test(compiled.sql)), plan };
}

describe('named queries', () => {
  it('are listed once each, for every part the issue names', () => {
    const names = NAMED_QUERIES.map((query) => query.name);
    expect(new Set(names).size).toBe(names.length);
    for (const part of ['desk.', 'export.', 'deletion.', 'address-change.', 'reminders.']) {
      expect(
        names.some((name) => name.startsWith(part)),
        part,
      ).toBe(true);
    }
    // The look-up of what is due, and one delete per prune.
    expect(names.filter((name) => name.startsWith('housekeeping.')).length).toBe(12);
  });

  it.each(
    NAMED_QUERIES.filter((query) => !query.only || query.only === testDialect()).map(
      (query) => [query.name, query] as const,
    ),
  )('%s uses an index', async (_name, query) => {
    const { scans, plan } = await scansOf(query);
    // A table it reads whole on purpose (named with its reason), and nothing else.
    const allowed = query.readsWhole?.table;
    expect(
      scans.filter((table) => table !== allowed),
      plan.join('\n'),
    ).toEqual([]);
    if (temp.dialect === 'postgres' && query.name.startsWith('housekeeping.'))
      expect(joinsOf(plan), plan.join('\n')).toEqual([]);
  });
});

it('lets a query read whole only the table it names, and names why', async () => {
  const whole = NAMED_QUERIES.filter((query) => query.readsWhole);
  expect(whole.map((query) => query.name).sort()).toEqual([
    'desk.assistance-inbox.short-search-1',
    'desk.assistance-inbox.short-search-2',
  ]);
  for (const query of whole) {
    expect(query.readsWhole?.why.length).toBeGreaterThan(20);
    // It reads that table whole, and only that one (Postgres, with sequential scans priced out
    // here, walks its key's index instead, which a query with a LIMIT may do).
    const { scans } = await scansOf(query);
    expect(scans).toEqual(temp.dialect === 'sqlite' ? [query.readsWhole?.table] : []);
  }
});

it('refuses a query that reads a whole growing table (the check can fail)', async () => {
  const scanning: NamedQuery = {
    name: 'sample.scan',
    compile: (db) =>
      db.selectFrom('contact_request').select('id').where('message', '=', 'hello').compile(),
  };
  const { scans } = await scansOf(scanning);
  expect(scans).toEqual(['contact_request']);
  // Every request, in order: a whole index read, without a limit.
  const walking: NamedQuery = {
    name: 'sample.walk',
    compile: (db) => db.selectFrom('contact_request').select('id').orderBy('created_at').compile(),
  };
  expect((await scansOf(walking)).scans).toEqual(['contact_request']);
});
