import { describe, expect, it } from 'vitest';
import { hashAddress } from './log';

describe('hashAddress', () => {
  it('tags the same person the same way, whatever the case or spaces', () => {
    expect(hashAddress(' Ana@Example.com ')).toBe(hashAddress('ana@example.com'));
    expect(hashAddress('ana@example.com')).toMatch(/^[0-9a-f]{16}$/);
  });

  it('never contains the address, and differs between people', () => {
    expect(hashAddress('ana@example.com')).not.toContain('ana');
    expect(hashAddress('ana@example.com')).not.toBe(hashAddress('ben@example.com'));
  });

  it('depends on the server secret, so guesses cannot be checked without it', () => {
    const before = hashAddress('ana@example.com');
    const saved = process.env.NEXTAUTH_SECRET;
    process.env.NEXTAUTH_SECRET = 'another-secret';
    try {
      expect(hashAddress('ana@example.com')).not.toBe(before);
    } finally {
      if (saved === undefined) delete process.env.NEXTAUTH_SECRET;
      else process.env.NEXTAUTH_SECRET = saved;
    }
  });
});
