// The desk's list of free-quote requests: filter, page, change a status; flags what needs a
// second look (the staff e-mail not sent, a form sent faster than a person types). Each request is
// a compact row; its page (the title's link) has every detail and the history.
import Link from 'next/link';
import { excerpt } from './inbox-text';
import { InboxList, StatusChangeForm } from './InboxList';
import { updateContactStatus } from '@/lib/contact/actions';
import { FLAG_NOTES } from '@/lib/contact/emails';
import type { InboxContactRequest } from '@/lib/contact/service';
import {
  REQUEST_STATUSES,
  requestAddress,
  requestStatusLabel,
  type InboxFilters,
} from '@/lib/inbox/schema';
import { formatDateTime } from '@/lib/platform/format';

const warningClass =
  'mt-3 rounded-lg border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950 dark:bg-amber-950/40 dark:text-amber-100';

/** What needs a second look: the staff e-mail not sent, a form sent faster than a person types. */
export function QuoteWarnings({ quote }: { quote: InboxContactRequest }) {
  return (
    <>
      {!quote.staffNotified ? (
        <p className={warningClass}>
          The staff e-mail for this request was not sent
          {quote.staffNotifyError ? ` (${quote.staffNotifyError})` : ''}: it is only here.
        </p>
      ) : null}
      {quote.flag ? (
        <p className={warningClass} data-testid="quote-flag">
          {FLAG_NOTES[quote.flag]}
        </p>
      ) : null}
    </>
  );
}

/** When the request came and its status: its row and its own page say it alike. */
export function QuoteReceived({ quote }: { quote: InboxContactRequest }) {
  return (
    <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
      Received{' '}
      <time dateTime={quote.createdAt}>{formatDateTime(quote.createdAt, 'Europe/Paris')}</time>
      {' · '}Status:{' '}
      <span className="font-semibold" data-testid="inbox-status">
        {requestStatusLabel(quote.status)}
      </span>
    </p>
  );
}

/** A quote's status form: on its row, and (`backToRequest`) on its own page. */
export function QuoteStatusForm({
  quote,
  filters,
  backToRequest,
}: {
  quote: Pick<InboxContactRequest, 'id' | 'status'>;
  filters: InboxFilters;
  backToRequest?: boolean;
}) {
  return (
    <StatusChangeForm
      action={updateContactStatus}
      requestId={quote.id}
      fieldId={`quote-status-${quote.id}`}
      status={quote.status}
      statuses={REQUEST_STATUSES}
      filters={filters}
      backToRequest={backToRequest}
    />
  );
}

function QuoteRequestRow({
  quote,
  filters,
}: {
  quote: InboxContactRequest;
  filters: InboxFilters;
}) {
  const message = quote.details.find((row) => row.label === 'Message')?.value;
  return (
    <li
      id={`quote-${quote.id}`}
      className="rounded-2xl border border-slate-200 p-4 dark:border-slate-800"
      data-testid="inbox-quote-request"
    >
      <h3 className="font-semibold">
        <Link
          href={requestAddress('quote', quote.id, filters)}
          prefetch={false}
          className="text-brand-700 underline dark:text-brand-100"
        >
          {quote.details[0]?.value} — {quote.email}
        </Link>
      </h3>
      <QuoteReceived quote={quote} />
      <QuoteWarnings quote={quote} />
      {message ? (
        <p className="mt-2 break-words text-slate-800 dark:text-slate-200">{excerpt(message)}</p>
      ) : null}
      <QuoteStatusForm quote={quote} filters={filters} />
    </li>
  );
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
      card={(quote) => <QuoteRequestRow key={quote.id} quote={quote} filters={filters} />}
    />
  );
}
