// The staff inbox can be worked (issue 14): both kinds of request filter by status and search by
// name or e-mail, quote requests get statuses, and every status change is kept as history (who,
// what, when), written by the services and refused to anyone who is not staff.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type InboxFilter,
  inboxAddress,
  inboxFilter,
  inboxFiltersFrom,
  inboxFiltersFromForm,
  inboxListAddress,
  inboxPage,
  INBOX_PAGE_SIZE,
  requestAddress,
  SEARCH_MAX,
  statusChangeAddress,
} from './schema';
import { listRequestEvents } from './store';
import type { Viewer } from '../access';
import {
  assistanceInbox,
  assistanceRequestForStaff,
  changeAssistanceStatus,
} from '../assistance/service';
import { assistanceRequestInput } from '../assistance/schema';
import { insertAssistanceRequest } from '../assistance/store';
import { changeContactStatus, contactInbox, contactRequestForStaff } from '../contact/service';
import { contactRequestSchema } from '../contact/schema';
import { insertContactRequest } from '../contact/store';
import { insertUser, tempDatabase, type TempDatabase } from '@/test/support/temp-db';

let temp: TempDatabase;
beforeAll(async () => {
  temp = await tempDatabase('inbox');
});
afterAll(() => temp.dispose());

const STAFF: Viewer = {
  kind: 'user',
  userId: 'staff-user',
  email: 'desk@sojoourn.test',
  isStaff: true,
  membership: null,
};
const NOT_STAFF: Viewer = { ...STAFF, email: 'someone@example.test', isStaff: false };

async function quote(name: string, email: string) {
  const request = contactRequestSchema.parse({
    name,
    email,
    phone: '',
    situation: 'arriving',
    nationality: 'uk',
    stay: '3-12-months',
    procedures: ['health-insurance'],
    message: 'Help with the Carte Vitale, please.',
    language: 'en',
    consent: 'yes',
  });
  const stored = await insertContactRequest(temp.db, request, { nonce: crypto.randomUUID() });
  if (!stored) throw new Error('not stored');
  return stored;
}

async function assistance(email: string) {
  const userId = await insertUser(temp.db, email);
  return insertAssistanceRequest(
    temp.db,
    userId,
    assistanceRequestInput.parse({
      topic: 'housing',
      description: 'Our landlord asks for a French guarantor we do not have.',
      contactMethod: 'email',
      phone: '',
      language: 'en',
    }),
  );
}

describe('the inbox filter from the address bar', () => {
  it('keeps a known status and a trimmed, capped search', () => {
    expect(inboxFilter.parse({ status: 'answered', search: '  Zoé ' })).toEqual({
      status: 'answered',
      search: 'Zoé',
    });
    expect(inboxFilter.parse({ search: 'x'.repeat(500) }).search).toHaveLength(SEARCH_MAX);
  });

  it('treats anything else as no filter, never as an error', () => {
    expect(inboxFilter.parse({ status: 'deleted', search: '   ' })).toEqual({
      status: undefined,
      search: undefined,
    });
    expect(inboxFilter.parse({ status: ['closed', 'new'], search: 42 })).toEqual({
      status: 'closed',
      search: undefined,
    });
  });

  it('reads one pair of parameters per list', () => {
    expect(inboxFiltersFrom({ astatus: 'new', qq: 'bob' })).toEqual({
      assistance: { status: 'new', search: undefined },
      quote: { status: undefined, search: 'bob' },
    });
  });
});

describe('one page of each list', () => {
  const rows = (count: number) => Array.from({ length: count }, (_, index) => index);

  it('shows at most a page, and knows when older requests exist', () => {
    expect(inboxPage(rows(INBOX_PAGE_SIZE + 1))).toEqual({
      shown: rows(INBOX_PAGE_SIZE),
      more: true,
    });
    expect(inboxPage(rows(INBOX_PAGE_SIZE))).toEqual({ shown: rows(INBOX_PAGE_SIZE), more: false });
    expect(inboxPage([])).toEqual({ shown: [], more: false });
  });
});

