import { notFound, redirect } from 'next/navigation';
import { AssistanceRequestDetail } from '@/components/admin/AssistanceRequestDetail';
import { deskFileOf } from '@/components/admin/desk-file';
import { deskNotice, refusedMark } from '@/components/admin/desk-notices';
import { RequestPage } from '@/components/admin/RequestPage';
import { isStaff } from '@/lib/access';
import { assistanceRequestForStaff } from '@/lib/assistance/service';
import { getViewer } from '@/lib/auth/viewer';
import { dayOf } from '@/lib/file/expected';
import { memberFileForStaff } from '@/lib/file/service';
import * as z from '@/lib/forms/zod';
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
  const { id: rawId } = await params;
  const id = z.uuid().safeParse(rawId);
  const viewer = await getViewer();
  if (viewer.kind === 'reader') {
    const back = id.success ? `/admin/assistance/${id.data}` : '/admin';
    redirect(`/signin?callbackUrl=${encodeURIComponent(back)}`);
  }
  // Not staff: the page does not exist for them (the service checks again where it reads).
  if (!isStaff(viewer) || !id.success) notFound();
  const found = await assistanceRequestForStaff(viewer, id.data);
  if (found.kind !== 'found') notFound();
  const request = found.request;
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
