// The desk's list of members' personalised assistance requests: filter, page, change a status.
import type { DeskFile } from './desk-file';
import { InboxList, StatusChangeForm } from './InboxList';
import type { TypedMark } from './MarkStepForm';
import { MemberFilePanel } from './MemberFilePanel';
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

/** Each request's member file (null: none started), and a refused mark's typed values. */
export interface RequestFiles {
  byUser: Map<string, DeskFile | null>;
  today: string;
  /** The request whose mark was refused, what was typed, and why. */
  refused: { at: string; typed: TypedMark; error: string } | null;
}

function AssistanceRequestCard({
  request,
  filters,
  files,
}: {
  request: InboxAssistanceEntry;
  filters: InboxFilters;
  files: RequestFiles;
}) {
  const refused = files.refused?.at === request.id ? files.refused : null;
  return (
    <li
      id={`request-${request.id}`}
      className="rounded-2xl border border-slate-200 p-6 dark:border-slate-800"
      data-testid="inbox-assistance-request"
    >
      <article
        aria-labelledby={`request-${request.id}-title`}
        className="grid gap-6 lg:grid-cols-[3fr_2fr]"
      >
        <div>
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
        </div>
        <MemberFilePanel
          file={files.byUser.get(request.userId) ?? null}
          requestId={request.id}
          filters={filters}
          today={files.today}
          typed={refused?.typed}
          error={refused?.error}
        />
      </article>
    </li>
  );
}

export function AssistanceInbox({
  requests,
  filters,
  files,
}: {
  requests: InboxAssistanceEntry[];
  filters: InboxFilters;
  files: RequestFiles;
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
        <AssistanceRequestCard key={request.id} request={request} filters={filters} files={files} />
      )}
    />
  );
}
