'use client';
// A list's rows on /admin, rendered from compact data (decision 0020). As server components, each
// row's whole element tree went into the page's inline payload beside its HTML (60 % of the page's
// bytes); here the payload holds each row's data once, and the HTML is the same. The title is a
// plain link (a whole-page load of the request's page): a hundred Link components cost the server
// time on every load, for a navigation staff make once per request.
import {
  RequestNotes,
  RequestReceived,
  StatusChangeForm,
  type RequestNote,
} from './inbox-row-parts';

/** What a row shows, worked out on the server (times formatted, text cut, labels looked up). */
export interface InboxRow {
  id: string;
  /** The request's own page, with the inbox's filters kept. */
  href: string;
  title: string;
  createdAt: string;
  received: string;
  facts?: string;
  status: string;
  statusLabel: string;
  notes: RequestNote[];
  excerpt: string | null;
}

const KINDS = {
  assistance: { rowId: 'request', testId: 'inbox-assistance-request', fieldId: 'status' },
  quote: { rowId: 'quote', testId: 'inbox-quote-request', fieldId: 'quote-status' },
} as const;

export function InboxRows({
  kind,
  rows,
  action,
  statuses,
  kept,
}: {
  kind: keyof typeof KINDS;
  rows: InboxRow[];
  action: (formData: FormData) => Promise<void>;
  statuses: Readonly<Record<string, string>>;
  kept: Readonly<Record<string, string>>;
}) {
  const ids = KINDS[kind];
  return (
    <ul className="mt-6 space-y-3">
      {rows.map((row) => (
        <li
          key={row.id}
          id={`${ids.rowId}-${row.id}`}
          className="desk-row"
          data-testid={ids.testId}
        >
          <h3 className="font-semibold">
            <a href={row.href} className="desk-link">
              {row.title}
            </a>
          </h3>
          <RequestReceived
            createdAt={row.createdAt}
            received={row.received}
            facts={row.facts}
            statusLabel={row.statusLabel}
          />
          <RequestNotes notes={row.notes} />
          {row.excerpt ? <p className="desk-excerpt">{row.excerpt}</p> : null}
          <StatusChangeForm
            action={action}
            requestId={row.id}
            fieldId={`${ids.fieldId}-${row.id}`}
            status={row.status}
            statuses={statuses}
            kept={kept}
          />
        </li>
      ))}
    </ul>
  );
}