describe('paging through a list', () => {
  const id = '0b0e7c1a-8d5e-4f4e-9a53-5d6c2f1e9a10';
  const at = '2026-11-30T09:15:02.123Z';

  it('reads a cursor from the address, and anything else as "from the newest"', () => {
    expect(inboxFiltersFrom({ abefore: `${at}_${id}` }).assistance.before).toEqual({
      createdAt: at,
      id,
    });
    for (const odd of ['yesterday', `${at}_not-an-id`, `${at}_${id}' or 1=1`, `x${at}_${id}`]) {
      expect(inboxFiltersFrom({ qbefore: odd }).quote.before, odd).toBeUndefined();
    }
  });

  it('links one list on, keeping every filter, and back to its newest', () => {
    const filters = inboxFiltersFrom({ astatus: 'new', qq: 'lee' });
    const older = new URL(
      inboxListAddress(filters, 'quote', { createdAt: at, id }),
      'http://site.test',
    );
    expect(Object.fromEntries(older.searchParams)).toEqual({
      astatus: 'new',
      qq: 'lee',
      qbefore: `${at}_${id}`,
    });
    expect(older.hash).toBe('#quote-inbox-title');
    const movedOn = inboxFiltersFrom(Object.fromEntries(older.searchParams));
    expect(inboxListAddress(movedOn, 'quote')).toBe('/admin?astatus=new&qq=lee#quote-inbox-title');
  });

  it('walks every request once, in order, page after page (both kinds)', async () => {
    const stamp = Date.now().toString(36);
    for (let n = 0; n < 5; n++) await quote(`Pager ${n}`, `pager-${stamp}-${n}@example.test`);
    for (let n = 0; n < 3; n++) await assistance(`pager-${stamp}-member-${n}@example.test`);
    const walk = async (
      list: (filter: InboxFilter) => Promise<{ id: string; createdAt: string }[] | null>,
    ) => {
      const seen: string[] = [];
      let before: InboxFilter['before'];
      for (let page = 0; page < 10; page++) {
        const rows = (await list({ search: `pager-${stamp}`, before })) ?? [];
        seen.push(...rows.map((row) => row.id));
        const last = rows.at(-1);
        if (rows.length < 2 || !last) break;
        before = { createdAt: last.createdAt, id: last.id };
      }
      return seen;
    };
    const everyQuote = (
      (await contactInbox(STAFF, { db: temp.db, filter: { search: `pager-${stamp}` } })) ?? []
    ).map((q) => q.id);
    expect(everyQuote).toHaveLength(5);
    expect(await walk((filter) => contactInbox(STAFF, { db: temp.db, filter, limit: 2 }))).toEqual(
      everyQuote,
    );

    const everyRequest = (
      (await assistanceInbox(STAFF, { db: temp.db, filter: { search: `pager-${stamp}` } })) ?? []
    ).map((r) => r.id);
    expect(everyRequest).toHaveLength(3);
    expect(
      await walk((filter) => assistanceInbox(STAFF, { db: temp.db, filter, limit: 2 })),
    ).toEqual(everyRequest);
  });
});

