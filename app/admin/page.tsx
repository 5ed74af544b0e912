import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { InboxFilterForm } from '@/components/admin/InboxFilterForm';
import { InboxPager } from '@/components/admin/InboxPager';
import { RequestHistory } from '@/components/admin/RequestHistory';
import { Notice } from '@/components/Notice';
import { isStaff } from '@/lib/access';
import {
  ASSISTANCE_STATUSES,
  languageLabel,
  statusLabel,
  topicLabel,
} from '@/lib/assistance/schema';
import { assistanceInbox } from '@/lib/assistance/service';
import { updateAssistanceStatus } from '@/lib/assistance/actions';
import { getViewer } from '@/lib/auth/viewer';
import { staffFigures } from '@/lib/billing/report';
import { updateContactStatus } from '@/lib/contact/actions';
import { FLAG_NOTES } from '@/lib/contact/emails';
import { contactInbox } from '@/lib/contact/service';
import { guidesDueForReview, listDraftGuides, type ReviewDue } from '@/lib/content';
import { lookup, queryValue } from '@/lib/forms/query';
import {
  INBOX_PAGE_SIZE,
  REQUEST_STATUSES,
  inboxFilterParams,
  inboxPage,
  inboxFiltersFrom,
  requestStatusLabel,
  type InboxFilter,
  type InboxFilters,
} from '@/lib/inbox/schema';
import { formatDateTime, formatDay } from '@/lib/platform/format';

const NOTICES: Record<string, string> = {
  updated: 'Status updated.',
  invalid: 'That status change was not valid. Choose a status from the list.',
  'not-found': 'That request no longer exists.',
};

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function ReviewList({ guides, empty }: { guides: ReviewDue[]; empty: string }) {
  if (!guides.length) return <p className="mt-2 text-slate-700 dark:text-slate-300">{empty}</p>;
  return (
    <ul className="mt-2 space-y-1">
      {guides.map((guide) => (
        <li key={guide.slug} data-testid="review-due-guide">
          <Link href={guide.url} className="text-brand-700 underline dark:text-brand-100">
            {guide.title}
          </Link>
          {guide.draft ? ' (draft)' : ''} — last checked {formatDay(guide.reviewedAt)}, due{' '}
          <time dateTime={guide.dueOn}>{formatDay(guide.dueOn)}</time>
        </li>
      ))}
    </ul>
  );
}

/** A status form carries the inbox's filters, so staff land back on the list they were working. */
function KeptFilters({ filters }: { filters: InboxFilters }) {
  return Object.entries(inboxFilterParams(filters)).map(([name, value]) => (
    <input key={name} type="hidden" name={name} value={value} />
  ));
}

