/** The message beside a field; its id (`<field>-error`) is what the field's aria-describedby names. */
export function FieldError({ field, message }: { field: string; message?: string | null }) {
  return message ? (
    <p id={`${field}-error`} className="field-error">
      {message}
    </p>
  ) : null;
}

/** aria-describedby for a field: its error when it has one, else its hint (if any). */
export function describedBy(
  fieldErrors: Partial<Record<string, string>>,
  field: string,
  hint?: string,
): string | undefined {
  return fieldErrors[field] ? `${field}-error` : hint;
}
