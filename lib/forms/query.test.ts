import { describe, expect, it } from 'vitest';
import { formDataToObject } from './form-data';
import { lookup, queryValue } from './query';

const TABLE: Record<string, string> = { known: 'A notice' };

describe('lookup', () => {
  it('finds own entries only: prototype names are not notices', () => {
    expect(lookup(TABLE, 'known')).toBe('A notice');
    for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'unknown']) {
      expect(lookup(TABLE, key), key).toBeUndefined();
    }
    expect(lookup(TABLE, ['known'])).toBeUndefined();
    expect(lookup(TABLE, undefined)).toBeUndefined();
  });
});

describe('queryValue', () => {
  it('takes the first of repeated values, clips, and ignores anything not a string', () => {
    expect(queryValue(['a', 'b'])).toBe('a');
    expect(queryValue('x'.repeat(5000), 10)).toBe('x'.repeat(10));
    expect(queryValue(undefined)).toBeUndefined();
    expect(queryValue({ toString: () => 'x' })).toBeUndefined();
    expect(queryValue([])).toBeUndefined();
  });
});

describe('formDataToObject', () => {
  it('keeps a field named __proto__ as an own key (a strict schema then refuses it)', () => {
    const data = new FormData();
    data.append('__proto__', 'a');
    data.append('__proto__', 'b');
    data.append('name', 'Ada');
    const result = formDataToObject(data);
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.keys(result)).toEqual(['__proto__', 'name']);
  });
});
