// Client-safe: reading values a visitor controls (query strings, form fields) without surprises.
// A query parameter may be missing, repeated (an array) or any string at all, `__proto__` included.

/** One query value as a string: the first when repeated, clipped to `max`; undefined otherwise. */
export function queryValue(value: unknown, max = 2000): string | undefined {
  const first = Array.isArray(value) ? (value as unknown[])[0] : value;
  return typeof first === 'string' ? first.slice(0, max) : undefined;
}

/**
 * `table[key]` only when `key` is one of the table's own entries: `__proto__`, `constructor` or
 * `toString` never reach Object.prototype.
 */
export function lookup<V>(table: Readonly<Record<string, V>>, key: unknown): V | undefined {
  return typeof key === 'string' && Object.hasOwn(table, key) ? table[key] : undefined;
}
