// One free-quote request on its own page of the desk: everything the person sent, what needs a
// second look, the status form and the request's history.
import { RequestNotes, RequestReceived } from './inbox-row-parts';
import { quoteNotes, quoteReceived, QuoteStatusForm } from './QuoteInbox';
import { RequestHistory } from './RequestHistory';
import type { ContactRequestEntry } from '@/lib/contact/service';
import type { InboxFilters } from '@/lib/inbox/schema';

export function QuoteRequestDetail({
  quote,
  filters,
}: {
  quote: ContactRequestEntry;
  filters: InboxFilters;
}) {
  return (
    <article
      id={`quote-${quote.id}`}
      aria-labelledby={`quote-${quote.id}-title`}
      className="mt-8 rounded-2xl border border-slate-200 p-6 dark:border-slate-800"
      data-testid="inbox-quote-request"
    >
      <h2 id={`quote-${quote.id}-title`} className="text-lg font-semibold">
        {quote.details[0]?.value} —{' '}
        <a href={`mailto:${quote.email}`} className="text-brand-700 underline dark:text-brand-100">
          {quote.email}
        </a>
      </h2>
      <RequestReceived {...quoteReceived(quote)} />
      <RequestNotes notes={quoteNotes(quote)} />
      <dl className="mt-3 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
        {quote.details.slice(1).map((row) => (
          <div key={row.label} className={row.label === 'Message' ? 'sm:col-span-2' : undefined}>
            <dt className="text-slate-600 dark:text-slate-400">{row.label}</dt>
            <dd className="whitespace-pre-wrap break-words">{row.value}</dd>
          </div>
        ))}
      </dl>
      <QuoteStatusForm quote={quote} filters={filters} />
      <RequestHistory events={quote.history} />
    </article>
  );
}
