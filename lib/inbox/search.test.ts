// The desk's searches start from an index (issue 27, migration 016) and return exactly what the
// plain `lower(col) LIKE '%x%'` scan returned, in the same order: compared here on seeded people
// and requests (names with accents, capitals, % and _, quotes, no name at all; requests sharing a
// timestamp), for long searches (index) and short ones (the LIKE alone), with status and paging.
import { Migrator, sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { likePattern, type InboxFilter } from './schema';
import { DESK_SEARCH_QUERIES } from './search-queries';
import { addressHead, commonSearch, COMMON_SEARCH_ROWS, searchUsesIndex } from './search';
import { assistanceInboxQuery, listAllAssistanceRequests } from '../assistance/store';
import { contactInboxQuery, listContactRequests } from '../contact/store';
import type { Database } from '../db/schema';
import { migrateToLatest, openDatabase } from '../db/connect';
import { migrationProvider } from '../db/migrations';
import { emptyDatabase, tempDatabase, type TempDatabase } from '@/test/support/temp-db';

let temp: TempDatabase;
const PEOPLE = [
  ['Ana Dupont', 'ana.dupont@example.test'],
  ['Élodie Durand', 'elodie@mail.example'],
  ['ÉLISE Martin', 'Elise.Martin@Example.TEST'],
  ['Zoë 50% Brontë', 'zoe_b@example.test'],
  [null, 'no-name@example.test'],
  ['Jean "JJ" Dupont-Moreau', 'jj@dupont.fr'],
  ['Bob', 'bob@x.fr'],
  ['', 'empty-name@example.test'],
  ['Marie Curie', 'MARIE@EXAMPLE.TEST'],
  ['Ängel Ñúñez', 'angel@exämple.test'],
  ['Léa @home+2@example.test', 'lea@example.test'],
] as const;

const STATUSES = ['new', 'in_progress', 'answered', 'closed'];
const SEARCHES = [
  'dupont',
  'DUPONT',
  'dup',
  'ont',
  'élo',
  'ÉLO',
  'éli',
  'elise.martin',
  'example.test',
  'EXAMPLE',
  '50%',
  '%',
  '_',
  'zoe_b',
  '"jj"',
  'jean "jj"',
  'ñúñ',
  'ÑÚÑ',
  'no-name',
  'ana dupont',
  'a',
  'É',
  'du',
  'x.',
  'nobody-has-this',
  'zz',
  '😀😀😀',
  '* ^ : ( ) near and',
  // Addresses: Postgres asks its index for the part up to the @ (addressHead), the LIKE decides.
  'ana.dupont+3@example.test',
  'ELISE.MARTIN+1@EXAMPLE.TEST',
  '+2@example.test',
  '+2@example',
  'jj+5@dupont.fr',
  'zoe_b+0@',
  'x@y',
  '@example.test',
  'e+2@ex%',
];
/** SQLite only: Postgres refuses a NUL in text, before and after migration 016 alike. */
const NUL_SEARCH = 'du\0pont';

beforeAll(async () => {
  temp = await tempDatabase('desk-search');
  const { db } = temp;
  // Each person several times over (a fresh id and a numbered address), so pages fill up and
  // requests share timestamps.
  let n = 0;
  for (let copy = 0; copy < 8; copy++) {
    for (const [name, email] of PEOPLE) {
      n++;
      const id = crypto.randomUUID();
      const [local, domain] = email.split('@');
      await db
        .insertInto('User')
        .values({ id, email: `${local}+${copy}@${domain}`, name, emailVerified: null, image: null })
        .execute();
      const createdAt = new Date(Date.UTC(2026, 0, 1, 0, 0, n % 37)).toISOString();
      for (const r of [0, 1]) {
        await db
          .insertInto('assistance_request')
          .values({
            id: crypto.randomUUID(),
            user_id: id,
            created_at: createdAt,
            updated_at: createdAt,
            topic: 'health',
            description: 'Help',
            contact_method: 'email',
            phone: null,
            language: 'en',
            status: STATUSES[(n + r) % STATUSES.length] ?? 'new',
          })
          .execute();
      }
      await db
        .insertInto('contact_request')
        .values({
          id: crypto.randomUUID(),
          created_at: createdAt,
          name: name ?? 'Anonymous',
          email: `${local}+${copy}@${domain}`,
          phone: null,
          situation: 'arriving',
          nationality: 'uk',
          stay_length: '3-12-months',
          procedures: '[]',
          message: 'Hello',
          language: 'en',
          consented_at: createdAt,
          form_nonce: crypto.randomUUID(),
          status: STATUSES[n % STATUSES.length] ?? 'new',
        })
        .execute();
    }
  }
  // A change of name or address reaches the index (SQLite: the triggers; Postgres: the index).
  await db
    .updateTable('User')
    .set({ name: 'Renamed Person' })
    .where('email', '=', 'bob+0@x.fr')
    .execute();
  await db
    .updateTable('User')
    .set({ email: 'moved+1@x.fr' })
    .where('email', '=', 'bob+1@x.fr')
    .execute();
  await db
    .deleteFrom('assistance_request')
    .where('user_id', 'in', db.selectFrom('User').select('id').where('email', '=', 'bob+2@x.fr'))
    .execute();
  await db.deleteFrom('User').where('email', '=', 'bob+2@x.fr').execute();
  await db.deleteFrom('contact_request').where('email', '=', 'bob+3@x.fr').execute();
});
afterAll(() => temp.dispose());

/** The search as it was before migration 016: the LIKE scan, spelled out. */
const contains = (column: string, search: string) =>
  sql`lower(${sql.ref(column)}) like ${likePattern(search)} escape '\\'`;

async function assistanceBefore(db: Kysely<Database>, limit: number, filter: InboxFilter) {
  let query = db
    .selectFrom('assistance_request')
    .innerJoin('User', 'User.id', 'assistance_request.user_id')
    .select(['assistance_request.id']);
  if (filter.status) query = query.where('assistance_request.status', '=', filter.status);
  const search = filter.search;
  if (search)
    query = query.where(
      sql<boolean>`(${contains('User.email', search)} or lower(coalesce("User"."name", '')) like ${likePattern(search)} escape '\\')`,
    );
  const before = filter.before;
  if (before)
    query = query.where(
      sql<boolean>`(assistance_request.created_at < ${before.createdAt} or (assistance_request.created_at = ${before.createdAt} and assistance_request.id > ${before.id}))`,
    );
  const rows = await query
    .orderBy('assistance_request.created_at', 'desc')
    .orderBy('assistance_request.id')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

async function quotesBefore(db: Kysely<Database>, limit: number, filter: InboxFilter) {
  let query = db.selectFrom('contact_request').select('id');
  if (filter.status) query = query.where('status', '=', filter.status);
  const search = filter.search;
  if (search)
    query = query.where(
      sql<boolean>`(${contains('email', search)} or ${contains('name', search)})`,
    );
  const before = filter.before;
  if (before)
    query = query.where(
      sql<boolean>`(created_at < ${before.createdAt} or (created_at = ${before.createdAt} and id > ${before.id}))`,
    );
  const rows = await query.orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
  return rows.map((row) => row.id);
}

describe('migration 016 on a database that already has people', () => {
  it('indexes who was there before it ran', async () => {
    const empty = await emptyDatabase('desk-search-upgrade');
    const db = openDatabase(empty.url);
    try {
      const migrator = new Migrator({ db, provider: migrationProvider });
      const names = Object.keys(await migrationProvider.getMigrations()).sort();
      const before = names[names.indexOf('016_desk_search') - 1] ?? '';
      expect((await migrator.migrateTo(before)).error).toBeUndefined();
      const id = crypto.randomUUID();
      await db
        .insertInto('User')
        .values({
          id,
          email: 'early@example.test',
          name: 'Early Bird',
          emailVerified: null,
          image: null,
        })
        .execute();
      await db
        .insertInto('assistance_request')
        .values({
          id: crypto.randomUUID(),
          user_id: id,
          created_at: '2026-01-01T00:00:00.000Z',
          updated_at: '2026-01-01T00:00:00.000Z',
          topic: 'health',
          description: 'Help',
          contact_method: 'email',
          phone: null,
          language: 'en',
          status: 'new',
        })
        .execute();
      await migrateToLatest(db);
      const found = await listAllAssistanceRequests(db, 10, { search: 'early bird' });
      expect(found.map((r) => r.memberEmail)).toEqual(['early@example.test']);
      // Migration 020 (SQLite) and 019 (Postgres) know them too: a pair, without the walk.
      const pair = await assistanceInboxQuery(db, 10, { search: 'ly' }).execute();
      expect(pair.map((r) => r.member_email)).toEqual(['early@example.test']);
    } finally {
      await db.destroy();
      await empty.dispose();
    }
  });
});

describe('a search shared by thousands of people', () => {
  it('walks the inbox on SQLite instead of gathering every match, and finds the same', async () => {
    const common = await tempDatabase('desk-search-common');
    const { db } = common;
    try {
      const ids = Array.from({ length: COMMON_SEARCH_ROWS + 5 }, () => crypto.randomUUID());
      for (let start = 0; start < ids.length; start += 500) {
        const chunk = ids.slice(start, start + 500);
        await db
          .insertInto('User')
          .values(
            chunk.map((id, i) => ({
              id,
              email: `p${start + i}@example.test`,
              name: `Ana Commonname ${start + i}`,
              emailVerified: null,
              image: null,
            })),
          )
          .execute();
      }
      // Requests of a few of them, and of someone else.
      const other = crypto.randomUUID();
      await db
        .insertInto('User')
        .values({
          id: other,
          email: 'x@example.test',
          name: 'Rare',
          emailVerified: null,
          image: null,
        })
        .execute();
      const requesters = [ids[3]!, other, ids[2000]!, ids[7]!, other];
      await db
        .insertInto('assistance_request')
        .values(
          requesters.map((userId, i) => ({
            id: crypto.randomUUID(),
            user_id: userId,
            created_at: new Date(Date.UTC(2026, 0, 1, 0, 0, i % 3)).toISOString(),
            updated_at: '2026-01-01T00:00:00.000Z',
            topic: 'health',
            description: 'Help',
            contact_method: 'email',
            phone: null,
            language: 'en',
            status: 'new',
          })),
        )
        .execute();
      expect(await commonSearch(db, 'member', 'commonname')).toEqual(
        common.dialect === 'sqlite' ? { walk: true } : {},
      );
      // A rare one: its candidates, gathered once (SQLite); a search nobody holds: none, no query.
      const rare = await commonSearch(db, 'member', 'rare');
      if (common.dialect === 'sqlite') {
        expect(rare.candidates).toHaveLength(1);
        const { rows } = await sql<{
          user_id: string;
        }>`select user_id from user_search_doc where doc = ${rare.candidates![0]}`.execute(db);
        expect(rows).toEqual([{ user_id: other }]);
      } else expect(rare).toEqual({});
      expect(await commonSearch(db, 'member', 'nobody-has-this')).toEqual(
        common.dialect === 'sqlite' ? { candidates: [] } : {},
      );
      expect(await listAllAssistanceRequests(db, 2, { search: 'nobody-has-this' })).toEqual([]);
      for (const filter of [{ search: 'commonname' }, { search: 'COMMONNAME 200' }]) {
        const found = (await listAllAssistanceRequests(db, 2, filter)).map((r) => r.id);
        expect(found).toEqual(await assistanceBefore(db, 2, filter));
        expect(found.length).toBe(filter.search === 'commonname' ? 2 : 1);
      }
    } finally {
      await common.dispose();
    }
  });
});

describe('the desk searches return what the LIKE scan returned, in its order', () => {
  it('has searches on both sides of the trigram length', () => {
    expect(SEARCHES.filter(searchUsesIndex).length).toBeGreaterThan(10);
    expect(SEARCHES.filter((s) => !searchUsesIndex(s)).length).toBeGreaterThan(4);
  });

  it('asks the index for an address up to its @, when that part has a trigram', () => {
    expect(addressHead('Jane.Doe@gmail.com')).toBe('Jane.Doe@');
    expect(addressHead('+2@example')).toBe('+2@');
    expect(addressHead('jane@')).toBeNull();
    expect(addressHead('x@y')).toBeNull();
    expect(addressHead('@example.test')).toBeNull();
    expect(addressHead('example.test')).toBeNull();
    expect(addressHead('a@b@c.fr')).toBe(null);
    expect(addressHead('abc@b@c.fr')).toBe('abc@');
  });

  it('a search with a NUL is the LIKE alone, and finds what it found before', async () => {
    if (temp.dialect === 'postgres') return;
    expect(searchUsesIndex(NUL_SEARCH)).toBe(false);
    expect(
      (await listAllAssistanceRequests(temp.db, 500, { search: NUL_SEARCH })).map((r) => r.id),
    ).toEqual(await assistanceBefore(temp.db, 500, { search: NUL_SEARCH }));
  });

  for (const search of SEARCHES) {
    it(`assistance inbox, "${search}"`, async () => {
      const { db } = temp;
      for (const filter of [{ search }, { search, status: 'new' as const }]) {
        const before = await assistanceBefore(db, 500, filter);
        const now = (await listAllAssistanceRequests(db, 500, filter)).map((r) => r.id);
        expect(now).toEqual(before);
        // The walk a common search takes finds the same, in the same order.
        const walked = await assistanceInboxQuery(db, 500, filter, { walk: true }).execute();
        expect(walked.map((r) => r.id)).toEqual(before);
        // Without a walk: a short search from the requesters' text (migration 020).
        const looked = await assistanceInboxQuery(db, 500, filter).execute();
        expect(looked.map((r) => r.id)).toEqual(before);
        // A short walk that holds a page, or not (then the indexes): the same page either way.
        for (const walk of [3, 40]) {
          const bounded = await listAllAssistanceRequests(db, 7, filter, walk);
          expect(bounded.map((r) => r.id)).toEqual(before.slice(0, 7));
        }
        // A page and the page after it (cursor paging, ties on created_at).
        const page = await listAllAssistanceRequests(db, 7, filter);
        expect(page.map((r) => r.id)).toEqual(before.slice(0, 7));
        const last = page.at(-1);
        if (last) {
          const cursor = { createdAt: last.createdAt, id: last.id };
          const next = await listAllAssistanceRequests(db, 7, { ...filter, before: cursor });
          expect(next.map((r) => r.id)).toEqual(
            await assistanceBefore(db, 7, { ...filter, before: cursor }),
          );
        }
      }
    });

    it(`quote inbox, "${search}"`, async () => {
      const { db } = temp;
      for (const filter of [{ search }, { search, status: 'answered' as const }]) {
        const before = await quotesBefore(db, 500, filter);
        const now = (await listContactRequests(db, 500, filter)).map((r) => r.id);
        expect(now).toEqual(before);
        const walked = await contactInboxQuery(db, 500, filter, { walk: true }).execute();
        expect(walked.map((r) => r.id)).toEqual(before);
        const page = await listContactRequests(db, 5, filter);
        expect(page.map((r) => r.id)).toEqual(before.slice(0, 5));
        const looked = await contactInboxQuery(db, 500, filter).execute();
        expect(looked.map((r) => r.id)).toEqual(before);
        for (const walk of [3, 40]) {
          const bounded = await listContactRequests(db, 5, filter, walk);
          expect(bounded.map((r) => r.id)).toEqual(before.slice(0, 5));
          // The next page, from a cursor, bounded too.
          const last = bounded.at(-1);
          if (last) {
            const cursor = { createdAt: last.createdAt, id: last.id };
            const next = await listContactRequests(db, 5, { ...filter, before: cursor }, walk);
            expect(next.map((r) => r.id)).toEqual(
              await quotesBefore(db, 5, { ...filter, before: cursor }),
            );
          }
        }
      }
    });
  }

  it('finds people by what they are called now, not before', async () => {
    const { db } = temp;
    const emails = async (search: string) =>
      (await listAllAssistanceRequests(db, 500, { search })).map((r) => r.memberEmail);
    expect(await emails('renamed person')).toEqual(['bob+0@x.fr', 'bob+0@x.fr']);
    expect(await emails('moved+1')).toEqual(['moved+1@x.fr', 'moved+1@x.fr']);
    expect(await emails('bob+1@')).toEqual([]);
    expect(await emails('bob+2@')).toEqual([]);
    expect((await listContactRequests(db, 500, { search: 'bob+3@' })).length).toBe(0);
    expect((await listContactRequests(db, 500, { search: 'bob+4@' })).length).toBe(1);
  });

  it('a short search finds members by what they are called now, without walking the inbox', async () => {
    const { db } = temp;
    // No walk: the requesters' text (migration 020).
    const looked = async (search: string) =>
      (await assistanceInboxQuery(db, 500, { search }).execute()).map((r) => r.member_email);
    const rename = (from: string, to: { email?: string; name?: string }) =>
      db.updateTable('User').set(to).where('email', '=', from).execute();
    await rename('jj+5@dupont.fr', { name: 'Qj Tester' });
    try {
      expect(await looked('qj')).toEqual(['jj+5@dupont.fr', 'jj+5@dupont.fr']);
      await rename('jj+5@dupont.fr', { email: 'wk+5@dupont.fr' });
      expect(await looked('wk')).toEqual(['wk+5@dupont.fr', 'wk+5@dupont.fr']);
      expect(await looked('qj')).toEqual(['wk+5@dupont.fr', 'wk+5@dupont.fr']);
      await rename('wk+5@dupont.fr', { name: 'Jean "JJ" Dupont-Moreau' });
      expect(await looked('qj')).toEqual([]);
    } finally {
      await rename('wk+5@dupont.fr', { email: 'jj+5@dupont.fr', name: 'Jean "JJ" Dupont-Moreau' });
    }
    // One row per member with a request; the deleted member's row went with them.
    const { rows } = await sql<{ texts: number; requesters: number }>`select
      (select count(*) from assistance_member_search) as texts,
      (select count(distinct user_id) from assistance_request) as requesters`.execute(db);
    expect(rows.map((row) => [Number(row.texts), Number(row.requesters)])).toEqual([
      [PEOPLE.length * 8 - 1, PEOPLE.length * 8 - 1],
    ]);
  });

  it('a search of capitals and accents matches what it matched before', async () => {
    // SQLite's lower() folds ASCII only: "ÉLO" never matched "Élodie" there; Postgres folds both.
    const found = (await listAllAssistanceRequests(temp.db, 500, { search: 'élo' })).length;
    // 8 Élodies with 2 requests each.
    expect(found).toBe(temp.dialect === 'postgres' ? 16 : 0);
  });
});

/** The plan of a desk search on this database, as text lines. */
async function planOf(
  db: Kysely<Database>,
  dialect: string,
  query: { sql: string; parameters: readonly unknown[] },
) {
  if (dialect === 'postgres') {
    return db.transaction().execute(async (trx) => {
      // Tiny tables make any plan cheap: forbid the sequential scan so the plan shows whether an
      // index CAN answer the query (the question this test asks).
      await sql`set local enable_seqscan = off`.execute(trx);
      const result = await trx.executeQuery<{ 'QUERY PLAN': string }>({
        ...query,
        sql: `explain ${query.sql}`,
        query: query as never,
        queryId: { queryId: 'plan' },
      } as never);
      return result.rows.map((row) => row['QUERY PLAN']);
    });
  }
  const result = await db.executeQuery<{ detail: string }>({
    ...query,
    sql: `explain query plan ${query.sql}`,
  } as never);
  return result.rows.map((row) => row.detail);
}

describe('the desk searches start from an index', () => {
  // A database of a few thousand people and requests, analysed, so that each planner weighs
  // its indexes as it would on a live desk (on a handful of rows any plan is cheapest).
  let seeded: TempDatabase;
  beforeAll(async () => {
    seeded = await tempDatabase('desk-search-plan');
    const { db } = seeded;
    const at = (i: number) => new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString();
    for (let batch = 0; batch < 6; batch++) {
      const people = Array.from({ length: 500 }, (_, j) => {
        const i = batch * 500 + j;
        return { id: crypto.randomUUID(), email: `person${i}@example.test`, name: `Person ${i}` };
      });
      await db
        .insertInto('User')
        .values(people.map((p) => ({ ...p, emailVerified: null, image: null })))
        .execute();
      await db
        .insertInto('assistance_request')
        .values(
          people.map((p, j) => ({
            id: crypto.randomUUID(),
            user_id: p.id,
            created_at: at(batch * 500 + j),
            updated_at: at(batch * 500 + j),
            topic: 'health',
            description: 'Help',
            contact_method: 'email',
            phone: null,
            language: 'en',
            status: STATUSES[j % 4] ?? 'new',
          })),
        )
        .execute();
      await db
        .insertInto('contact_request')
        .values(
          people.map((p, j) => ({
            id: crypto.randomUUID(),
            created_at: at(batch * 500 + j),
            name: p.name,
            email: p.email,
            phone: null,
            situation: 'arriving',
            nationality: 'uk',
            stay_length: '3-12-months',
            procedures: '[]',
            message: 'Hello',
            language: 'en',
            consented_at: at(j),
            form_nonce: crypto.randomUUID(),
            status: STATUSES[j % 4] ?? 'new',
          })),
        )
        .execute();
    }
    // Postgres: VACUUM also moves the GIN indexes' pending entries into the index, as autovacuum
    // does on a live server (a long pending list makes the planner shun the index).
    await (seeded.dialect === 'postgres' ? sql`vacuum analyze` : sql`analyze`).execute(db);
  });
  afterAll(() => seeded.dispose());

  for (const named of DESK_SEARCH_QUERIES) {
    it(named.name, async () => {
      const { db, dialect } = seeded;
      const plan = (await planOf(db, dialect, named.compile(db))).join('\n');
      if (dialect === 'postgres') {
        expect(plan).toMatch(/Bitmap Index Scan on "?(User|contact_request)_(email|name)_trgm_idx/);
        expect(plan).not.toMatch(/Seq Scan on "?(User|assistance_request|contact_request)\b/);
      } else {
        expect(plan).toMatch(/SCAN (user_search|contact_request_search) VIRTUAL TABLE INDEX \d+:M/);
        // No full scan of the people or requests (a SEARCH by key is fine).
        expect(plan).not.toMatch(/SCAN (User|assistance_request|contact_request)\b/);
      }
    });
  }
});
