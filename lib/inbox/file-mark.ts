// Staff mark a step of a member's file from the desk (/admin): what the plain form posts, and how a
// refused date comes back to the same form with what staff typed. Client-safe, no I/O.
import * as z from '../forms/zod';
import { queryValue } from '../forms/query';
import { fileId } from '../file/schema';
import { inboxFilterParams, REQUEST_PAGES, type InboxFilters } from './schema';

/**
 * Where on the desk a mark-step form sits: in the overdue list, or beside an assistance request
 * (its id). The same member's file can be in both places; staff land back on the one they used.
 */
const place = z.union([z.literal('overdue'), z.uuid()]);

/** The longest name staff may give to sign a mark. */
export const STAFF_NAME_MAX = 80;

/** What a mark-step form of the desk posts (the date itself is checked by lib/file, with today). */
export const staffMarkForm = z.object({
  userId: z.uuid(),
  stepId: fileId,
  // Capped here so a forged post stays small; its rules (real day, not future, not before 2000)
  // are lib/file's.
  doneOn: z.string().max(20),
  /** How the member sees who marked it (lib/file uses "Sojoourn staff" when left empty). */
  staffName: z
    .string()
    .trim()
    .max(STAFF_NAME_MAX, `Keep your name under ${STAFF_NAME_MAX} characters.`),
  at: place,
});
export type StaffMarkForm = z.infer<typeof staffMarkForm>;

/** The address fields that carry a refused date back to its form (no message: it is re-derived). */
const RETURNED = {
  userId: 'fuser',
  stepId: 'fstep',
  doneOn: 'fdate',
  staffName: 'fname',
  at: 'fat',
} as const;

/** A mark-step form's fields from a plain form post. */
export function staffMarkFromForm(formData: FormData) {
  const field = (name: string) => {
    const value = formData.get(name);
    return typeof value === 'string' ? value : undefined;
  };
  return staffMarkForm.safeParse({
    userId: field('userId'),
    stepId: field('stepId'),
    doneOn: field('doneOn') ?? '',
    staffName: field('staffName') ?? '',
    at: field('at'),
  });
}

/**
 * A refused date as it comes back in the address: whose form, which step, where, and what was
 * typed (capped). Anything malformed means "no form to reopen".
 */
export function returnedMark(
  params: Record<string, string | string[] | undefined>,
): StaffMarkForm | null {
  const parsed = staffMarkForm.safeParse({
    userId: queryValue(params[RETURNED.userId], 40),
    stepId: queryValue(params[RETURNED.stepId], 80),
    doneOn: queryValue(params[RETURNED.doneOn], 20) ?? '',
    staffName: queryValue(params[RETURNED.staffName], STAFF_NAME_MAX) ?? '',
    at: queryValue(params[RETURNED.at], 40),
  });
  return parsed.success ? parsed.data : null;
}

/** The desk's anchor for a form's place: the overdue row of the member, or the request's card. */
export function markAnchor(mark: Pick<StaffMarkForm, 'userId' | 'at'>): string {
  return mark.at === 'overdue' ? `overdue-${mark.userId}` : `request-${mark.at}`;
}

/**
 * Where a mark lands: the form's place (the desk's overdue list, or the assistance request's own
 * page) with the inbox's filters kept and its notice; a refused date also carries what was typed, so
 * the form shows it again with the reason.
 */
export function markAddress(
  filters: InboxFilters,
  notice: string,
  mark: StaffMarkForm | null,
  keepTyped = false,
): string {
  const query = new URLSearchParams({ ...inboxFilterParams(filters), notice });
  if (mark && keepTyped) {
    query.set(RETURNED.userId, mark.userId);
    query.set(RETURNED.stepId, mark.stepId);
    query.set(RETURNED.doneOn, mark.doneOn.slice(0, 20));
    query.set(RETURNED.staffName, mark.staffName);
    query.set(RETURNED.at, mark.at);
  }
  // `at` is 'overdue' or a request's uuid (checked by staffMarkForm): safe in a path.
  const path =
    mark && mark.at !== 'overdue' ? `/admin/${REQUEST_PAGES.assistance}/${mark.at}` : '/admin';
  return `${path}?${query.toString()}${mark ? `#${markAnchor(mark)}` : ''}`;
}

/** The overdue list's page in the address (`?opage=2`); anything else is the first page. */
export const OVERDUE_PAGE_PARAM = 'opage';
/** Pages beyond this are not offered: the list is read oldest first, a page at a time. */
const OVERDUE_PAGE_MAX = 1000;

export function overduePageFrom(params: Record<string, string | string[] | undefined>): number {
  const text = queryValue(params[OVERDUE_PAGE_PARAM], 8) ?? '';
  const page = /^[1-9]\d{0,3}$/.test(text) ? Number(text) : 1;
  return Math.min(page, OVERDUE_PAGE_MAX);
}
