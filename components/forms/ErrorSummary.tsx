'use client';

import { useEffect, useRef } from 'react';
import { Alert } from './Alert';

/**
 * What went wrong with a submission, at the top of the form: a headline and a link to each field
 * that needs attention. It takes focus each time a new result arrives, so keyboard and screen
 * reader users land on it.
 */
export function ErrorSummary<Field extends string>({
  id,
  tone = 'error',
  formError,
  fieldErrors,
  labels,
  anchorOf = (field) => field,
  result,
}: {
  id: string;
  tone?: 'error' | 'info';
  formError: string | null;
  fieldErrors: Partial<Record<Field, string>>;
  labels: Record<Field, string>;
  /** The id of the element a field's link points to (its input, or its group's legend). */
  anchorOf?: (field: Field) => string;
  /** The submission result this summary describes: focus moves here whenever it changes. */
  result: unknown;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [result]);
  const fields = Object.keys(fieldErrors) as Field[];
  return (
    <div id={id} ref={ref} tabIndex={-1} role="alert">
      <Alert tone={tone}>
        <p className="font-semibold">
          {formError ??
            (fields.length === 1
              ? 'One answer needs your attention.'
              : `${fields.length} answers need your attention.`)}
        </p>
        {fields.length ? (
          <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
            {fields.map((field) => (
              <li key={field}>
                <a href={`#${anchorOf(field)}`} className="underline">
                  {labels[field]}
                </a>
                : {fieldErrors[field]}
              </li>
            ))}
          </ul>
        ) : null}
      </Alert>
    </div>
  );
}
