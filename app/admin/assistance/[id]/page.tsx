import { AssistanceRequestDetail } from '@/components/admin/AssistanceRequestDetail';
import { deskFileOf } from '@/components/admin/desk-file';
import { deskNotice, refusedMark } from '@/components/admin/desk-notices';
import { RequestPage, requestForStaffPage } from '@/components/admin/RequestPage';
import { assistanceRequestForStaff } from '@/lib/assistance/service';
import { dayOf } from '@/lib/file/expected';
import { memberFileForStaff } from '@/lib/file/service';
import { inboxFiltersFrom } from '@/lib/inbox/schema';

type Params = Promise<{ id: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** One assistance request for staff: its text, status form, history and the member's file. */
export default async function AssistanceRequestPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: SearchParams;
}) {
  const { viewer, request } = await requestForStaffPage(
    'assistance',
    (await params).id,
    assistanceRequestForStaff,
  );
  const query = await searchParams;
  const filters = inboxFiltersFrom(query);
  const today = dayOf(new Date());
  const file = await memberFileForStaff(viewer, request.userId);
  const refused = refusedMark(query, today);
  return (
    <RequestPage
      title="Assistance request"
      filters={filters}
      anchor={`request-${request.id}`}
      notice={deskNotice(query)}
    >
      <AssistanceRequestDetail
        request={request}
        filters={filters}
        file={{
          file: file?.kind === 'file' ? deskFileOf(file.file) : null,
          today,
          refused:
            refused?.at === request.id && refused.typed.userId === request.userId
              ? { typed: refused.typed, error: refused.error }
              : null,
        }}
      />
    </RequestPage>
  );
}
