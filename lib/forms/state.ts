// What every form shows after a submission. Client-safe: the forms render it, actions return it.
import type { ZodError } from 'zod';

/**
 * idle: nothing sent yet. invalid: some fields need attention (fieldErrors). confirm: the input is
 * fine but one more step is needed (send again). refused: the request was not taken (formError says
 * why). sent: done.
 */
export type FormStatus = 'idle' | 'invalid' | 'confirm' | 'refused' | 'sent';

export interface FormState<Field extends string, Values> {
  status: FormStatus;
  /** What the person typed, shown again so that an error loses nothing. */
  values: Values;
  fieldErrors: Partial<Record<Field, string>>;
  formError: string | null;
}

/** The first message per field of the form, for errors shown next to each field. */
export function fieldErrorsFrom<Field extends string>(
  error: ZodError,
  fields: readonly Field[],
): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  for (const issue of error.issues) {
    const field = issue.path[0];
    if (typeof field === 'string' && (fields as readonly string[]).includes(field)) {
      errors[field as Field] ??= issue.message;
    }
  }
  return errors;
}
