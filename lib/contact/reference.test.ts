import { describe, expect, it } from 'vitest';
import { openReference, sealReference } from './reference';

const SECRET = 'reference-test-secret';
const ID = '3f2b8c1e-9a4d-4c6b-8e21-5d7f0a9b1c2d';

describe('the reference cookie of the thank-you page', () => {
  it('gives back the reference it sealed', () => {
    expect(openReference(sealReference(ID, SECRET), SECRET)).toBe(ID);
  });

  it('shows nothing it did not issue: another secret, another id, a bare id, junk', () => {
    const sealed = sealReference(ID, SECRET);
    const otherId = '00000000-0000-4000-8000-000000000000';
    expect(openReference(sealed, 'another-secret')).toBeNull();
    expect(openReference(`${otherId}${sealed.slice(ID.length)}`, SECRET)).toBeNull();
    expect(openReference(ID, SECRET)).toBeNull();
    for (const junk of [undefined, null, '', '.', `${ID}.`, '<script>.x', 'a'.repeat(500)]) {
      expect(openReference(junk, SECRET)).toBeNull();
    }
    // Text of one's choosing is never shown, even when signed.
    expect(openReference(sealReference('Call +33 1 23 45 67 89', SECRET), SECRET)).toBeNull();
  });
});
