import 'server-only';
// The desk's searches as compiled queries, for the plan test (issue 27): each is built by the same
// builder the inbox runs (assistanceInboxQuery, contactInboxQuery) with a search long enough for
// the trigram indexes, so the test reads the plan of the SQL the desk sends. Searches of 1–2
// characters are not indexed (lib/inbox/search.ts) and so are not listed.
import { INBOX_PAGE_SIZE } from './schema';
import { assistanceInboxQuery } from '../assistance/store';
import { contactInboxQuery } from '../contact/store';
import type { NamedQuery } from '../db/named-queries';

/** A page as the inbox asks for it: one row past the page, to know whether more exist. */
const PAGE = INBOX_PAGE_SIZE + 1;
const SEARCH = 'dupont';
/** An address: on Postgres the index is asked for its head (addressHead), the rest is a filter. */
const ADDRESS = 'jane.dupont@example.test';

export const DESK_SEARCH_QUERIES: NamedQuery[] = [
  {
    name: 'assistance inbox: name or e-mail search',
    compile: (db) => assistanceInboxQuery(db, PAGE, { search: SEARCH }).compile(),
  },
  {
    name: 'assistance inbox: search with a status',
    compile: (db) => assistanceInboxQuery(db, PAGE, { search: SEARCH, status: 'new' }).compile(),
  },
  {
    name: 'quote inbox: name or e-mail search',
    compile: (db) => contactInboxQuery(db, PAGE, { search: SEARCH }).compile(),
  },
  {
    name: 'assistance inbox: e-mail address search',
    compile: (db) => assistanceInboxQuery(db, PAGE, { search: ADDRESS }).compile(),
  },
  {
    name: 'quote inbox: e-mail address search',
    compile: (db) => contactInboxQuery(db, PAGE, { search: ADDRESS }).compile(),
  },
  {
    name: 'quote inbox: search with a status',
    compile: (db) => contactInboxQuery(db, PAGE, { search: SEARCH, status: 'new' }).compile(),
  },
];
