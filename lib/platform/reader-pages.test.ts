// One source for "which paths have a prerendered reader copy": the table in reader-pages.js must
// name exactly the routes under app/reader, next.config.js must rewrite readers (and only readers)
// there, in production only, and the proxy and next.config.js must agree on which paths are pages.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { NextConfig } from 'next';
import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { config as proxyConfig, proxy } from '@/proxy';
import { getPathMatch } from 'next/dist/shared/lib/router/utils/path-match';
import { matchHas } from 'next/dist/shared/lib/router/utils/prepare-destination';
import { knownContentSlugs } from './content-slugs';
import {
  contentRewrites,
  EDITION_KEY_HEADER,
  EDITION_ROUTE,
  type KnownSlugs,
  NO_PAGE,
  PAGE_MATCHER,
  PAGE_RENDER_HEADER,
  READER_CACHE_CONTROL,
  READER_ROUTES,
  readerRewrites,
  readerSources,
  SESSION_COOKIES,
} from './reader-pages';

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

/** The values these tests treat as having a page (samplePath's among them). */
const KNOWN: KnownSlugs = {
  guides: ['a-sample-slug-2', 'carte-vitale'],
  tags: ['a-sample-slug-2', 'health'],
  events: ['a-sample-slug-2', 'welcome-drinks-2027'],
};

type NextConfigFor = (phase: string) => NextConfig;
const loadNextConfig = async () =>
  (await import(/* @vite-ignore */ pathToFileURL(path.join(root, 'next.config.js')).href))
    .default as NextConfigFor;

/**
 * Where Next's router sends a visitor's request for `pathname` by these rewrites (the reader
 * copies, then the signed-in guides' editions route), with Next's own matchers (path-to-regexp
 * and has/missing): the destination, or null when no rule applies.
 */
function rewrittenTo(
  pathname: string,
  cookie?: string,
  headers: Record<string, string> = {},
  known: KnownSlugs | null = KNOWN,
): string | null {
  const request = {
    headers: { ...headers, ...(cookie ? { cookie } : {}) },
    cookies: {} as Record<string, string>,
  };
  if (cookie) {
    const [name, value] = cookie.split('=');
    request.cookies[name!] = value!;
  }
  for (const rule of contentRewrites(known)) {
    const params = getPathMatch(rule.source, { removeUnnamedParams: true, strict: true })(pathname);
    if (!params) continue;
    // matchHas reads the cookies Next parsed onto the request.
    if (!matchHas(request as never, {}, (rule.has ?? []) as never, (rule.missing ?? []) as never))
      continue;
    return rule.destination.replace(/:([a-z]+)/g, (_, name: string) => String(params[name]));
  }
  return null;
}

