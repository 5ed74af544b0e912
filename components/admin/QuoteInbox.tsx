// The desk's list of free-quote requests: filter, page, change a status; flags what needs a
// second look (the staff e-mail not sent, a form sent faster than a person types). Each request is
// a compact row; its page (the title's link) has every detail and the history.
import type { InboxRow } from './InboxRows';
import { StatusChangeForm, type RequestNote } from './inbox-row-parts';
import { excerpt } from './inbox-text';
import { InboxList } from './InboxList';
import { updateContactStatus } from '@/lib/contact/actions';
import { FLAG_NOTES } from '@/lib/contact/emails';
import type { InboxContactRequest } from '@/lib/contact/service';
import {
  BACK_TO_REQUEST,
  inboxFilterParams,
  REQUEST_STATUSES,
  requestAddress,
  requestStatusLabel,
  type InboxFilters,
} from '@/lib/inbox/schema';
import { formatDateTime } from '@/lib/platform/format';

/** What needs a second look: the staff e-mail not sent, a form sent faster than a person types. */
export function quoteNotes(quote: InboxContactRequest): RequestNote[] {
  const notes: RequestNote[] = [];
  if (!quote.staffNotified)
    notes.push({
      text: `The staff e-mail for this request was not sent${quote.staffNotifyError ? ` (${quote.staffNotifyError})` : ''}: it is only here.`,
    });
  if (quote.flag) notes.push({ text: FLAG_NOTES[quote.flag], flag: true });
  return notes;
}

/** When the request came, as its row and its own page say it. */
export const quoteReceived = (quote: InboxContactRequest) => ({
  createdAt: quote.createdAt,
  received: formatDateTime(quote.createdAt, 'Europe/Paris'),
  statusLabel: requestStatusLabel(quote.status),
});

/** A quote's status form on its own page (the rows' is in InboxRows). */
export function QuoteStatusForm({
  quote,
  filters,
}: {
  quote: Pick<InboxContactRequest, 'id' | 'status'>;
  filters: InboxFilters;
}) {
  return (
    <StatusChangeForm
      action={updateContactStatus}
      requestId={quote.id}
      fieldId={`quote-status-${quote.id}`}
      status={quote.status}
      statuses={REQUEST_STATUSES}
      kept={inboxFilterParams(filters)}
      back={BACK_TO_REQUEST}
    />
  );
}

function quoteRow(quote: InboxContactRequest, filters: InboxFilters): InboxRow {
  const message = quote.details.find((row) => row.label === 'Message')?.value;
  return {
    id: quote.id,
    href: requestAddress('quote', quote.id, filters),
    title: `${quote.details[0]?.value ?? ''} — ${quote.email}`,
    ...quoteReceived(quote),
    status: quote.status,
    notes: quoteNotes(quote),
    excerpt: message ? excerpt(message) : null,
  };
}

export function QuoteInbox({
  quotes,
  filters,
}: {
  quotes: InboxContactRequest[];
  filters: InboxFilters;
}) {
  return (
    <InboxList
      list="quote"
      rows={quotes}
      filters={filters}
      title="Free-quote requests"
      label="free-quote requests"
      none="No free-quote requests yet."
      countNote="Reply by e-mail."
      className="mt-16"
      rowOf={(quote) => quoteRow(quote, filters)}
      action={updateContactStatus}
      statuses={REQUEST_STATUSES}
    />
  );
}
