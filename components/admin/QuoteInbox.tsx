// The desk's list of free-quote requests: filter, page, change a status; flags what needs a
// second look (the staff e-mail not sent, a form sent faster than a person types).
import { InboxFilterForm } from './InboxFilterForm';
import { InboxPager } from './InboxPager';
import { KeptFilters } from './KeptFilters';
import { RequestHistory } from './RequestHistory';
import { countText, emptyListText } from './inbox-text';
import { updateContactStatus } from '@/lib/contact/actions';
import { FLAG_NOTES } from '@/lib/contact/emails';
import type { InboxContactRequest } from '@/lib/contact/service';
import {
  REQUEST_STATUSES,
  inboxPage,
  requestStatusLabel,
  type InboxFilters,
} from '@/lib/inbox/schema';
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
        <form action={updateContactStatus} className="mt-4 flex flex-wrap items-end gap-3">
          <input type="hidden" name="id" value={quote.id} />
          <KeptFilters filters={filters} />
          <div>
            <label htmlFor={`quote-status-${quote.id}`} className="field-label">
              Change status
            </label>
            <select
              id={`quote-status-${quote.id}`}
              name="status"
              defaultValue={quote.status}
              className="field-input"
            >
              {Object.entries(REQUEST_STATUSES).map(([id, label]) => (
                <option key={id} value={id}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="btn-secondary">
            Update status
          </button>
        </form>
        <RequestHistory events={quote.history} />
      </article>
    </li>
  );
}

/** `quotes`: one page and one more (INBOX_PAGE_SIZE + 1), so the list knows older ones exist. */
export function QuoteInbox({
  quotes,
  filters,
}: {
  quotes: InboxContactRequest[];
  filters: InboxFilters;
}) {
  const page = inboxPage(quotes);
  const shown = page.shown;
  const assistanceKeep = { astatus: filters.assistance.status, aq: filters.assistance.search };
  return (
    <section aria-labelledby="quote-inbox-title" className="mt-16">
      <h2 id="quote-inbox-title" className="font-serif text-2xl font-bold">
        Free-quote requests
      </h2>
      <InboxFilterForm
        prefix="q"
        label="Filter free-quote requests"
        filter={filters.quote}
        keep={assistanceKeep}
      />
      <p className="mt-3 text-slate-700 dark:text-slate-300" data-testid="quote-count">
        {countText(shown.length, page.more, filters.quote)} Reply by e-mail.
      </p>
      {shown.length ? (
        <ul className="mt-6 space-y-6">
          {shown.map((quote) => (
            <QuoteRequestCard key={quote.id} quote={quote} filters={filters} />
          ))}
        </ul>
      ) : (
        <p className="mt-6 text-slate-700 dark:text-slate-300">
          {emptyListText(filters.quote, 'No free-quote requests yet.')}
        </p>
      )}
      <InboxPager
        filters={filters}
        list="quote"
        label="free-quote requests"
        lastShown={shown.at(-1)}
        more={page.more}
      />
    </section>
  );
}
