// The desk's list of free-quote requests: filter, page, change a status; flags what needs a
// second look (the staff e-mail not sent, a form sent faster than a person types).
import { InboxList, StatusChangeForm } from './InboxList';
import { RequestHistory } from './RequestHistory';
import { updateContactStatus } from '@/lib/contact/actions';
import { FLAG_NOTES } from '@/lib/contact/emails';
import type { InboxContactRequest } from '@/lib/contact/service';
import { REQUEST_STATUSES, requestStatusLabel, type InboxFilters } from '@/lib/inbox/schema';
import { formatDateTime } from '@/lib/platform/format';

const warningClass =
  'mt-3 rounded-lg border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950 dark:bg-amber-950/40 dark:text-amber-100';

function QuoteRequestCard({
  quote,
  filters,
}: {
  quote: InboxContactRequest;
  filters: InboxFilters;
}) {
  return (
    <li
      id={`quote-${quote.id}`}
      className="rounded-2xl border border-slate-200 p-6 dark:border-slate-800"
      data-testid="inbox-quote-request"
    >
      <article aria-labelledby={`quote-${quote.id}-title`}>
        <h3 id={`quote-${quote.id}-title`} className="text-lg font-semibold">
          {quote.details[0]?.value} —{' '}
          <a
            href={`mailto:${quote.email}`}
            className="text-brand-700 underline dark:text-brand-100"
          >
            {quote.email}
          </a>
        </h3>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          Received{' '}
          <time dateTime={quote.createdAt}>{formatDateTime(quote.createdAt, 'Europe/Paris')}</time>
          {' · '}Status:{' '}
          <span className="font-semibold" data-testid="inbox-status">
            {requestStatusLabel(quote.status)}
          </span>
        </p>
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
        <dl className="mt-3 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
          {quote.details.slice(1).map((row) => (
            <div key={row.label} className={row.label === 'Message' ? 'sm:col-span-2' : undefined}>
              <dt className="text-slate-600 dark:text-slate-400">{row.label}</dt>
              <dd className="whitespace-pre-wrap break-words">{row.value}</dd>
            </div>
          ))}
        </dl>
        <StatusChangeForm
          action={updateContactStatus}
          requestId={quote.id}
          fieldId={`quote-status-${quote.id}`}
          status={quote.status}
          statuses={REQUEST_STATUSES}
          filters={filters}
        />
        <RequestHistory events={quote.history} />
      </article>
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
      card={(quote) => <QuoteRequestCard key={quote.id} quote={quote} filters={filters} />}
    />
  );
}