describe('reader copies: the proxy table and app/reader/**', () => {
  it('finds the reader routes on disk', () => {
    expect(readerRoutes).toContain('/');
    expect(readerRoutes).toContain('/guides/[slug]');
  });

  it('names exactly the routes under app/reader', () => {
    expect([...READER_ROUTES].sort()).toEqual([...readerRoutes].sort());
  });

  it('rewrites every app/reader route, and nothing else', () => {
    for (const route of readerRoutes) {
      expect(rewrittenTo(samplePath(route)), route).toBe(
        route === '/' ? '/reader' : `/reader${samplePath(route)}`,
      );
    }
    expect(readerRewrites(KNOWN)).toHaveLength(readerRoutes.length);
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
      ['/guides/a/b', null],
      ['/guides/carte_vitale', null],
      ['/events/x/ics', null],
      ['/contact/thanks', null],
      ['/club', null],
      ['/assistance', null],
      ['/account', null],
      ['/reader/guides', '/not-an-address'],
    ];
    for (const [pathname, expected] of cases)
      expect(rewrittenTo(pathname), pathname).toBe(expected);
  });

  it('rewrites only the slugs that have a page: a made-up one reaches no prerendered route', () => {
    const session = `${SESSION_COOKIES[0]}=x`;
    for (const pathname of [
      '/guides/made-up-1',
      '/guides/carte-vitale-2',
      '/guides/tags/made-up',
      '/events/made-up',
      '/guides/a-sample-slug',
    ]) {
      expect(rewrittenTo(pathname), pathname).toBeNull();
      expect(rewrittenTo(pathname, session), pathname).toBeNull();
      expect(rewrittenTo(pathname, undefined, { [EDITION_KEY_HEADER]: 'k' }), pathname).toBeNull();
    }
    // A value is matched whole, not as a prefix of a known one.
    expect(rewrittenTo('/guides/carte')).toBeNull();
    // The real content: every published guide, tag and event, and no draft.
    const real = knownContentSlugs();
    expect(real.guides).toContain('carte-vitale');
    expect(real.guides).not.toContain('example-draft-residence-permit-renewal');
    expect(rewrittenTo('/guides/carte-vitale', undefined, {}, real)).toBe(
      '/reader/guides/carte-vitale',
    );
    expect(
      rewrittenTo('/guides/example-draft-residence-permit-renewal', undefined, {}, real),
    ).toBeNull();
    // A route with no value at all has no rule (and nothing breaks).
    const none = readerRewrites({ guides: ['carte-vitale'], tags: [], events: [] });
    expect(none.map((rule) => rule.destination)).not.toContain('/reader/events/:slug');
    expect(() => readerRewrites({ ...KNOWN, guides: ['Bad|slug'] })).toThrow(/not a slug/);
  });

  it('gives the rewrite-only routes no address of their own', () => {
    for (const pathname of [
      '/reader',
      '/reader/guides/carte-vitale',
      '/reader/guides/made-up',
      '/reader/guides/tags/health',
      '/members-edition/guides/carte-vitale',
    ]) {
      expect(rewrittenTo(pathname), pathname).toBe(NO_PAGE);
      expect(rewrittenTo(pathname, `${SESSION_COOKIES[0]}=x`), pathname).toBe(NO_PAGE);
      expect(rewrittenTo(pathname, undefined, { [EDITION_KEY_HEADER]: 'k' }), pathname).toBe(
        NO_PAGE,
      );
    }
    expect(readerRoutes.some((route) => samplePath(route).startsWith(NO_PAGE))).toBe(false);
    expect(rewrittenTo('/readers-guide')).toBeNull();
  });

  it('rewrites a reader to the copy, never a visitor with a session cookie', () => {
    expect(rewrittenTo('/guides/carte-vitale')).toBe('/reader/guides/carte-vitale');
    expect(rewrittenTo('/guides/carte-vitale', 'theme=dark')).toBe('/reader/guides/carte-vitale');
    for (const name of SESSION_COOKIES) {
      expect(rewrittenTo('/guides/carte-vitale', `${name}=x`), name).not.toMatch(/^\/reader/);
      expect(rewrittenTo('/', `${name}=x`), name).toBeNull();
      expect(rewrittenTo('/events', `${name}=x`), name).toBeNull();
    }
  });

  it("sends a signed-in visitor's guide document to the editions route, and nothing else", () => {
    const edition = EDITION_ROUTE.replace(':slug', 'carte-vitale');
    expect(edition).toBe('/api/editions/guides/carte-vitale');
    expect(existsSync(path.join(root, 'app/api/editions/guides/[slug]/route.ts'))).toBe(true);
    for (const name of SESSION_COOKIES) {
      const cookie = `${name}=x`;
      expect(rewrittenTo('/guides/carte-vitale', cookie), name).toBe(edition);
      // The client router's payloads and prefetches, server actions, and the editions route's own
      // request for the page go to the page.
      for (const header of ['rsc', 'next-action', PAGE_RENDER_HEADER]) {
        expect(rewrittenTo('/guides/carte-vitale', cookie, { [header]: '1' }), header).toBeNull();
      }
      for (const pathname of ['/guides', '/guides/tags/health', '/guides/a/b', '/club']) {
        expect(rewrittenTo(pathname, cookie), pathname).toBeNull();
      }
    }
    // Without a session, the header changes nothing: a reader still gets the reader copy.
    expect(rewrittenTo('/guides/carte-vitale', undefined, { [PAGE_RENDER_HEADER]: '1' })).toBe(
      '/reader/guides/carte-vitale',
    );
  });

  it("sends the editions' own request for a guide (the key header) to app/members-edition", () => {
    expect(existsSync(path.join(root, 'app/members-edition/guides/[slug]/page.tsx'))).toBe(true);
    const key = { [EDITION_KEY_HEADER]: 'k' };
    expect(rewrittenTo('/guides/carte-vitale', undefined, key)).toBe(
      '/members-edition/guides/carte-vitale',
    );
    // With a session cookie too (a forged header): the route itself then answers 404 to a wrong key.
    expect(rewrittenTo('/guides/carte-vitale', `${SESSION_COOKIES[0]}=x`, key)).toBe(
      '/members-edition/guides/carte-vitale',
    );
    for (const pathname of ['/guides', '/guides/tags/health', '/events/welcome-drinks-2027', '/']) {
      expect(rewrittenTo(pathname, undefined, key) ?? '', pathname).not.toMatch(/members-edition/);
    }
  });

  it('is a rewrite of next.config.js in production, served inside the server, not the proxy', async () => {
    const configFor = await loadNextConfig();
    const production = await configFor('phase-production-server').rewrites!();
    expect(production).toEqual({
      beforeFiles: contentRewrites(knownContentSlugs()),
    });
    expect(await configFor('phase-production-build').rewrites!()).toEqual(production);
    // Development renders every visitor's page itself (next.config.js says why).
    expect(configFor('phase-development-server').rewrites).toBeUndefined();
    // The proxy rewrites nothing: a proxy rewrite is an HTTP request from the server to itself.
    const reader = proxy(new NextRequest('http://127.0.0.1:3000/guides/carte-vitale'));
    expect(reader.headers.get('x-middleware-rewrite')).toBeNull();
    expect(reader.headers.get('x-middleware-next')).toBe('1');
    expect(reader.headers.get('vary')).toBe('Cookie');
  });
});

