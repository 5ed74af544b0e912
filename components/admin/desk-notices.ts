// What the desk's pages (/admin and a request's own page) say after a form sent staff back there.
import { doneDay } from '@/lib/file/schema';
import { lookup, queryValue } from '@/lib/forms/query';
import { returnedMark, type StaffMarkForm } from '@/lib/inbox/file-mark';

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

type Params = Record<string, string | string[] | undefined>;

/** The notice named in the address, or null (anything off the list says nothing). */
export function deskNotice(params: Params): string | null {
  return lookup(NOTICES, queryValue(params.notice)) ?? null;
}

/** Why a refused date was refused, by the same rule the action applied (never from the address). */
function refusedDate(mark: StaffMarkForm, today: string): string {
  const parsed = doneDay(today).safeParse(mark.doneOn);
  return parsed.success
    ? 'That date could not be saved for this step. Check the date and try again.'
    : (parsed.error.issues[0]?.message ?? 'Check the date.');
}

/** A refused date comes back with what staff typed; the message is derived again here. */
export function refusedMark(
  params: Params,
  today: string,
): { at: string; typed: StaffMarkForm; error: string } | null {
  const mark = queryValue(params.notice) === 'file-date' ? returnedMark(params) : null;
  return mark ? { at: mark.at, typed: mark, error: refusedDate(mark, today) } : null;
}
