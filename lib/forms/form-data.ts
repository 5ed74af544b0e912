// Posted forms as plain values, before zod sees them. Client-safe: no server imports.

/**
 * The posted form as a plain object for zod. Fields named in `arrays` are always arrays (checkbox
 * groups); any other field is a single string, or an array when it was repeated (which a schema then
 * refuses). Next's own `$ACTION…` fields are skipped.
 */
export function formDataToObject(
  formData: FormData,
  { arrays = [] }: { arrays?: readonly string[] } = {},
): Record<string, unknown> {
  // Built with Object.fromEntries: a field named `__proto__` becomes an own key (which a strict
  // schema refuses) instead of replacing the object's prototype.
  return Object.fromEntries(
    [...new Set(formData.keys())]
      .filter((key) => !key.startsWith('$ACTION'))
      .map((key) => {
        const all = formData.getAll(key);
        return [key, arrays.includes(key) || all.length !== 1 ? all : all[0]];
      }),
  );
}

/**
 * Only the form's own fields, as strings capped at `maxLength` (a huge post is never echoed back).
 * Anything else in the post (Next's action fields, anything forged, files) is left out.
 */
export function stringFields<F extends string>(
  formData: FormData,
  fields: readonly F[],
  maxLength: number,
): Record<F, string> {
  const values = Object.fromEntries(fields.map((field) => [field, ''])) as Record<F, string>;
  for (const field of fields) {
    const raw = formData.get(field);
    if (typeof raw === 'string') values[field] = raw.slice(0, maxLength);
  }
  return values;
}

/** A posted value as a string clipped to `max`, or '' when it is missing or not a string. */
export const clip = (value: unknown, max: number): string =>
  typeof value === 'string' ? value.slice(0, max) : '';
