import type { Choices } from '@/lib/forms/choices';
import { FieldError } from './FieldError';

/** One answer from a short list, as radio buttons. The legend is the anchor error links point to. */
export function RadioGroup({
  name,
  legend,
  choices,
  value,
  error,
}: {
  name: string;
  legend: string;
  choices: Choices;
  value: string;
  error?: string;
}) {
  return (
    <fieldset
      role="radiogroup"
      aria-labelledby={`${name}-legend`}
      aria-required="true"
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `${name}-error` : undefined}
    >
      <legend id={`${name}-legend`} tabIndex={-1} className="field-label">
        {legend}
      </legend>
      <div className="mt-2 flex flex-wrap gap-x-6 gap-y-2">
        {Object.entries(choices).map(([key, label]) => (
          <label
            key={key}
            className="inline-flex items-center gap-2 text-slate-800 dark:text-slate-200"
          >
            <input
              type="radio"
              name={name}
              value={key}
              defaultChecked={value === key}
              className="h-4 w-4 accent-brand-700"
            />
            {label}
          </label>
        ))}
      </div>
      <FieldError field={name} message={error} />
    </fieldset>
  );
}
