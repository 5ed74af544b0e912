// Made-up addresses cost nothing kept: a slug no page has gets the 404 page from the per-request
// route (next.config.js rewrites only real slugs to the prerendered copies, which take no other:
// lib/platform/content-slugs.js), so the build's directories on disk do not grow, however many.
import { randomBytes } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { APP_URL } from '../../test/support/ports';

/** The server's build (scripts/e2e.sh gives each port base its own). */
const DIST_DIR = path.resolve(process.env.NEXT_DIST_DIR ?? '.next');
/**
 * Where Next keeps what it renders on request: the server output (Next 16.4 writes a page rendered
 * on request under server/route-cache/) and its cache.
 */
const KEPT_DIRS = ['server', 'cache'].map((dir) => path.join(DIST_DIR, dir));

interface DirSize {
  bytes: number;
  files: string[];
}

function sizeOf(dir: string): DirSize {
  const total: DirSize = { bytes: 0, files: [] };
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return total;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const inner = sizeOf(full);
      total.bytes += inner.bytes;
      total.files.push(...inner.files);
    } else {
      total.bytes += statSync(full).size;
      total.files.push(full);
    }
  }
  return total;
}

const keptNow = () => {
  const sizes = KEPT_DIRS.map(sizeOf);
  return {
    bytes: sizes.reduce((sum, size) => sum + size.bytes, 0),
    files: sizes.flatMap((size) => size.files),
  };
};

const NOT_FOUND_HEADING = 'We couldn’t find that page';
/** Less than one kept page: each made-up slug used to leave about 128 KB on disk. */
const GROWTH_ALLOWED = 64 * 1024;

test('400 made-up slugs as readers and signed-in visitors: all 404, nothing kept on disk', async ({
  playwright,
}) => {
  test.setTimeout(240_000);
  expect(sizeOf(path.join(DIST_DIR, 'server/app')).files.length).toBeGreaterThan(0);
  // A marker no real slug has, so anything Next would keep for these is found by name.
  const marker = `madeup${randomBytes(4).toString('hex')}`;
  const slug = (index: number) => `${marker}-${index}`;
  const reader = await playwright.request.newContext({ baseURL: APP_URL });
  // A session cookie (not a valid session) sends a visitor the signed-in way: the per-request
  // pages and the editions route.
  const signedIn = await playwright.request.newContext({
    baseURL: APP_URL,
    extraHTTPHeaders: { cookie: 'next-auth.session-token=not-a-session' },
  });

  // Warm up: whatever the server keeps for real pages on its first requests is not counted.
  for (const pathname of ['/guides/carte-vitale', '/guides/no-such-guide', '/events/nope'])
    await reader.get(pathname);
  const before = keptNow();

  type Ask = { pathname: string; context: typeof reader; rsc?: boolean };
  const asks: Ask[] = [];
  for (let index = 0; index < 400; index += 1) {
    const value = slug(index);
    const kind = index % 10;
    if (kind === 0) asks.push({ pathname: `/guides/${value}`, context: reader });
    if (kind === 1) asks.push({ pathname: `/guides/${value}`, context: reader, rsc: true });
    if (kind === 2) asks.push({ pathname: `/guides/tags/${value}`, context: reader });
    if (kind === 3) asks.push({ pathname: `/events/${value}`, context: reader });
    if (kind === 4) asks.push({ pathname: `/events/${value}`, context: reader, rsc: true });
    // The prerendered copies asked for by their own address, as a document and as a payload.
    if (kind === 5) asks.push({ pathname: `/reader/guides/${value}`, context: reader });
    if (kind === 6) asks.push({ pathname: `/reader/events/${value}`, context: reader, rsc: true });
    if (kind === 7) asks.push({ pathname: `/guides/${value}`, context: signedIn });
    if (kind === 8) asks.push({ pathname: `/guides/tags/${value}`, context: signedIn, rsc: true });
    if (kind === 9) asks.push({ pathname: `/api/editions/guides/${value}`, context: signedIn });
  }
  const failures: string[] = [];
  for (let start = 0; start < asks.length; start += 8) {
    await Promise.all(
      asks.slice(start, start + 8).map(async ({ pathname, context, rsc }) => {
        // The client router's request: the rsc header and its cache-busting `_rsc` parameter
        // (empty for a plain navigation; without it Next redirects to it).
        const response = await context.get(rsc ? `${pathname}?_rsc` : pathname, {
          headers: rsc ? { rsc: '1' } : {},
          maxRedirects: 0,
        });
        const body = await response.text();
        // A document is the 404 page with its status; a payload is the router's not-found tree
        // (Next sends it as a 200 for the client router to draw).
        const answered = rsc
          ? [200, 404].includes(response.status()) &&
            (response.headers()['content-type'] ?? '').startsWith('text/x-component') &&
            body.includes('NEXT_HTTP_ERROR_FALLBACK;404')
          : response.status() === 404 && body.includes(NOT_FOUND_HEADING);
        if (!answered) failures.push(`${pathname}${rsc ? ' (rsc)' : ''}: ${response.status()}`);
      }),
    );
  }
  expect(failures).toEqual([]);

  const after = keptNow();
  const named = sizeOf(DIST_DIR).files.filter((file) => file.includes(marker));
  test.info().annotations.push({
    type: 'disk',
    description: `server + cache: ${before.bytes} → ${after.bytes} bytes, ${before.files.length} → ${after.files.length} files`,
  });
  expect(named).toEqual([]);
  expect(after.bytes - before.bytes).toBeLessThan(GROWTH_ALLOWED);
  await reader.dispose();
  await signedIn.dispose();
});
