// One source for "which paths have a prerendered reader copy": the proxy's table (reader-pages.js)
// must name exactly the routes under app/reader, and the proxy and next.config.js must agree on
// which paths are pages.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { NextConfig } from 'next';
import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { config as proxyConfig, proxy } from '@/proxy';
import { PAGE_MATCHER, READER_PAGES, READER_ROUTES, readerCopyPath } from './reader-pages';

const root = fileURLToPath(new URL('../..', import.meta.url));
const PAGE_FILE = /^page\.(tsx|ts|jsx|js|mdx)$/;

/** Route paths ('/guides/[slug]') of every page under an app directory; groups add no segment. */
function routesUnder(dir: string, segments: string[] = []): string[] {
  const entries = readdirSync(dir, { withFileTypes: true });
  const routes = entries.some((entry) => entry.isFile() && PAGE_FILE.test(entry.name))
    ? [`/${segments.join('/')}`]
    : [];
  for (const entry of entries) {
    // Private folders (_x) and parallel slots (@x) are not URL segments of their own pages.
    if (!entry.isDirectory() || /^[_@]/.test(entry.name)) continue;
    const group = /^\(.*\)$/.test(entry.name);
    routes.push(
      ...routesUnder(path.join(dir, entry.name), group ? segments : [...segments, entry.name]),
    );
  }
  return routes;
}

/** A concrete path for a route: each [param] becomes a slug-shaped value. */
const samplePath = (route: string) => route.replace(/\[[^\]/]+\]/g, 'a-sample-slug-2');

const readerRoutes = routesUnder(path.join(root, 'app/reader'));

describe('reader copies: the proxy table and app/reader/**', () => {
  it('finds the reader routes on disk', () => {
    expect(readerRoutes).toContain('/');
    expect(readerRoutes).toContain('/guides/[slug]');
  });

  it('names exactly the routes under app/reader', () => {
    expect([...READER_ROUTES].sort()).toEqual([...readerRoutes].sort());
  });

  it('matches every app/reader route, and every pattern matches an app/reader route', () => {
    for (const route of readerRoutes) {
      expect(readerCopyPath(samplePath(route)), route).toBe(
        route === '/' ? '/reader' : `/reader${samplePath(route)}`,
      );
    }
    for (const pattern of READER_PAGES) {
      expect(
        readerRoutes.some((route) => pattern.test(samplePath(route))),
        String(pattern),
      ).toBe(true);
    }
  });

  it('has a per-viewer page in app/(site) for every reader copy', () => {
    const siteRoutes = routesUnder(path.join(root, 'app/(site)'));
    for (const route of readerRoutes) expect(siteRoutes, route).toContain(route);
  });

  it('routes only whole, slug-shaped paths', () => {
    const cases: [string, string | null][] = [
      ['/', '/reader'],
      ['/guides/carte-vitale', '/reader/guides/carte-vitale'],
      ['/guides/tags/health', '/reader/guides/tags/health'],
      ['/events/welcome-drinks-2027', '/reader/events/welcome-drinks-2027'],
      ['/legal-notice', '/reader/legal-notice'],
      ['/guides/', null],
      ['/guides/Carte-Vitale', null],
      ['/guides/a/b', null],
      ['/events/x/ics', null],
      ['/contact/thanks', null],
      ['/club', null],
      ['/assistance', null],
      ['/account', null],
      ['/reader/guides', null],
    ];
    for (const [pathname, expected] of cases)
      expect(readerCopyPath(pathname), pathname).toBe(expected);
  });

  it('rewrites a reader to the copy, never a visitor with a session cookie', () => {
    const reader = proxy(new NextRequest('http://localhost/guides/carte-vitale'));
    expect(reader.headers.get('x-middleware-rewrite')).toBe(
      'http://localhost/reader/guides/carte-vitale',
    );
    const signedIn = proxy(
      new NextRequest('http://localhost/guides/carte-vitale', {
        headers: { cookie: 'next-auth.session-token=x' },
      }),
    );
    expect(signedIn.headers.get('x-middleware-rewrite')).toBeNull();
    expect(signedIn.headers.get('vary')).toBe('Cookie');
  });
});

describe('which paths are pages: the proxy matcher and next.config.js', () => {
  it('the proxy matcher is PAGE_MATCHER', () => {
    expect(proxyConfig.matcher).toEqual([PAGE_MATCHER]);
  });

  it("next.config.js gives the pages' Cache-Control on the proxy's matcher", async () => {
    const url = pathToFileURL(path.join(root, 'next.config.js')).href;
    const nextConfig = (await import(/* @vite-ignore */ url)).default as NextConfig;
    const rules = await nextConfig.headers!();
    const cacheRules = rules.filter((rule) =>
      rule.headers.some((header) => header.key === 'Cache-Control'),
    );
    // One for readers (no session cookie), one per session cookie name.
    expect(cacheRules.filter((rule) => rule.missing?.length)).toHaveLength(1);
    expect(cacheRules.filter((rule) => rule.has?.length).length).toBeGreaterThan(0);
    for (const rule of cacheRules) expect(rule.source).toBe(proxyConfig.matcher[0]);
  });

  it('covers every reader copy and leaves assets, API, feeds and icons out', () => {
    const matcher = new RegExp(`^${PAGE_MATCHER}$`);
    for (const route of readerRoutes) expect(matcher.test(samplePath(route)), route).toBe(true);
    for (const pathname of ['/account', '/club/join', '/admin', '/signin']) {
      expect(matcher.test(pathname), pathname).toBe(true);
    }
    for (const pathname of [
      '/_next/static/chunks/app.js',
      '/api/health',
      '/og/guides/carte-vitale',
      '/go/partirassur',
      '/feed.xml',
      '/sitemap.xml',
      '/robots.txt',
      '/favicon.ico',
      '/icon.png',
      '/apple-icon.png',
      '/icon.svg',
      '/manifest.webmanifest',
    ]) {
      expect(matcher.test(pathname), pathname).toBe(false);
    }
  });
});
