import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import ReaderCopiesCache from './cache-handler.js';
import { readerAddress } from './copies';

const NEXT_PAGE =
  '<!DOCTYPE html><html><head><script src="/_next/static/chunks/a1.js" async=""></script></head>' +
  '<body><h1>Events</h1><script>self.__next_f.push([1,"x"])</script></body></html>';
const SCRIPT = '/_next/static/reader/enhance-abc.js';

const dist = mkdtempSync(path.join(tmpdir(), 'reader-cache-'));
mkdirSync(path.join(dist, 'server'));
writeFileSync(
  path.join(dist, 'reader-copies.json'),
  JSON.stringify({ buildId: 'b', script: SCRIPT, copies: [] }),
);
afterAll(() => rmSync(dist, { recursive: true, force: true }));

const cache = new ReaderCopiesCache({
  fs: undefined,
  serverDistDir: path.join(dist, 'server'),
  flushToDisk: false,
  revalidatedTags: [],
});
const page = { kind: 'APP_PAGE', html: NEXT_PAGE, status: 200 };

describe('the cache handler', () => {
  it('stores a reader copy Next renders again without the runtime, with the readers’ script', () => {
    for (const key of ['/route-cache/APP_PAGE/63c2/$/reader/events', '/reader/events/some-event']) {
      const stored = cache.asReaderCopy(key, page);
      expect(stored.html).not.toContain('/_next/static/chunks/');
      expect(stored.html).not.toContain('__next_f');
      expect(stored.html).toContain(`<script src="${SCRIPT}" defer="">`);
      expect(stored.html).toContain('<h1>Events</h1>');
      expect(stored.status).toBe(200);
    }
  });

  it('leaves everything else as Next rendered it', () => {
    for (const key of [
      '/route-cache/APP_PAGE/63c2/$/guides/carte-vitale', // a per-viewer page
      '/route-cache/APP_PAGE/63c2/$/reader/contact', // kept with the runtime (its form)
      '/members-edition/guides/carte-vitale',
    ]) {
      expect(cache.asReaderCopy(key, page)).toBe(page);
    }
    const route = { kind: 'APP_ROUTE', body: Buffer.from('x') };
    expect(cache.asReaderCopy('/reader/events', route)).toBe(route);
  });
});

describe('readerAddress', () => {
  it('reads the address from both kinds of key', () => {
    expect(readerAddress('/reader')).toBe('/');
    expect(readerAddress('/route-cache/APP_PAGE/ab/$/reader')).toBe('/');
    expect(readerAddress('/route-cache/APP_PAGE/ab/$/reader/guides/x')).toBe('/guides/x');
    expect(readerAddress('/readers/x')).toBeNull();
    expect(readerAddress('/guides/reader')).toBeNull();
  });
});
