import { deskNotice } from '@/components/admin/desk-notices';
import { QuoteRequestDetail } from '@/components/admin/QuoteRequestDetail';
import { RequestPage, requestForStaffPage } from '@/components/admin/RequestPage';
import { contactRequestForStaff } from '@/lib/contact/service';
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
  const { request } = await requestForStaffPage('quote', (await params).id, contactRequestForStaff);
  const query = await searchParams;
  const filters = inboxFiltersFrom(query);
  return (
    <RequestPage
      title="Free-quote request"
      filters={filters}
      anchor={`quote-${request.id}`}
      notice={deskNotice(query)}
    >
      <QuoteRequestDetail quote={request} filters={filters} />
    </RequestPage>
  );
}
