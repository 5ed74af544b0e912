// One assistance request on its own page of the desk: everything the member sent, the status form,
// the request's history, and the member's Carte Vitale file with its mark-step form.
import type { DeskFile } from './desk-file';
import { AssistanceStatusForm } from './AssistanceInbox';
import type { TypedMark } from './MarkStepForm';
import { MemberFilePanel } from './MemberFilePanel';
import { RequestHistory } from './RequestHistory';
import { languageLabel, statusLabel, topicLabel } from '@/lib/assistance/schema';
import type { InboxAssistanceEntry } from '@/lib/assistance/service';
import type { InboxFilters } from '@/lib/inbox/schema';
import { formatDateTime } from '@/lib/platform/format';

/** The member's file (null: none started), and a refused mark's typed values. */
export interface RequestFile {
  file: DeskFile | null;
  today: string;
  /** What was typed in a mark whose date was refused, and why. */
  refused: { typed: TypedMark; error: string } | null;
}

export function AssistanceRequestDetail({
  request,
  filters,
  file,
}: {
  request: InboxAssistanceEntry;
  filters: InboxFilters;
  file: RequestFile;
}) {
  return (
    <article
      id={`request-${request.id}`}
      aria-labelledby={`request-${request.id}-title`}
      className="mt-8 grid gap-6 rounded-2xl border border-slate-200 p-6 lg:grid-cols-[3fr_2fr] dark:border-slate-800"
      data-testid="inbox-assistance-request"
    >
      <div>
        <h2 id={`request-${request.id}-title`} className="text-lg font-semibold">
          {topicLabel(request.topic)} — {request.memberEmail}
        </h2>
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
        <AssistanceStatusForm request={request} filters={filters} />
        <RequestHistory events={request.history} />
      </div>
      <MemberFilePanel
        file={file.file}
        requestId={request.id}
        filters={filters}
        today={file.today}
        typed={file.refused?.typed}
        error={file.refused?.error}
      />
    </article>
  );
}
