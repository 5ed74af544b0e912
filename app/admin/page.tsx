import { notFound, redirect } from 'next/navigation';
import { AssistanceInbox } from '@/components/admin/AssistanceInbox';
import { DraftGuides, GuidesToReview } from '@/components/admin/GuidesToReview';
import { QuoteInbox } from '@/components/admin/QuoteInbox';
import { StaffFiguresSection } from '@/components/admin/StaffFiguresSection';
import { Notice } from '@/components/Notice';
import { isStaff } from '@/lib/access';
import { assistanceInbox } from '@/lib/assistance/service';
import { getViewer } from '@/lib/auth/viewer';
import { staffFigures } from '@/lib/billing/report';
import { contactInbox } from '@/lib/contact/service';
import { guidesDueForReview, listDraftGuides } from '@/lib/content';
import { lookup, queryValue } from '@/lib/forms/query';
import { INBOX_PAGE_SIZE, inboxFiltersFrom } from '@/lib/inbox/schema';

const NOTICES: Record<string, string> = {
  updated: 'Status updated.',
  invalid: 'That status change was not valid. Choose a status from the list.',
  'not-found': 'That request no longer exists.',
};

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The staff desk: figures, guides to review, drafts, and the inbox of requests. */
export default async function AdminPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await getViewer();
  if (viewer.kind === 'reader') redirect('/signin?callbackUrl=%2Fadmin');
  // Not staff: the inbox does not exist for them.
  if (!isStaff(viewer)) notFound();
  const params = await searchParams;
  // zod-checked and capped (lib/inbox/schema): anything off the list means "no filter".
  const filters = inboxFiltersFrom(params);
  // One more than a page: the lists then know whether older requests exist.
  const [requests, quoteRequests, figures] = await Promise.all([
    assistanceInbox(viewer, { filter: filters.assistance, limit: INBOX_PAGE_SIZE + 1 }),
    contactInbox(viewer, { filter: filters.quote, limit: INBOX_PAGE_SIZE + 1 }),
    staffFigures(viewer),
  ]);
  const notice = lookup(NOTICES, queryValue(params.notice)) ?? null;
  // Everything shown is text rendered by React, so it is escaped.
  return (
    <div className="mx-auto max-w-5xl px-4 py-12">
      <h1 className="font-serif text-4xl font-bold">Staff inbox</h1>
      {notice ? <Notice>{notice}</Notice> : null}
      {figures ? <StaffFiguresSection figures={figures} /> : null}
      <GuidesToReview review={guidesDueForReview(viewer) ?? { overdue: [], soon: [] }} />
      <DraftGuides drafts={listDraftGuides(viewer) ?? []} />
      <AssistanceInbox requests={requests ?? []} filters={filters} />
      <QuoteInbox quotes={quoteRequests ?? []} filters={filters} />
    </div>
  );
}