describe('which paths are pages: the proxy matcher and next.config.js', () => {
  it('the proxy matcher is PAGE_MATCHER', () => {
    expect(proxyConfig.matcher).toEqual([PAGE_MATCHER]);
  });

  it("next.config.js gives the pages' Cache-Control on the proxy's matcher", async () => {
    const nextConfig = (await loadNextConfig())('phase-production-server');
    const rules = await nextConfig.headers!();
    const cacheRules = rules.filter((rule) =>
      rule.headers.some((header) => header.key === 'Cache-Control'),
    );
    // Pages without a session cookie: private, except the reader copies (public, briefly); with a
    // session cookie (one rule per cookie name): private, no-store, and last, so they win.
    const withoutSession = cacheRules.filter((rule) => rule.missing?.length);
    const withSession = cacheRules.filter((rule) => rule.has?.length);
    const value = (rule: (typeof rules)[number]) =>
      rule.headers.find((header) => header.key === 'Cache-Control')?.value;
    expect(withoutSession[0]?.source).toBe(proxyConfig.matcher[0]);
    expect(value(withoutSession[0]!)).toMatch(/^private/);
    expect(withoutSession.slice(1).map((rule) => rule.source)).toEqual(
      readerSources(knownContentSlugs()),
    );
    for (const rule of withoutSession.slice(1)) expect(value(rule)).toBe(READER_CACHE_CONTROL);
    expect(withSession.length).toBeGreaterThan(0);
    for (const rule of withSession) {
      expect(rule.source).toBe(proxyConfig.matcher[0]);
      expect(value(rule)).toMatch(/^private, .*no-store/);
    }
    expect(cacheRules.indexOf(withSession[0]!)).toBeGreaterThan(
      cacheRules.indexOf(withoutSession.at(-1)!),
    );
  });

  it('the public Cache-Control goes to reader copies only: same paths as the reader rewrites', () => {
    expect(READER_CACHE_CONTROL).toBe('public, max-age=0, s-maxage=60, stale-while-revalidate=600');
    const sources = readerSources(KNOWN);
    expect(sources).toContain('/guides/:slug(a-sample-slug-2|carte-vitale)');
    expect(sources).toContain('/reader/guides/:slug(a-sample-slug-2|carte-vitale)');
    expect(sources).toContain('/reader');
    expect(sources).toHaveLength(READER_ROUTES.length * 2);
    // Development (nothing rewritten): any slug-shaped address.
    expect(readerSources(null)).toContain('/guides/:slug([a-z0-9-]+)');
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
