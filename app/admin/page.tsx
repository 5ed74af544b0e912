import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { AssistanceInbox, type RequestFiles } from '@/components/admin/AssistanceInbox';
import { deskFileOf, type DeskFile } from '@/components/admin/desk-file';
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
import { doneDay } from '@/lib/file/schema';
import { fileCountsByStep, memberFileForStaff, overdueFiles } from '@/lib/file/service';
import { lookup, queryValue } from '@/lib/forms/query';
import { overduePageFrom, returnedMark, type StaffMarkForm } from '@/lib/inbox/file-mark';
import { INBOX_PAGE_SIZE, inboxFiltersFrom } from '@/lib/inbox/schema';

const NOTICES: Record<string, string> = {
  updated: 'Status updated.',
  invalid: 'That status change was not valid. Choose a status from the list.',
  'not-found': 'That request no longer exists.',
  'file-marked': 'Step marked done. The member sees it on their file, with your name.',
  'file-date': 'That date was not accepted: see the message beside the form.',
  'file-invalid': 'That form was not valid. Choose a step and a date, and try again.',
  'file-not-found': 'That member has no file any more.',
  'file-not-on-route': 'That step is not on the member’s route any more.',
};

/** Why a refused date was refused, by the same rule the action applied (never from the address). */
function refusedDate(mark: StaffMarkForm, today: string): string {
  const parsed = doneDay(today).safeParse(mark.doneOn);
  return parsed.success
    ? 'That date could not be saved for this step. Check the date and try again.'
    : (parsed.error.issues[0]?.message ?? 'Check the date.');
}

/** The member's file beside each request: one read per member on the page. */
async function filesOf(
  viewer: Parameters<typeof memberFileForStaff>[0],
  userIds: string[],
): Promise<Map<string, DeskFile | null>> {
  const unique = [...new Set(userIds)];
  const files = await Promise.all(unique.map((userId) => memberFileForStaff(viewer, userId)));
  return new Map(
    unique.map((userId, index) => {
      const found = files[index];
      return [userId, found?.kind === 'file' ? deskFileOf(found.file) : null];
    }),
  );
}

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
  const [requests, quoteRequests, figures, stepCounts, overdue] = await Promise.all([
    assistanceInbox(viewer, { filter: filters.assistance, limit: INBOX_PAGE_SIZE + 1 }),
    contactInbox(viewer, { filter: filters.quote, limit: INBOX_PAGE_SIZE + 1 }),
    staffFigures(viewer),
    fileCountsByStep(viewer),
    overdueFiles(viewer, { page: overduePageFrom(params) }),
  ]);
  const byUser = await filesOf(
    viewer,
    (requests ?? []).map((request) => request.userId),
  );
  const notice = lookup(NOTICES, queryValue(params.notice)) ?? null;
  const today = dayOf(new Date());
  // A refused date comes back with what staff typed; the message is derived again here.
  const mark = queryValue(params.notice) === 'file-date' ? returnedMark(params) : null;
  const refused = mark ? { at: mark.at, typed: mark, error: refusedDate(mark, today) } : null;
  const files: RequestFiles = { byUser, today, refused };
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
          typed={refused?.at === 'overdue' ? refused.typed : null}
          error={refused?.at === 'overdue' ? refused.error : null}
        />
      ) : null}
      <GuidesToReview review={guidesDueForReview(viewer) ?? { overdue: [], soon: [] }} />
      <DraftGuides drafts={listDraftGuides(viewer) ?? []} />
      <AssistanceInbox requests={requests ?? []} filters={filters} files={files} />
      <QuoteInbox quotes={quoteRequests ?? []} filters={filters} />
    </div>
  );
}
