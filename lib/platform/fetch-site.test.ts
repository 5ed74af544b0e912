import { describe, expect, it } from 'vitest';
import { sentFromAnotherSite } from './fetch-site';

const withSite = (value?: string) =>
  new Headers(value === undefined ? {} : { 'Sec-Fetch-Site': value });

describe('sentFromAnotherSite', () => {
  it('refuses a post from another site or another subdomain', () => {
    expect(sentFromAnotherSite(withSite('cross-site'))).toBe(true);
    expect(sentFromAnotherSite(withSite('same-site'))).toBe(true);
  });

  it('accepts our own pages, a typed address and clients that do not say', () => {
    expect(sentFromAnotherSite(withSite('same-origin'))).toBe(false);
    expect(sentFromAnotherSite(withSite('none'))).toBe(false);
    expect(sentFromAnotherSite(withSite())).toBe(false);
  });
});
