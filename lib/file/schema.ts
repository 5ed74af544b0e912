// What the member's file accepts from a form, and the state its forms show. Client-safe: the
// server actions validate with it and the client forms read its limits and messages.
import * as z from '../forms/zod';
import type { FormState } from '../forms/state';
import { isCalendarDay, type Day } from './expected';

/** A private note per step (a reference number, who they spoke to). */
export const NOTE_MAX = 500;
/** No done step before this day: older dates are typing mistakes. */
export const EARLIEST_DAY = '2000-01-01';
/** Step and document ids are planner slugs. */
const ID_MAX = 60;

export const fileId = z
  .string()
  .trim()
  .min(1)
  .max(ID_MAX)
  .regex(/^[a-z0-9-]+$/);

/**
 * The day a step was done, as typed into a date input (YYYY-MM-DD): a real day, not in the future
 * (in France, `today`), not before 2000.
 */
export function doneDay(today: Day) {
  return z
    .string({ error: 'Enter the date, for example 2026-03-14.' })
    .trim()
    .min(1, 'Enter the date the step was done.')
    .max(10, 'Enter the date as year-month-day, for example 2026-03-14.')
    .refine(isCalendarDay, 'Enter a real date as year-month-day, for example 2026-03-14.')
    .refine((day) => day >= EARLIEST_DAY, 'That date is before 2000: please check the year.')
    .refine(
      (day) => day <= today,
      'That date is in the future: mark a step done once it has happened.',
    );
}

export const stepNote = z
  .string()
  .trim()
  .max(NOTE_MAX, `Please keep the note under ${NOTE_MAX} characters.`);

export const markStepInput = (today: Day) =>
  z.strictObject({ stepId: fileId, doneOn: doneDay(today) });

/** The checklist form posts the documents ticked; capped like every other list. */
export const checklistInput = z.strictObject({
  documents: z.array(fileId).max(30, 'Too many documents.'),
});

export const STEP_FIELDS = ['doneOn', 'note'] as const;
export type StepField = (typeof STEP_FIELDS)[number];
export type StepValues = Record<StepField, string>;
export type StepFormState = FormState<StepField, StepValues>;

export const initialStepState = (values: Partial<StepValues> = {}): StepFormState => ({
  status: 'idle',
  values: { doneOn: '', note: '', ...values },
  fieldErrors: {},
  formError: null,
});

/**
 * What the planner offers a viewer under its answer: save (a member without a file), update (a
 * member with one), join (signed in, not a member), rejoin (a lapsed member with a read-only
 * file), reader (signed out: sign in first).
 */
export type PlannerFileStatus = 'save' | 'update' | 'join' | 'rejoin' | 'reader';
