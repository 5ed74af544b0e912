/**
 * Parser for Stripe's form encoding (`application/x-www-form-urlencoded` with bracket keys), as
 * produced by the stripe-node SDK: `line_items[0][price]=p`, `expand[0]=x` / `expand[]=x`,
 * `metadata[userId]=u`. Values stay strings; readers in `Params` coerce and validate them.
 */
import { ApiError } from './errors.js';

export type FormValue = string | FormValue[] | FormObject;
export interface FormObject {
  [key: string]: FormValue;
}

const MAX_PAIRS = 2000;
const MAX_DEPTH = 8;
const MAX_INDEX = 1000;
// Keys that would reach Object.prototype if they were ever copied onto a normal object.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function newObject(): FormObject {
  return Object.create(null) as FormObject;
}

function invalid(message: string, param?: string): ApiError {
  return new ApiError(400, { type: 'invalid_request_error', message, ...(param ? { param } : {}) });
}

/** Splits `a[b][0][]` into `['a', 'b', '0', '']`; a malformed key is kept whole. */
function splitKey(key: string): string[] {
  const open = key.indexOf('[');
  if (open <= 0 || !key.endsWith(']')) return [key];
  const segments = [key.slice(0, open)];
  const rest = key.slice(open);
  const re = /\[([^[\]]*)\]/g;
  let consumed = 0;
  for (let m = re.exec(rest); m; m = re.exec(rest)) {
    if (m.index !== consumed) return [key];
    segments.push(m[1] ?? '');
    consumed = re.lastIndex;
  }
  return consumed === rest.length ? segments : [key];
}

function assign(root: FormObject, key: string, value: string): void {
  const path = splitKey(key);
  if (path.length > MAX_DEPTH) throw invalid(`Parameter nesting is too deep: ${key}`, key);
  let node: FormObject | FormValue[] = root;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i] ?? '';
    const last = i === path.length - 1;
    const nextIsArray = path[i + 1] === '';
    if (Array.isArray(node)) {
      const index: number = seg === '' ? node.length : Number(seg);
      if (!Number.isInteger(index) || index < 0 || index > MAX_INDEX) {
        throw invalid(`Invalid array index in parameter: ${key}`, key);
      }
      if (last) {
        node[index] = value;
        return;
      }
      let next: FormValue | undefined = node[index];
      if (next === undefined || typeof next === 'string') {
        next = nextIsArray ? [] : newObject();
        node[index] = next;
      }
      node = next;
    } else {
      if (seg === '' || FORBIDDEN_KEYS.has(seg))
        throw invalid(`Invalid parameter name: ${key}`, key);
      if (last) {
        node[seg] = value;
        return;
      }
      let next: FormValue | undefined = node[seg];
      if (next === undefined || typeof next === 'string') {
        next = nextIsArray ? [] : newObject();
        node[seg] = next;
      }
      node = next;
    }
  }
}

/** Parses a form-encoded body or query string into nested objects/arrays of strings. */
export function parseForm(input: string): FormObject {
  const root = newObject();
  let count = 0;
  for (const [key, value] of new URLSearchParams(input)) {
    if (++count > MAX_PAIRS) throw invalid('Too many parameters.');
    if (key === '') continue;
    assign(root, key, value);
  }
  return root;
}

/** Merges `b` into `a` (b wins); used to combine query-string and body parameters. */
export function mergeForms(a: FormObject, b: FormObject): FormObject {
  const out = newObject();
  for (const k of Object.keys(a)) out[k] = a[k] as FormValue;
  for (const k of Object.keys(b)) out[k] = b[k] as FormValue;
  return out;
}

/** Typed, validating access to parsed parameters with Stripe-style error messages. */
export class Params {
  constructor(
    readonly raw: FormObject,
    private readonly prefix = '',
  ) {}

  keys(): string[] {
    return Object.keys(this.raw);
  }

  has(name: string): boolean {
    return this.raw[name] !== undefined;
  }

  /** Full parameter name for error messages, e.g. `line_items[0][price]`. */
  name(name: string): string {
    return this.prefix ? `${this.prefix}[${name}]` : name;
  }

