// The desk's list of members' personalised assistance requests: filter, page, change a status. Each
// request is a compact row; its page (the title's link) has the whole text, its history and the
// member's Carte Vitale file.
import Link from 'next/link';
import { excerpt } from './inbox-text';
import { InboxList, StatusChangeForm } from './InboxList';
import { updateAssistanceStatus } from '@/lib/assistance/actions';
import {
  ASSISTANCE_STATUSES,
  languageLabel,
  statusLabel,
  topicLabel,
} from '@/lib/assistance/schema';
import type { InboxAssistanceRequest } from '@/lib/assistance/store';
import { requestAddress, type InboxFilters } from '@/lib/inbox/schema';
import { formatDateTime } from '@/lib/platform/format';

/** An assistance request's status form: on its row, and (`backToRequest`) on its own page. */
export function AssistanceStatusForm({
  request,
  filters,
  backToRequest,
}: {
  request: Pick<InboxAssistanceRequest, 'id' | 'status'>;
  filters: InboxFilters;
  backToRequest?: boolean;
}) {
  return (
    <StatusChangeForm
      action={updateAssistanceStatus}
      requestId={request.id}
      fieldId={`status-${request.id}`}
      status={request.status}
      statuses={ASSISTANCE_STATUSES}
      filters={filters}
      backToRequest={backToRequest}
    />
  );
}

function AssistanceRequestRow({
  request,
  filters,
}: {
  request: InboxAssistanceRequest;
  filters: InboxFilters;
}) {
  return (
    <li
      id={`request-${request.id}`}
      className="rounded-2xl border border-slate-200 p-4 dark:border-slate-800"
      data-testid="inbox-assistance-request"
    >
      <h3 className="font-semibold">
        <Link
          href={requestAddress('assistance', request.id, filters)}
          prefetch={false}
          className="text-brand-700 underline dark:text-brand-100"
        >
          {topicLabel(request.topic)} — {request.memberEmail}
        </Link>
      </h3>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        Received{' '}
        <time dateTime={request.createdAt}>
          {formatDateTime(request.createdAt, 'Europe/Paris')}
        </time>
        {' · '}
        {request.contactMethod === 'phone' && request.phone
          ? `Phone, ${request.phone}`
          : 'By e-mail'}
        {' · '}
        {languageLabel(request.language)}
        {' · '}Status:{' '}
        <span className="font-semibold" data-testid="inbox-status">
          {statusLabel(request.status)}
        </span>
      </p>
      <p className="mt-2 break-words text-slate-800 dark:text-slate-200">
        {excerpt(request.description)}
      </p>
      <AssistanceStatusForm request={request} filters={filters} />
    </li>
  );
}

export function AssistanceInbox({
  requests,
  filters,
}: {
  requests: InboxAssistanceRequest[];
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
      countNote="Open a request for its whole text, its history and the member’s file."
      className="mt-10"
      card={(request) => (
        <AssistanceRequestRow key={request.id} request={request} filters={filters} />
      )}
    />
  );
}
