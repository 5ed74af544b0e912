/**
 * `expand[]` support: replaces id strings with the referenced objects along dotted paths, e.g.
 * `subscription`, `latest_invoice`, `items.data.price.product`, or `data.customer` on lists.
 */
import { invalidRequest } from './errors.js';

export type Resolver = (id: string) => object | undefined;

const MAX_EXPAND_DEPTH = 4; // Stripe's limit

function cannotExpand(path: string): Error {
  return invalidRequest(`This property cannot be expanded (${path}).`, 'expand');
}

function walk(node: unknown, segments: string[], path: string, resolve: Resolver): void {
  if (Array.isArray(node)) {
    for (const el of node) walk(el, segments, path, resolve);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const [head, ...rest] = segments;
  if (head === undefined) return;
  const record = node as Record<string, unknown>; // any JSON object is indexable by key
  if (!Object.prototype.hasOwnProperty.call(record, head)) throw cannotExpand(path);
  let value = record[head];
  if (typeof value === 'string') {
    const target = resolve(value);
    if (!target) throw cannotExpand(path);
    value = structuredClone(target);
    record[head] = value;
  }
  if (rest.length > 0) walk(value, rest, path, resolve);
}

/** Expands `paths` in place on `obj` (which must already be a private copy). */
export function expand(obj: object, paths: string[], resolve: Resolver): void {
  for (const path of paths) {
    const segments = path.split('.');
    if (segments.length > MAX_EXPAND_DEPTH) {
      throw invalidRequest(
        `You cannot expand more than ${MAX_EXPAND_DEPTH} levels of a property. Property: ${path}`,
        'expand',
      );
    }
    walk(obj, segments, path, resolve);
  }
}