  str(name: string): string | undefined {
    const v = this.raw[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') throw invalid(`Invalid string: ${describe(v)}`, this.name(name));
    return v;
  }

  /** A non-empty string, or undefined when absent or empty (Stripe treats '' as "unset"). */
  nonEmpty(name: string): string | undefined {
    const v = this.str(name);
    return v === '' ? undefined : v;
  }

  required(name: string): string {
    const v = this.nonEmpty(name);
    if (v === undefined) {
      throw new ApiError(400, {
        type: 'invalid_request_error',
        code: 'parameter_missing',
        message: `Missing required param: ${this.name(name)}.`,
        param: this.name(name),
        doc_url: 'https://stripe.com/docs/error-codes/parameter-missing',
      });
    }
    return v;
  }

  bool(name: string): boolean | undefined {
    const v = this.nonEmpty(name);
    if (v === undefined) return undefined;
    if (v === 'true') return true;
    if (v === 'false') return false;
    throw invalid(`Invalid boolean: ${v}`, this.name(name));
  }

  int(name: string): number | undefined {
    const v = this.nonEmpty(name);
    if (v === undefined) return undefined;
    if (!/^-?\d+$/.test(v)) {
      throw new ApiError(400, {
        type: 'invalid_request_error',
        code: 'parameter_invalid_integer',
        message: `Invalid integer: ${v}`,
        param: this.name(name),
        doc_url: 'https://stripe.com/docs/error-codes/parameter-invalid-integer',
      });
    }
    return Number(v);
  }

  /** A nested hash parameter, or undefined when absent / sent as '' (which clears in Stripe). */
  obj(name: string): Params | undefined {
    const v = this.raw[name];
    if (v === undefined || v === '') return undefined;
    if (typeof v === 'string' || Array.isArray(v)) {
      throw invalid(`Invalid hash: ${describe(v)}`, this.name(name));
    }
    return new Params(v, this.name(name));
  }

  /** An array parameter; accepts `x[]=` and `x[0]=` forms (the latter parses as an object). */
  list(name: string): FormValue[] | undefined {
    const v = this.raw[name];
    if (v === undefined || v === '') return undefined;
    if (Array.isArray(v)) return v.filter((x) => x !== undefined);
    if (typeof v === 'string') throw invalid(`Invalid array: ${describe(v)}`, this.name(name));
    const indexes = Object.keys(v);
    if (!indexes.every((k) => /^\d+$/.test(k))) {
      throw invalid(`Invalid array: ${describe(v)}`, this.name(name));
    }
    return indexes.sort((x, y) => Number(x) - Number(y)).map((k) => v[k] as FormValue);
  }

  /** A list of strings (e.g. `expand`). */
  strings(name: string): string[] {
    const items = this.list(name) ?? [];
    return items.map((item) => {
      if (typeof item !== 'string')
        throw invalid(`Invalid string: ${describe(item)}`, this.name(name));
      return item;
    });
  }

  /** A list of hashes (e.g. `line_items`), each wrapped for further typed access. */
  objects(name: string): Params[] {
    const items = this.list(name) ?? [];
    return items.map((item, i) => {
      if (typeof item === 'string' || Array.isArray(item)) {
        throw invalid(`Invalid hash: ${describe(item)}`, `${this.name(name)}[${i}]`);
      }
      return new Params(item, `${this.name(name)}[${i}]`);
    });
  }

  /**
   * Stripe metadata semantics: returns the keys to set (value '' means delete that key), or
   * 'clear' when `metadata=` was sent to remove every key, or undefined when absent.
   */
  metadata(name = 'metadata'): Record<string, string> | 'clear' | undefined {
    const v = this.raw[name];
    if (v === undefined) return undefined;
    if (v === '') return 'clear';
    if (typeof v === 'string' || Array.isArray(v)) {
      throw invalid(`Invalid hash: ${describe(v)}`, this.name(name));
    }
    const out: Record<string, string> = {};
    for (const [k, val] of Object.entries(v)) {
      if (typeof val !== 'string') {
        throw invalid(`Invalid string: ${describe(val)}`, `${this.name(name)}[${k}]`);
      }
      if (k.length > 40)
        throw invalid(`Metadata keys can be at most 40 characters.`, this.name(name));
      if (val.length > 500) {
        throw invalid(`Metadata values can be at most 500 characters.`, `${this.name(name)}[${k}]`);
      }
      out[k] = val;
    }
    return out;
  }
}

/** Applies a `Params.metadata()` result to existing metadata, as Stripe's update endpoints do. */
export function applyMetadata(
  current: Record<string, string>,
  update: Record<string, string> | 'clear' | undefined,
): Record<string, string> {
  if (update === undefined) return current;
  if (update === 'clear') return {};
  const next = { ...current };
  for (const [k, v] of Object.entries(update)) {
    if (v === '') delete next[k];
    else next[k] = v;
  }
  return next;
}

function describe(v: FormValue): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}
