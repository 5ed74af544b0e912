import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { AssistanceInbox } from '@/components/admin/AssistanceInbox';
import { deskNotice, refusedMark } from '@/components/admin/desk-notices';
import { DraftGuides, GuidesToReview } from '@/components/admin/GuidesToReview';
import { MemberFiles } from '@/components/admin/MemberFiles';
import { QuoteInbox } from '@/components/admin/QuoteInbox';
import { StaffFiguresSection } from '@/components/admin/StaffFiguresSection';
import { Notice } from '@/components/Notice';
import { isStaff } from '@/lib/access';
import { assistanceInbox } from '@/lib/assistance/service';
import { getViewer } from '@/lib/auth/viewer';
import { staffFigures } from '@/lib/billing/report';
import { contactInbox } from '@/lib/contact/service';
import { guidesDueForReview, listDraftGuides } from '@/lib/content';
import { dayOf } from '@/lib/file/expected';
import { fileCountsByStep, overdueFiles } from '@/lib/file/service';
import { overduePageFrom } from '@/lib/inbox/file-mark';
import { INBOX_PAGE_SIZE, inboxFiltersFrom } from '@/lib/inbox/schema';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * The staff desk: figures, guides to review, drafts, and the inbox of requests. Each request is a
 * compact row with its status form; its page (app/admin/assistance/[id], app/admin/quotes/[id])
 * has the rest, so this page stays light however busy the inbox is.
 */
export default async function AdminPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await getViewer();
  if (viewer.kind === 'reader') redirect('/signin?callbackUrl=%2Fadmin');
  // Not staff: the inbox does not exist for them.
  if (!isStaff(viewer)) notFound();
  const params = await searchParams;
  // zod-checked and capped (lib/inbox/schema): anything off the list means "no filter".
  const filters = inboxFiltersFrom(params);
  // One more than a page: the lists then know whether older requests exist.
  const [requests, quoteRequests, figures, stepCounts, overdue] = await Promise.all([
    assistanceInbox(viewer, { filter: filters.assistance, limit: INBOX_PAGE_SIZE + 1 }),
    contactInbox(viewer, { filter: filters.quote, limit: INBOX_PAGE_SIZE + 1 }),
    staffFigures(viewer),
    fileCountsByStep(viewer),
    overdueFiles(viewer, { page: overduePageFrom(params) }),
  ]);
  const notice = deskNotice(params);
  const today = dayOf(new Date());
  // Only the overdue list's forms are on this page (a request's form is on its own page).
  const refused = refusedMark(params, today);
  const overdueRefused = refused?.at === 'overdue' ? refused : null;
  // Everything shown is text rendered by React, so it is escaped.
  return (
    <div className="mx-auto max-w-5xl px-4 py-12">
      <h1 className="font-serif text-4xl font-bold">Staff inbox</h1>
      <p className="mt-2 text-slate-700 dark:text-slate-300">
        Publishing a guide?{' '}
        <Link href="/admin/handbook" className="text-brand-700 underline dark:text-brand-100">
          The publishing handbook
        </Link>{' '}
        shows every component, live, and what content:check refuses.
      </p>
      {notice ? <Notice>{notice}</Notice> : null}
      {figures ? <StaffFiguresSection figures={figures} /> : null}
      {stepCounts && overdue ? (
        <MemberFiles
          counts={stepCounts}
          overdue={overdue}
          filters={filters}
          today={today}
          typed={overdueRefused?.typed ?? null}
          error={overdueRefused?.error ?? null}
        />
      ) : null}
      <GuidesToReview review={guidesDueForReview(viewer) ?? { overdue: [], soon: [] }} />
      <DraftGuides drafts={listDraftGuides(viewer) ?? []} />
      <AssistanceInbox requests={requests ?? []} filters={filters} />
      <QuoteInbox quotes={quoteRequests ?? []} filters={filters} />
    </div>
  );
}
