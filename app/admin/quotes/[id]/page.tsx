import { notFound, redirect } from 'next/navigation';
import { deskNotice } from '@/components/admin/desk-notices';
import { QuoteRequestDetail } from '@/components/admin/QuoteRequestDetail';
import { RequestPage } from '@/components/admin/RequestPage';
import { isStaff } from '@/lib/access';
import { getViewer } from '@/lib/auth/viewer';
import { contactRequestForStaff } from '@/lib/contact/service';
import * as z from '@/lib/forms/zod';
import { inboxFiltersFrom } from '@/lib/inbox/schema';

type Params = Promise<{ id: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** One free-quote request for staff: every detail, what needs a second look, status and history. */
export default async function QuoteRequestPage({
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
    const back = id.success ? `/admin/quotes/${id.data}` : '/admin';
    redirect(`/signin?callbackUrl=${encodeURIComponent(back)}`);
  }
  // Not staff: the page does not exist for them (the service checks again where it reads).
  if (!isStaff(viewer) || !id.success) notFound();
  const found = await contactRequestForStaff(viewer, id.data);
  if (found.kind !== 'found') notFound();
  const query = await searchParams;
  const filters = inboxFiltersFrom(query);
  return (
    <RequestPage
      title="Free-quote request"
      filters={filters}
      anchor={`quote-${found.request.id}`}
      notice={deskNotice(query)}
    >
      <QuoteRequestDetail quote={found.request} filters={filters} />
    </RequestPage>
  );
}