describe('after a status change, staff land back on the list they were working', () => {
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [name, value] of Object.entries(fields)) data.append(name, value);
    return data;
  };

  it('keeps both lists’ filters, with the notice and the request’s anchor', () => {
    const filters = inboxFiltersFromForm(
      form({
        id: 'x',
        status: 'answered',
        astatus: 'new',
        aq: ' ana@example.test ',
        qq: 'Lee & co',
      }),
    );
    const address = new URL(inboxAddress(filters, 'updated', 'request-42'), 'http://site.test');
    expect(address.pathname).toBe('/admin');
    expect(Object.fromEntries(address.searchParams)).toEqual({
      astatus: 'new',
      aq: 'ana@example.test',
      qq: 'Lee & co',
      notice: 'updated',
    });
    expect(address.hash).toBe('#request-42');
  });

  it('lands on the request’s own page when its form was posted from there', () => {
    const id = '1c9f2d3e-4e5b-4c6d-9e7f-8091a2b3c4d5';
    const fields = { id, status: 'answered', aq: 'ana@example.test', qstatus: 'new' };
    const fromInbox = new URL(
      statusChangeAddress('quote', form(fields), 'updated', id),
      'http://site.test',
    );
    expect(fromInbox.pathname).toBe('/admin');
    expect(fromInbox.hash).toBe(`#quote-${id}`);
    const fromPage = new URL(
      statusChangeAddress('assistance', form({ ...fields, back: 'request' }), 'updated', id),
      'http://site.test',
    );
    expect(fromPage.pathname).toBe(`/admin/assistance/${id}`);
    expect(Object.fromEntries(fromPage.searchParams)).toEqual({
      aq: 'ana@example.test',
      qstatus: 'new',
      notice: 'updated',
    });
    expect(requestAddress('quote', id, inboxFiltersFrom({}))).toBe(`/admin/quotes/${id}`);
  });

  it('drops what is not a filter: an unknown status, a file, a search past the cap', () => {
    const data = form({ astatus: 'deleted', qq: 'q'.repeat(SEARCH_MAX + 50) });
    data.append('aq', new Blob(['not text']), 'search.txt');
    const filters = inboxFiltersFromForm(data);
    expect(filters).toEqual({ assistance: {}, quote: { search: 'q'.repeat(SEARCH_MAX) } });
    expect(inboxAddress(inboxFiltersFromForm(form({})), 'invalid')).toBe('/admin?notice=invalid');
  });
});

describe('quote requests in the inbox', () => {
  it('start as new, change status for staff only, and keep who changed what, when', async () => {
    const stored = await quote('Zoé Martin', 'zoe.martin@example.test');
    const before = await contactInbox(STAFF, { db: temp.db });
    expect(before?.find((q) => q.id === stored.id)).toMatchObject({ status: 'new' });
    // The history is on the request's own page, read for staff only.
    expect(await contactRequestForStaff(STAFF, stored.id, { db: temp.db })).toMatchObject({
      kind: 'found',
      request: { id: stored.id, status: 'new', history: [] },
    });
    expect(await contactRequestForStaff(NOT_STAFF, stored.id, { db: temp.db })).toEqual({
      kind: 'refused',
    });
    expect(await contactRequestForStaff(STAFF, crypto.randomUUID(), { db: temp.db })).toEqual({
      kind: 'not-found',
    });

    expect(
      await changeContactStatus(NOT_STAFF, { id: stored.id, status: 'closed' }, { db: temp.db }),
    ).toBe('refused');
    expect(await contactInbox(NOT_STAFF, { db: temp.db })).toBeNull();

    const at = new Date('2026-11-30T10:00:00Z');
    expect(
      await changeContactStatus(
        STAFF,
        { id: stored.id, status: 'in_progress' },
        { db: temp.db, now: at },
      ),
    ).toBe('updated');
    // The same status again changes nothing and records nothing.
    expect(
      await changeContactStatus(STAFF, { id: stored.id, status: 'in_progress' }, { db: temp.db }),
    ).toBe('updated');
    expect(
      await changeContactStatus(
        STAFF,
        { id: crypto.randomUUID(), status: 'closed' },
        { db: temp.db },
      ),
    ).toBe('not-found');

    const listed = (await contactInbox(STAFF, { db: temp.db }))?.find((q) => q.id === stored.id);
    expect(listed?.status).toBe('in_progress');
    const after = await contactRequestForStaff(STAFF, stored.id, { db: temp.db });
    if (after.kind !== 'found') throw new Error(`expected the request, got ${after.kind}`);
    expect(after.request.status).toBe('in_progress');
    expect(after.request.history).toEqual([
      expect.objectContaining({
        requestKind: 'quote',
        actorEmail: 'desk@sojoourn.test',
        field: 'status',
        fromValue: 'new',
        toValue: 'in_progress',
        createdAt: at.toISOString(),
      }),
    ]);
  });

  it('filter by status and search by name or e-mail, case-insensitively, % taken literally', async () => {
    const ana = await quote('Ana Lopes', 'ana@example.test');
    const ben = await quote('Ben 100% Sure', 'ben@example.test');
    await changeContactStatus(STAFF, { id: ben.id, status: 'answered' }, { db: temp.db });
    const ids = async (filter: { status?: 'new' | 'answered'; search?: string }) =>
      ((await contactInbox(STAFF, { db: temp.db, filter })) ?? []).map((q) => q.id);

    expect(await ids({ search: 'LOPES' })).toEqual([ana.id]);
    expect(await ids({ search: 'ana@example' })).toEqual([ana.id]);
    expect(await ids({ search: '100%' })).toEqual([ben.id]);
    expect(await ids({ search: '%' })).toEqual([ben.id]);
    expect(await ids({ status: 'answered' })).toEqual([ben.id]);
    expect(await ids({ status: 'answered', search: 'ana' })).toEqual([]);
    expect(await ids({ status: 'new' })).toContain(ana.id);
    expect(await ids({ status: 'new' })).not.toContain(ben.id);
  });

  it('a search from the address bar with control characters (a NUL) finds what its text finds', async () => {
    const cleo = await quote('Cléo Nul', 'cleo-nul@example.test');
    // Postgres refuses a NUL in text: the boundary turns control characters into spaces.
    const { assistance, quote: filter } = inboxFiltersFrom({
      aq: 'a\u0000b',
      qq: ' Cléo\u0000Nul\t',
    });
    expect(assistance.search).toBe('a b');
    expect(filter.search).toBe('Cléo Nul');
    const found = await contactInbox(STAFF, { db: temp.db, filter });
    expect(found?.map((q) => q.id)).toEqual([cleo.id]);
  });
});

