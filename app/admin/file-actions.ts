'use server';
// Staff mark a step of a member's file from the desk (a plain form post). Checked against lib/access
// here, and again by lib/file's service, which records the mark in the file's history.
import { notFound, redirect } from 'next/navigation';
import { isStaff } from '@/lib/access';
import { getViewer } from '@/lib/auth/viewer';
import { dayOf } from '@/lib/file/expected';
import { doneDay } from '@/lib/file/schema';
import { markStepByStaff } from '@/lib/file/service';
import { markAddress, staffMarkFromForm } from '@/lib/inbox/file-mark';
import { inboxFiltersFromForm } from '@/lib/inbox/schema';

const RESULT_NOTICES = {
  saved: 'file-marked',
  'no-file': 'file-not-found',
  'not-on-route': 'file-not-on-route',
  refused: 'file-not-found',
} as const;

export async function markStepFromDesk(formData: FormData): Promise<void> {
  const viewer = await getViewer();
  if (viewer.kind === 'reader') redirect('/signin?callbackUrl=%2Fadmin');
  if (!isStaff(viewer)) notFound();
  // Back to the desk as staff had filtered it.
  const filters = inboxFiltersFromForm(formData);
  const parsed = staffMarkFromForm(formData);
  if (!parsed.success) redirect(markAddress(filters, 'file-invalid', null));
  const mark = parsed.data;
  // A bad date goes back to its form with what was typed; the page says why (same rule).
  if (!doneDay(dayOf(new Date())).safeParse(mark.doneOn).success) {
    redirect(markAddress(filters, 'file-date', mark, true));
  }
  const result = await markStepByStaff(viewer, {
    userId: mark.userId,
    stepId: mark.stepId,
    doneOn: mark.doneOn,
    staffName: mark.staffName,
  });
  if (result.kind === 'invalid') redirect(markAddress(filters, 'file-date', mark, true));
  redirect(markAddress(filters, RESULT_NOTICES[result.kind], mark));
}
