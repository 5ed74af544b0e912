import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ACTION_BODY_LIMIT, ACTION_BODY_LIMIT_BYTES, actionBodyRefusal } from './action-body.js';

// The parser Next reads serverActions.bodySizeLimit with (it ships no types).
const bytes = createRequire(import.meta.url)('next/dist/compiled/bytes') as {
  parse(value: string): number;
};
const post = (headers: Record<string, string>) => actionBodyRefusal('POST', new Headers(headers));

describe('the server-action body cap', () => {
  it('is the same number of bytes for Next (bodySizeLimit) and for the proxy', () => {
    expect(bytes.parse(ACTION_BODY_LIMIT)).toBe(ACTION_BODY_LIMIT_BYTES);
  });

  it('lets through a form post of up to the cap, and every GET', () => {
    expect(post({ 'content-length': '5000' })).toBeNull();
    expect(post({ 'content-length': String(ACTION_BODY_LIMIT_BYTES) })).toBeNull();
    expect(actionBodyRefusal('GET', new Headers())).toBeNull();
  });

  it('refuses a declared length over the cap with 413 and says what to do', () => {
    const refusal = post({ 'content-length': String(ACTION_BODY_LIMIT_BYTES + 1) });
    expect(refusal?.status).toBe(413);
    expect(refusal?.message).toMatch(/more than 64 KB.*shorten/);
  });

  it('refuses a post of unknown or unreadable length (chunked) with 411', () => {
    expect(post({ 'transfer-encoding': 'chunked' })?.status).toBe(411);
    expect(post({ 'content-length': '12abc' })?.status).toBe(411);
  });
});
