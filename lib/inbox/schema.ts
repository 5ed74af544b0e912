// What the staff inbox (/admin) accepts from the address bar and its forms: the status filter and
// the search, both capped. Both request kinds (assistance, free quote) share one set of statuses.
import * as z from '../forms/zod';
import { ASSISTANCE_STATUSES, type AssistanceStatus } from '../assistance/schema';
import { choiceKeys, labelOf } from '../forms/choices';

/** Quote requests move through the same statuses as assistance requests. */
export const REQUEST_STATUSES = ASSISTANCE_STATUSES;
export type RequestStatus = AssistanceStatus;
export const requestStatusLabel = (id: string) => labelOf(REQUEST_STATUSES, id);

export const REQUEST_KINDS = ['assistance', 'quote'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/**
 * How many requests of each list the inbox shows at once; "Older requests" continues. 25 keeps
 * /admin (two lists) within 40 ms of server time at 200,000 people (decision 0020).
 */
export const INBOX_PAGE_SIZE = 25;

/** A list fetched with one row past the page (`INBOX_PAGE_SIZE + 1`): what to show, and if more exist. */
export function inboxPage<T>(rows: T[]): { shown: T[]; more: boolean } {
  return { shown: rows.slice(0, INBOX_PAGE_SIZE), more: rows.length > INBOX_PAGE_SIZE };
}

/** The longest search kept; anything longer is cut, never an error (it comes from a URL). */
export const SEARCH_MAX = 100;

const CONTROL_CHARACTERS = /\p{Cc}/gu;

const firstOf = (value: unknown) => (Array.isArray(value) ? value[0] : value);

/** Where a list continues: after the last request shown (newest first), `?abefore=<time>_<id>`. */
export interface InboxCursor {
  createdAt: string;
  id: string;
}
const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z)_([0-9a-f-]{36})$/;
const cursorParam = (cursor: InboxCursor) => `${cursor.createdAt}_${cursor.id}`;

/**
 * `?status=…&q=…` (one pair for each list: assistance `a`, quotes `q`). A status off the list or a
 * search of spaces means "no filter"; a search has its control characters turned into spaces, is
 * trimmed and cut at SEARCH_MAX characters. `before` (`abefore`, `qbefore`) is where the list
 * continues.
 */
export const inboxFilter = z.object({
  status: z.preprocess(firstOf, z.enum(choiceKeys(REQUEST_STATUSES)).optional().catch(undefined)),
  search: z.preprocess(
    firstOf,
    z
      .string()
      .optional()
      .catch(undefined)
      // A control character (a NUL, which Postgres refuses in text; a tab) becomes a space.
      .transform(
        (value) => value?.replace(CONTROL_CHARACTERS, ' ').trim().slice(0, SEARCH_MAX) || undefined,
      ),
  ),
  // Anything but a well-formed cursor means "from the newest".
  before: z.preprocess(
    firstOf,
    z
      .string()
      .max(80)
      .regex(CURSOR)
      .transform((value): InboxCursor => {
        const [, createdAt = '', id = ''] = CURSOR.exec(value) ?? [];
        return { createdAt, id };
      })
      .optional()
      .catch(undefined),
  ),
});
export interface InboxFilter {
  status?: RequestStatus;
  search?: string;
  before?: InboxCursor;
}

/** Both lists' filters from the page's search params. */
export function inboxFiltersFrom(
  params: Record<string, string | string[] | undefined>,
): InboxFilters {
  return {
    assistance: inboxFilter.parse({
      status: params.astatus,
      search: params.aq,
      before: params.abefore,
    }),
    quote: inboxFilter.parse({ status: params.qstatus, search: params.qq, before: params.qbefore }),
  };
}

export interface InboxFilters {
  assistance: InboxFilter;
  quote: InboxFilter;
}

/** The address parameters that hold both lists' filters (none for a list that is not filtered). */
export function inboxFilterParams(filters: InboxFilters): Record<string, string> {
  const params: Record<string, string | undefined> = {
    astatus: filters.assistance.status,
    aq: filters.assistance.search,
    abefore: filters.assistance.before && cursorParam(filters.assistance.before),
    qstatus: filters.quote.status,
    qq: filters.quote.search,
    qbefore: filters.quote.before && cursorParam(filters.quote.before),
  };
  return Object.fromEntries(
    Object.entries(params).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
}

/** The filters a status form carried (hidden fields), checked like the address's. */
export function inboxFiltersFromForm(formData: FormData): InboxFilters {
  const field = (name: string) => {
    const value = formData.get(name);
    return typeof value === 'string' ? value : undefined;
  };
  return inboxFiltersFrom({
    astatus: field('astatus'),
    aq: field('aq'),
    abefore: field('abefore'),
    qstatus: field('qstatus'),
    qq: field('qq'),
    qbefore: field('qbefore'),
  });
}

/**
 * Where a status change lands: the inbox as staff had filtered it, with its notice, at the request
 * (`anchor`) when there is one.
 */
export function inboxAddress(filters: InboxFilters, notice: string, anchor?: string): string {
  const query = new URLSearchParams({ ...inboxFilterParams(filters), notice });
  return `/admin?${query.toString()}${anchor ? `#${anchor}` : ''}`;
}

/** One request as its page on the desk reads it: refused for anyone who is not staff. */
export type StaffRequest<T> =
  { kind: 'refused' } | { kind: 'not-found' } | { kind: 'found'; request: T };

/** Where a request's own page lives: its form, history and (assistance) the member's file. */
export const REQUEST_PAGES = { assistance: 'assistance', quote: 'quotes' } as const;

/**
 * A request's own page, with the inbox's filters kept (its "Back to the inbox" link and its forms
 * carry them) and a notice when a form sent staff there.
 */
export function requestAddress(
  kind: RequestKind,
  id: string,
  filters: InboxFilters,
  notice?: string,
): string {
  const query = new URLSearchParams(inboxFilterParams(filters));
  if (notice) query.set('notice', notice);
  const text = query.toString();
  return `/admin/${REQUEST_PAGES[kind]}/${encodeURIComponent(id)}${text ? `?${text}` : ''}`;
}

/** The hidden field a request's own page adds to its status form: land back on that page. */
export const BACK_TO_REQUEST = 'request';

/**
 * Where a status change lands: the request's own page when its form was posted from there
 * (`back=request`), else the inbox as staff had filtered it, at the request.
 */
export function statusChangeAddress(
  kind: RequestKind,
  formData: FormData,
  notice: string,
  id: string,
): string {
  const filters = inboxFiltersFromForm(formData);
  if (formData.get('back') === BACK_TO_REQUEST) return requestAddress(kind, id, filters, notice);
  return inboxAddress(filters, notice, `${kind === 'quote' ? 'quote' : 'request'}-${id}`);
}

/** The inbox with one list moved on to `before` (undefined: back to its newest), at that list. */
export function inboxListAddress(
  filters: InboxFilters,
  list: keyof InboxFilters,
  before?: InboxCursor,
): string {
  const query = new URLSearchParams(
    inboxFilterParams({ ...filters, [list]: { ...filters[list], before } }),
  ).toString();
  return `/admin${query ? `?${query}` : ''}#${list}-inbox-title`;
}

/** A staff status change from an inbox form (both kinds). */
export const requestStatusUpdate = z.strictObject({
  id: z.uuid({ error: 'Unknown request.' }),
  status: z.enum(choiceKeys(REQUEST_STATUSES), { error: 'Choose a status from the list.' }),
});

/** LIKE pattern for a search: % and _ typed by staff match themselves. */
export function likePattern(search: string): string {
  return `%${search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
