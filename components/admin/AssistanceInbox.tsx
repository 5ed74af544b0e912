// The desk's list of members' personalised assistance requests: filter, page, change a status.
import { InboxFilterForm } from './InboxFilterForm';
import { InboxPager } from './InboxPager';
import { KeptFilters } from './KeptFilters';
import { RequestHistory } from './RequestHistory';
import { countText, emptyListText } from './inbox-text';
import { updateAssistanceStatus } from '@/lib/assistance/actions';
import {
  ASSISTANCE_STATUSES,
  languageLabel,
  statusLabel,
  topicLabel,
} from '@/lib/assistance/schema';
import type { InboxAssistanceEntry } from '@/lib/assistance/service';
import { inboxPage, type InboxFilters } from '@/lib/inbox/schema';
import { formatDateTime } from '@/lib/platform/format';

function AssistanceRequestCard({
  request,
  filters,
}: {
  request: InboxAssistanceEntry;
  filters: InboxFilters;
}) {
  return (
    <li
      id={`request-${request.id}`}
      className="rounded-2xl border border-slate-200 p-6 dark:border-slate-800"
      data-testid="inbox-assistance-request"
    >
      <article aria-labelledby={`request-${request.id}-title`}>
        <h3 id={`request-${request.id}-title`} className="text-lg font-semibold">
          {topicLabel(request.topic)} — {request.memberEmail}
        </h3>
        <dl className="mt-3 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="inline text-slate-600 dark:text-slate-400">Received: </dt>
            <dd className="inline">
              <time dateTime={request.createdAt}>
                {formatDateTime(request.createdAt, 'Europe/Paris')}
              </time>
            </dd>
          </div>
          <div>
            <dt className="inline text-slate-600 dark:text-slate-400">Member: </dt>
            <dd className="inline">
              <a
                href={`mailto:${request.memberEmail}`}
                className="text-brand-700 underline dark:text-brand-100"
              >
                {request.memberEmail}
              </a>
            </dd>
          </div>
          <div>
            <dt className="inline text-slate-600 dark:text-slate-400">Contact by: </dt>
            <dd className="inline">
              {request.contactMethod === 'phone' && request.phone
                ? `Phone, ${request.phone}`
                : 'E-mail'}
            </dd>
          </div>
          <div>
            <dt className="inline text-slate-600 dark:text-slate-400">Language: </dt>
            <dd className="inline">{languageLabel(request.language)}</dd>
          </div>
          <div>
            <dt className="inline text-slate-600 dark:text-slate-400">Status: </dt>
            <dd className="inline font-semibold" data-testid="inbox-status">
              {statusLabel(request.status)}
            </dd>
          </div>
        </dl>
        <p className="mt-4 whitespace-pre-wrap break-words rounded-lg bg-slate-50 p-4 text-slate-800 dark:bg-slate-900 dark:text-slate-200">
          {request.description}
        </p>
        <form action={updateAssistanceStatus} className="mt-4 flex flex-wrap items-end gap-3">
          <input type="hidden" name="id" value={request.id} />
          <KeptFilters filters={filters} />
          <div>
            <label htmlFor={`status-${request.id}`} className="field-label">
              Change status
            </label>
            <select
              id={`status-${request.id}`}
              name="status"
              defaultValue={request.status}
              className="field-input"
            >
              {Object.entries(ASSISTANCE_STATUSES).map(([id, label]) => (
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
        <RequestHistory events={request.history} />
      </article>
    </li>
  );
}

/** `requests`: one page and one more (INBOX_PAGE_SIZE + 1), so the list knows older ones exist. */
export function AssistanceInbox({
  requests,
  filters,
}: {
  requests: InboxAssistanceEntry[];
  filters: InboxFilters;
}) {
  const page = inboxPage(requests);
  const shown = page.shown;
  const quoteKeep = { qstatus: filters.quote.status, qq: filters.quote.search };
  return (
    <section aria-labelledby="assistance-inbox-title" className="mt-10">
      <h2 id="assistance-inbox-title" className="font-serif text-2xl font-bold">
        Personalised assistance requests
      </h2>
      <InboxFilterForm
        prefix="a"
        label="Filter assistance requests"
        filter={filters.assistance}
        keep={quoteKeep}
      />
      <p className="mt-3 text-slate-700 dark:text-slate-300" data-testid="assistance-count">
        {countText(shown.length, page.more, filters.assistance)}
      </p>
      {shown.length ? (
        <ul className="mt-6 space-y-6">
          {shown.map((request) => (
            <AssistanceRequestCard key={request.id} request={request} filters={filters} />
          ))}
        </ul>
      ) : (
        <p className="mt-6 text-slate-700 dark:text-slate-300">
          {emptyListText(filters.assistance, 'No assistance requests yet.')}
        </p>
      )}
      <InboxPager
        filters={filters}
        list="assistance"
        label="assistance requests"
        lastShown={shown.at(-1)}
        more={page.more}
      />
    </section>
  );
}
