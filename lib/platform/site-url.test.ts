import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { absoluteUrl, safeReturnPath, siteUrl } from './site-url';

beforeEach(() => {
  vi.stubEnv('SITE_URL', 'https://sojoourn.example/');
  vi.stubEnv('NEXTAUTH_URL', 'http://localhost:3999');
});
afterEach(() => vi.unstubAllEnvs());

describe('siteUrl / absoluteUrl', () => {
  it('prefers SITE_URL and drops trailing slashes', () => {
    expect(siteUrl()).toBe('https://sojoourn.example');
    expect(absoluteUrl('/guides/x')).toBe('https://sojoourn.example/guides/x');
    expect(absoluteUrl('feed.xml')).toBe('https://sojoourn.example/feed.xml');
  });

  it('falls back to NEXTAUTH_URL, then localhost', () => {
    vi.stubEnv('SITE_URL', '');
    expect(siteUrl()).toBe('http://localhost:3999');
    vi.stubEnv('NEXTAUTH_URL', '');
    expect(siteUrl()).toBe('http://localhost:3000');
  });
});

describe('safeReturnPath', () => {
  it.each([
    ['/guides/x?y=1#z', '/guides/x?y=1#z'],
    ['/', '/'],
    ['/account', '/account'],
    ['  /club/join  ', '/club/join'],
    ['/guides/../account', '/account'],
  ])('keeps the on-site path %j', (candidate, expected) => {
    expect(safeReturnPath(candidate)).toBe(expected);
  });

  it.each([
    'https://evil.example/',
    '//evil.example',
    '//evil.example/guides',
    '/\\evil.example',
    '\\\\evil.example',
    '/\t/evil.example',
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' http://evil',
    'guides/x',
    'https://sojoourn.example.evil.example/guides',
    'https://sojoourn.example@evil.example/',
    'http://sojoourn.example/guides',
    // Dot segments that normalise into a protocol-relative `//evil.example`.
    '/.//evil.example',
    '/..//evil.example',
    '/x/..//evil.example',
    '/%2e//evil.example',
    '/a/../\\evil.example',
    'https://sojoourn.example/.//evil.example',
  ])('refuses %j', (candidate) => {
    expect(safeReturnPath(candidate)).toBe('/');
    expect(safeReturnPath(candidate, '/account')).toBe('/account');
  });

  it.each([null, undefined, '', '   '])('gives the fallback for %j', (candidate) => {
    expect(safeReturnPath(candidate, '/guides')).toBe('/guides');
  });

  it('accepts absolute URLs on the site’s own origin, as a path', () => {
    expect(safeReturnPath('https://sojoourn.example/guides/x?y=1#z')).toBe('/guides/x?y=1#z');
    expect(safeReturnPath('https://sojoourn.example')).toBe('/');
    expect(safeReturnPath('https://sojoourn.example/')).toBe('/');
  });

  it('does not trust a site-prefixed URL that then leaves the site', () => {
    expect(safeReturnPath('https://sojoourn.example//evil.example/x')).toBe('/');
    expect(safeReturnPath('https://sojoourn.example/\\evil.example')).toBe('/');
  });
});
