import { notFound, redirect } from 'next/navigation';
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
import { contactInbox } from '@/lib/contact/service';
import { lookup, queryValue } from '@/lib/forms/query';
import { formatDateTime } from '@/lib/platform/format';

const NOTICES: Record<string, string> = {
  updated: 'Status updated.',
  invalid: 'That status change was not valid. Choose a status from the list.',
  'not-found': 'That request no longer exists.',
};

type SearchParams = Promise<{ notice?: string | string[] }>;

/** The staff inbox. */
export default async function AdminPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await getViewer();
  if (viewer.kind === 'reader') redirect('/signin?callbackUrl=%2Fadmin');
  // Not staff: the inbox does not exist for them.
  if (!isStaff(viewer)) notFound();
  const [requests, quoteRequests] = await Promise.all([
    assistanceInbox(viewer),
    contactInbox(viewer),
  ]);
  const { notice: noticeParam } = await searchParams;
  const notice = lookup(NOTICES, queryValue(noticeParam)) ?? null;
  const assistance = requests ?? [];
  const quotes = quoteRequests ?? [];
  // Everything shown is text rendered by React, so it is escaped.
  return (
    <div className="mx-auto max-w-5xl px-4 py-12">
      <h1 className="font-serif text-4xl font-bold">Staff inbox</h1>
      {notice ? <Notice>{notice}</Notice> : null}

      <section aria-labelledby="assistance-inbox-title" className="mt-10">
        <h2 id="assistance-inbox-title" className="font-serif text-2xl font-bold">
          Personalised assistance requests
        </h2>
        <p className="mt-1 text-slate-700 dark:text-slate-300">
          {assistance.length} request{assistance.length === 1 ? '' : 's'}, newest first.
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
                </article>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-6 text-slate-700 dark:text-slate-300">No assistance requests yet.</p>
        )}
      </section>

      <section aria-labelledby="quote-inbox-title" className="mt-16">
        <h2 id="quote-inbox-title" className="font-serif text-2xl font-bold">
          Free-quote requests
        </h2>
        <p className="mt-1 text-slate-700 dark:text-slate-300">
          {quotes.length} request{quotes.length === 1 ? '' : 's'}, newest first. Reply by e-mail.
        </p>
        {quotes.length ? (
          <ul className="mt-6 space-y-6">
            {quotes.map((quote) => (
              <li
                key={quote.id}
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
                  </p>
                  {!quote.staffNotified ? (
                    <p className="mt-3 rounded-lg border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950 dark:bg-amber-950/40 dark:text-amber-100">
                      The staff e-mail for this request was not sent
                      {quote.staffNotifyError ? ` (${quote.staffNotifyError})` : ''}: it is only
                      here.
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
                </article>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-6 text-slate-700 dark:text-slate-300">No free-quote requests yet.</p>
        )}
      </section>
    </div>
  );
}
