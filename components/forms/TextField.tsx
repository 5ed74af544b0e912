import type { HTMLAttributes, ReactNode } from 'react';
import { FieldError } from './FieldError';

/**
 * A labelled text input (or textarea) with its hint or, after a refused submission, its error in
 * the same place. The value is uncontrolled (`defaultValue`), so the form works without JavaScript
 * and a re-rendered form shows what was typed.
 */
export function TextField({
  id,
  name,
  label,
  defaultValue,
  error,
  hint,
  type = 'text',
  multiline = false,
  rows,
  required,
  minLength,
  maxLength,
  autoComplete,
  inputMode,
}: {
  id: string;
  name: string;
  label: ReactNode;
  defaultValue: string;
  error?: string;
  hint?: ReactNode;
  type?: 'text' | 'email' | 'tel';
  multiline?: boolean;
  rows?: number;
  required?: boolean;
  minLength?: number;
  maxLength?: number;
  autoComplete?: string;
  inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'];
}) {
  const control = {
    id,
    name,
    required,
    minLength,
    maxLength,
    defaultValue,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${name}-error` : hint ? `${name}-hint` : undefined,
    className: 'field-input',
  };
  return (
    <div>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {multiline ? (
        <textarea rows={rows} {...control} />
      ) : (
        <input type={type} autoComplete={autoComplete} inputMode={inputMode} {...control} />
      )}
      {error ? (
        <FieldError field={name} message={error} />
      ) : hint ? (
        <p id={`${name}-hint`} className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