/** The staff desk: figures, guides to review, drafts, and the inbox of requests. */
export default async function AdminPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await getViewer();
  if (viewer.kind === 'reader') redirect('/signin?callbackUrl=%2Fadmin');
  // Not staff: the inbox does not exist for them.
  if (!isStaff(viewer)) notFound();
  const params = await searchParams;
  // zod-checked and capped (lib/inbox/schema): anything off the list means "no filter".
  const filters = inboxFiltersFrom(params);
  const [requests, quoteRequests, figures] = await Promise.all([
    assistanceInbox(viewer, { filter: filters.assistance, limit: INBOX_PAGE_SIZE + 1 }),
    contactInbox(viewer, { filter: filters.quote, limit: INBOX_PAGE_SIZE + 1 }),
    staffFigures(viewer),
  ]);
  const review = guidesDueForReview(viewer) ?? { overdue: [], soon: [] };
  const drafts = listDraftGuides(viewer) ?? [];
  const notice = lookup(NOTICES, queryValue(params.notice)) ?? null;
  const assistancePage = inboxPage(requests ?? []);
  const quotePage = inboxPage(quoteRequests ?? []);
  const assistance = assistancePage.shown;
  const quotes = quotePage.shown;
  const assistanceKeep = { astatus: filters.assistance.status, aq: filters.assistance.search };
  const quoteKeep = { qstatus: filters.quote.status, qq: filters.quote.search };
  const filtered = (filter: { status?: string; search?: string }) =>
    filter.status || filter.search ? ' matching the filter' : '';
  const emptyList = (filter: InboxFilter, none: string) =>
    filter.before ? 'No older requests.' : filtered(filter) ? 'No request matches.' : none;
  // A full page says so: the count would otherwise read as the whole inbox.
  const counted = (shown: number, more: boolean, filter: InboxFilter) => {
    const requests = `request${shown === 1 ? '' : 's'}${filtered(filter)}`;
    if (filter.before) return `${shown} older ${requests}${more ? ', and more after them' : ''}.`;
    return more
      ? `The ${shown} most recent ${requests}; older ones follow.`
      : `${shown} ${requests}, newest first.`;
  };
  // Everything shown is text rendered by React, so it is escaped.
  return (
    <div className="mx-auto max-w-5xl px-4 py-12">
      <h1 className="font-serif text-4xl font-bold">Staff inbox</h1>
      {notice ? <Notice>{notice}</Notice> : null}

      {figures ? (
        <section aria-labelledby="figures-title" className="mt-10">
          <h2 id="figures-title" className="font-serif text-2xl font-bold">
            Members and referrals
          </h2>
          <dl className="mt-4 grid gap-4 sm:grid-cols-3" data-testid="member-counts">
            {(
              [
                ['Active members', figures.members.active],
                ['Cancelling at period end', figures.members.cancelling],
                ['Payment past due', figures.members.pastDue],
              ] as const
            ).map(([label, value]) => (
              <div
                key={label}
                className="rounded-2xl border border-slate-200 p-4 dark:border-slate-800"
              >
                <dt className="text-sm text-slate-600 dark:text-slate-400">{label}</dt>
                <dd className="text-3xl font-bold">{value}</dd>
              </div>
            ))}
          </dl>
          <table className="mt-6 w-full text-left text-sm" data-testid="referral-clicks">
            <caption className="text-left font-semibold">
              PartirAssur referral clicks per week (weeks start on Monday)
            </caption>
            <thead>
              <tr>
                <th scope="col" className="py-1">
                  Week of
                </th>
                <th scope="col" className="py-1">
                  Clicks
                </th>
              </tr>
            </thead>
            <tbody>
              {figures.referralClicks.map((week) => (
                <tr key={week.weekOf} className="border-t border-slate-200 dark:border-slate-800">
                  <td className="py-1">
                    <time dateTime={week.weekOf}>{formatDay(week.weekOf)}</time>
                  </td>
                  <td className="py-1">{week.clicks}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      <section aria-labelledby="review-title" className="mt-12">
        <h2 id="review-title" className="font-serif text-2xl font-bold">
          Guides to review
        </h2>
        <p className="mt-1 text-slate-700 dark:text-slate-300">
          Facts are checked against official sources at least once a year.
        </p>
        <h3 className="mt-4 font-semibold">Overdue: last checked more than 12 months ago</h3>
        <div data-testid="review-overdue">
          <ReviewList guides={review.overdue} empty="None." />
        </div>
        <h3 className="mt-4 font-semibold">Due within a month</h3>
        <div data-testid="review-soon">
          <ReviewList guides={review.soon} empty="None." />
        </div>
      </section>

      <section aria-labelledby="drafts-title" className="mt-12">
        <h2 id="drafts-title" className="font-serif text-2xl font-bold">
          Drafts
        </h2>
        <p className="mt-1 text-slate-700 dark:text-slate-300">
          Guides with <code>draft: true</code>: only staff can open them, at their address.
        </p>
        {drafts.length ? (
          <ul className="mt-2 space-y-1" data-testid="draft-guides">
            {drafts.map((guide) => (
              <li key={guide.slug}>
                <Link href={guide.url} className="text-brand-700 underline dark:text-brand-100">
                  {guide.title}
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-slate-700 dark:text-slate-300">No drafts.</p>
        )}
      </section>

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
          {counted(assistance.length, assistancePage.more, filters.assistance)}
        </p>
        {assistance.length ? (
          <ul className="mt-6 space-y-6">
            {assistance.map((request) => (
              <li
                key={request.id}
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
                  <form
                    action={updateAssistanceStatus}
                    className="mt-4 flex flex-wrap items-end gap-3"
                  >
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
            ))}
          </ul>
        ) : (
          <p className="mt-6 text-slate-700 dark:text-slate-300">
            {emptyList(filters.assistance, 'No assistance requests yet.')}
          </p>
        )}
        <InboxPager
          filters={filters}
          list="assistance"
          label="assistance requests"
          lastShown={assistance.at(-1)}
          more={assistancePage.more}
        />
      </section>

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
          {counted(quotes.length, quotePage.more, filters.quote)} Reply by e-mail.
        </p>
        {quotes.length ? (
          <ul className="mt-6 space-y-6">
            {quotes.map((quote) => (
              <li
                key={quote.id}
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
                    <time dateTime={quote.createdAt}>
                      {formatDateTime(quote.createdAt, 'Europe/Paris')}
                    </time>
                    {' · '}Status:{' '}
                    <span className="font-semibold" data-testid="inbox-status">
                      {requestStatusLabel(quote.status)}
                    </span>
                  </p>
                  {!quote.staffNotified ? (
                    <p className="mt-3 rounded-lg border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950 dark:bg-amber-950/40 dark:text-amber-100">
                      The staff e-mail for this request was not sent
                      {quote.staffNotifyError ? ` (${quote.staffNotifyError})` : ''}: it is only
                      here.
                    </p>
                  ) : null}
                  {quote.flag ? (
                    <p
                      className="mt-3 rounded-lg border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950 dark:bg-amber-950/40 dark:text-amber-100"
                      data-testid="quote-flag"
                    >
                      {FLAG_NOTES[quote.flag]}
                    </p>
                  ) : null}
                  <dl className="mt-3 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
                    {quote.details.slice(1).map((row) => (
                      <div
                        key={row.label}
                        className={row.label === 'Message' ? 'sm:col-span-2' : undefined}
                      >
                        <dt className="text-slate-600 dark:text-slate-400">{row.label}</dt>
                        <dd className="whitespace-pre-wrap break-words">{row.value}</dd>
                      </div>
                    ))}
                  </dl>
                  <form
                    action={updateContactStatus}
                    className="mt-4 flex flex-wrap items-end gap-3"
                  >
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
            ))}
          </ul>
        ) : (
          <p className="mt-6 text-slate-700 dark:text-slate-300">
            {emptyList(filters.quote, 'No free-quote requests yet.')}
          </p>
        )}
        <InboxPager
          filters={filters}
          list="quote"
          label="free-quote requests"
          lastShown={quotes.at(-1)}
          more={quotePage.more}
        />
      </section>
    </div>
  );
}
