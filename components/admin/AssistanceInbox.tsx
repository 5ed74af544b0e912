// The desk's list of members' personalised assistance requests: filter, page, change a status.
import { InboxList, StatusChangeForm } from './InboxList';
import { RequestHistory } from './RequestHistory';
import { updateAssistanceStatus } from '@/lib/assistance/actions';
import {
  ASSISTANCE_STATUSES,
  languageLabel,
  statusLabel,
  topicLabel,
} from '@/lib/assistance/schema';
import type { InboxAssistanceEntry } from '@/lib/assistance/service';
import type { InboxFilters } from '@/lib/inbox/schema';
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
        <StatusChangeForm
          action={updateAssistanceStatus}
          requestId={request.id}
          fieldId={`status-${request.id}`}
          status={request.status}
          statuses={ASSISTANCE_STATUSES}
          filters={filters}
        />
        <RequestHistory events={request.history} />
      </article>
    </li>
  );
}

export function AssistanceInbox({
  requests,
  filters,
}: {
  requests: InboxAssistanceEntry[];
  filters: InboxFilters;
}) {
  return (
    <InboxList
      list="assistance"
      rows={requests}
      filters={filters}
      title="Personalised assistance requests"
      label="assistance requests"
      none="No assistance requests yet."
      className="mt-10"
      card={(request) => (
        <AssistanceRequestCard key={request.id} request={request} filters={filters} />
      )}
    />
  );
}
