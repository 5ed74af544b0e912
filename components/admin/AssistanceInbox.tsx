// The desk's list of members' personalised assistance requests: filter, page, change a status. Each
// request is a compact row; its page (the title's link) has the whole text, its history and the
// member's Carte Vitale file.
import type { InboxRow } from './InboxRows';
import { StatusChangeForm } from './inbox-row-parts';
import { excerpt } from './inbox-text';
import { InboxList } from './InboxList';
import { updateAssistanceStatus } from '@/lib/assistance/actions';
import {
  ASSISTANCE_STATUSES,
  languageLabel,
  statusLabel,
  topicLabel,
} from '@/lib/assistance/schema';
import type { InboxAssistanceRequest } from '@/lib/assistance/store';
import {
  BACK_TO_REQUEST,
  inboxFilterParams,
  requestAddress,
  type InboxFilters,
} from '@/lib/inbox/schema';
import { formatDateTime } from '@/lib/platform/format';

/** An assistance request's status form on its own page (the rows' is in InboxRows). */
export function AssistanceStatusForm({
  request,
  filters,
}: {
  request: Pick<InboxAssistanceRequest, 'id' | 'status'>;
  filters: InboxFilters;
}) {
  return (
    <StatusChangeForm
      action={updateAssistanceStatus}
      requestId={request.id}
      fieldId={`status-${request.id}`}
      status={request.status}
      statuses={ASSISTANCE_STATUSES}
      kept={inboxFilterParams(filters)}
      back={BACK_TO_REQUEST}
    />
  );
}

function assistanceRow(request: InboxAssistanceRequest, filters: InboxFilters): InboxRow {
  const reach =
    request.contactMethod === 'phone' && request.phone ? `Phone, ${request.phone}` : 'By e-mail';
  return {
    id: request.id,
    href: requestAddress('assistance', request.id, filters),
    title: `${topicLabel(request.topic)} — ${request.memberEmail}`,
    createdAt: request.createdAt,
    received: formatDateTime(request.createdAt, 'Europe/Paris'),
    facts: `${reach} · ${languageLabel(request.language)}`,
    status: request.status,
    statusLabel: statusLabel(request.status),
    notes: [],
    excerpt: excerpt(request.description),
  };
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
      rowOf={(request) => assistanceRow(request, filters)}
      action={updateAssistanceStatus}
      statuses={ASSISTANCE_STATUSES}
    />
  );
}
