// /admin's weight (decision 0020): the inbox's rows reach the page as compact data for InboxRows,
// not as a server-rendered element tree per row, which the page's inline payload repeated beside
// the HTML (60 % of 436 KB at 200,000 people). The rows' HTML still says the same.
import { isValidElement, type ReactElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AssistanceInbox } from './AssistanceInbox';
import { InboxList } from './InboxList';
import { InboxRows, type InboxRow } from './InboxRows';
import { QuoteInbox } from './QuoteInbox';
import type { InboxAssistanceRequest } from '@/lib/assistance/store';
import type { InboxContactRequest } from '@/lib/contact/service';
import { INBOX_PAGE_SIZE, inboxFiltersFrom } from '@/lib/inbox/schema';

const FILTERS = inboxFiltersFrom({ astatus: 'new', aq: 'Martin', qq: 'Dupont' });
const LONG_TEXT =
  'I arrived in March and would like help with my Carte Vitale application. '.repeat(6);
const id = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

const requests: InboxAssistanceRequest[] = Array.from({ length: INBOX_PAGE_SIZE + 1 }, (_, i) => ({
  id: id(i),
  userId: `user-${i}`,
  createdAt: new Date(Date.UTC(2026, 0, 1) - i * 60_000).toISOString(),
  updatedAt: new Date(Date.UTC(2026, 0, 1)).toISOString(),
  topic: 'health-insurance',
  description: LONG_TEXT,
  contactMethod: i % 2 ? 'phone' : 'email',
  phone: i % 2 ? '+33 6 12 34 56 78' : null,
  language: 'en',
  status: 'new',
  memberEmail: `person${i}@example.test`,
}));

const quotes: InboxContactRequest[] = Array.from({ length: 3 }, (_, i) => ({
  id: id(100 + i),
  createdAt: new Date(Date.UTC(2026, 0, 1) - i * 60_000).toISOString(),
  details: [
    { label: 'Name', value: `Agency ${i}` },
    { label: 'Message', value: LONG_TEXT },
  ],
  email: `agency${i}@example.test`,
  staffNotified: i !== 1,
  staffNotifyError: i === 1 ? 'mail server down' : null,
  status: 'in_progress',
  flag: i === 2 ? 'fast-fill' : null,
}));

/** Every element of a server tree, function components called (InboxRows, a client one, kept whole). */
function elementsOf(node: ReactNode): ReactElement[] {
  if (Array.isArray(node)) return node.flatMap(elementsOf);
  if (!isValidElement(node)) return [];
  const element = node as ReactElement<{ children?: ReactNode }>;
  if (element.type === InboxRows) return [element];
  if (typeof element.type === 'function')
    return [element, ...elementsOf((element.type as (props: unknown) => ReactNode)(element.props))];
  return [element, ...elementsOf(element.props.children)];
}

const rowsOf = (tree: ReactNode) =>
  elementsOf(tree).filter((element) => element.type === InboxRows) as Array<
    ReactElement<{ rows: InboxRow[]; kept: Record<string, string> }>
  >;

describe('the inbox rows', () => {
  it('reach the page as one InboxRows of compact rows, the filters once, no element per row', () => {
    const tree = AssistanceInbox({ requests, filters: FILTERS });
    const [rows, ...others] = rowsOf(tree);
    expect(others).toHaveLength(0);
    expect(rows?.props.rows).toHaveLength(INBOX_PAGE_SIZE);
    expect(rows?.props.kept).toEqual({ astatus: 'new', aq: 'Martin', qq: 'Dupont' });
    // What the payload carries for a row: its data (the excerpt at most 240 characters), not markup.
    for (const row of rows?.props.rows ?? [])
      expect(JSON.stringify(row).length).toBeLessThanOrEqual(800);
    // The server's own tree has no element per request: the section, filter form, count and pager.
    expect(elementsOf(tree).filter((element) => element.type === 'li')).toHaveLength(0);
    expect(elementsOf(tree).filter((element) => element.type === InboxList)).toHaveLength(1);
  });

  it('say what a row said: link, received, facts, status, excerpt and the status form with the filters', () => {
    const html = renderToStaticMarkup(AssistanceInbox({ requests, filters: FILTERS }));
    expect(html.match(/data-testid="inbox-assistance-request"/g)).toHaveLength(INBOX_PAGE_SIZE);
    const row = html.slice(
      html.indexOf(`id="request-${id(1)}"`),
      html.indexOf(`id="request-${id(2)}"`),
    );
    expect(row).toContain(
      `href="/admin/assistance/${id(1)}?astatus=new&amp;aq=Martin&amp;qq=Dupont"`,
    );
    const text = row.replace(/<!-- -->/g, '').replace(/<[^>]+>/g, '');
    expect(text).toContain('Health insurance — person1@example.test');
    expect(text).toMatch(/^.*Received .+ · Phone, \+33 6 12 34 56 78 · English · Status: New/);
    expect(text).toContain(`${LONG_TEXT.slice(0, 200)}`);
    expect(text).toContain('…');
    expect(row).toContain(`<label for="status-${id(1)}" class="field-label">Change status</label>`);
    expect(row).toContain('<option value="new" selected="">New</option>');
    expect(row).toContain('<input type="hidden" name="id" value="' + id(1) + '"/>');
    for (const [name, value] of Object.entries({ astatus: 'new', aq: 'Martin', qq: 'Dupont' }))
      expect(row).toContain(`<input type="hidden" name="${name}" value="${value}"/>`);
  });

  it('say what needs a second look on a quote: the e-mail not sent, the flag', () => {
    const html = renderToStaticMarkup(QuoteInbox({ quotes, filters: FILTERS }));
    expect(html.match(/data-testid="inbox-quote-request"/g)).toHaveLength(3);
    expect(html).toContain(`id="quote-status-${id(101)}"`);
    expect(html).toContain(
      'The staff e-mail for this request was not sent (mail server down): it is only here.',
    );
    expect(html.match(/data-testid="quote-flag"/g)).toHaveLength(1);
    expect(html.replace(/<[^>]+>/g, '')).toContain('Agency 0 — agency0@example.test');
  });
});