describe('assistance requests in the inbox', () => {
  it('search by the member’s e-mail, filter by status, and show their history', async () => {
    const carla = await assistance('carla@example.test');
    const dev = await assistance('dev@example.test');
    await changeAssistanceStatus(STAFF, { id: carla.id, status: 'in_progress' }, { db: temp.db });
    await changeAssistanceStatus(STAFF, { id: carla.id, status: 'answered' }, { db: temp.db });
    expect(
      await changeAssistanceStatus(NOT_STAFF, { id: dev.id, status: 'closed' }, { db: temp.db }),
    ).toBe('refused');

    const found = await assistanceInbox(STAFF, { db: temp.db, filter: { search: 'CARLA@' } });
    expect(found?.map((r) => r.id)).toEqual([carla.id]);
    const page = await assistanceRequestForStaff(STAFF, carla.id, { db: temp.db });
    if (page.kind !== 'found') throw new Error(`expected the request, got ${page.kind}`);
    expect(page.request.memberEmail).toBe('carla@example.test');
    expect(page.request.history.map((e) => [e.fromValue, e.toValue, e.actorEmail])).toEqual([
      ['new', 'in_progress', 'desk@sojoourn.test'],
      ['in_progress', 'answered', 'desk@sojoourn.test'],
    ]);
    const answered = await assistanceInbox(STAFF, { db: temp.db, filter: { status: 'answered' } });
    expect(answered?.map((r) => r.id)).toEqual([carla.id]);
    expect(await assistanceInbox(NOT_STAFF, { db: temp.db })).toBeNull();
    expect(await assistanceRequestForStaff(NOT_STAFF, carla.id, { db: temp.db })).toEqual({
      kind: 'refused',
    });
    expect(await assistanceRequestForStaff(STAFF, crypto.randomUUID(), { db: temp.db })).toEqual({
      kind: 'not-found',
    });

    // History is per kind: a quote with the same id would not pick these up.
    const quoteSide = await listRequestEvents(temp.db, 'quote', [carla.id]);
    expect(quoteSide.size).toBe(0);
  });
});
