// Which paths have a prerendered reader copy under app/reader/ (next.config.js rewrites visitors
// without a session there), and which paths are pages at all (proxy.ts runs on them and
// next.config.js gives them the pages' Cache-Control). Plain ES module JavaScript so that
// next.config.js, which Node loads as is, can import it as well as proxy.ts. reader-pages.test.ts
// compares it with app/reader/** and with both matchers.

/**
 * Every path but Next's assets, API routes, OG images, the referral redirect, the feed, sitemap,
 * robots and icon files. proxy.ts's `config.matcher` repeats it as a literal because Next reads
 * that statically; the test keeps the two equal.
 */
export const PAGE_MATCHER =
  '/((?!_next/|api/|og/|go/|feed\\.xml|sitemap\\.xml|robots\\.txt|favicon\\.ico|icon|apple-icon|manifest\\.webmanifest).*)';

/** The public pages that have a reader copy, as app/reader route paths. */
export const READER_ROUTES = [
  '/',
  '/guides',
  '/guides/[slug]',
  '/guides/tags/[tag]',
  '/events',
  '/events/[slug]',
  '/partners/partirassur',
  '/contact',
  '/legal-notice',
  '/privacy',
  '/search',
];

/** next-auth's session cookie, over http and over https: its presence makes a visitor "signed in". */
export const SESSION_COOKIES = ['next-auth.session-token', '__Secure-next-auth.session-token'];

/** What a content slug looks like (a dynamic segment's value: [slug], [tag]). */
export const SLUG_PATTERN = '[a-z0-9-]+';

/**
 * @typedef {{ guides: string[]; tags: string[]; events: string[] }} KnownSlugs
 * The values each dynamic route has a page for (lib/platform/content-slugs.js), or null in
 * development, where nothing is rewritten and any slug-shaped value is taken.
 */

/** @type {Record<string, keyof KnownSlugs>} Where a dynamic route's values come from. */
const VALUES_OF = {
  '/guides/[slug]': 'guides',
  '/guides/tags/[tag]': 'tags',
  '/events/[slug]': 'events',
};

/** Where the reader copy of a path lives. */
const copyOf = (pathname) => (pathname === '/' ? '/reader' : `/reader${pathname}`);

/**
 * A route ('/guides/[slug]') as a next.config.js source: with `known`, only the values that have a
 * page ('/guides/:slug(carte-vitale|bank-account)'), so that a made-up slug matches no rule and is
 * answered by the per-request 404 of app/(site), which keeps nothing; without, any slug-shaped value.
 * Null when the route has no value at all (no rule then).
 * @param {string} route
 * @param {KnownSlugs | null} known
 * @returns {string | null}
 */
function sourceOf(route, known) {
  for (const segment of route.split('/').slice(1)) {
    if (!/^(\[[a-z]+\]|[a-z0-9-]*)$/.test(segment)) {
      throw new Error(`reader-pages: unsupported route segment "${segment}" in ${route}`);
    }
  }
  if (!route.includes('[')) return route;
  const list = VALUES_OF[route];
  if (!list) throw new Error(`reader-pages: no known values for ${route}`);
  if (!known) return route.replace(/\[([a-z]+)\]/g, `:$1(${SLUG_PATTERN})`);
  const values = known[list];
  for (const value of values) {
    if (!new RegExp(`^${SLUG_PATTERN}$`).test(value)) {
      throw new Error(`reader-pages: "${value}" is not a slug (${route})`);
    }
  }
  return values.length ? route.replace(/\[([a-z]+)\]/g, `:$1(${values.join('|')})`) : null;
}

/**
 * READER_ROUTES as next.config.js `headers()` sources, each also under /reader (the copy the
 * reader rewrites lead to): the addresses whose reader response may sit in a shared cache.
 * @param {KnownSlugs | null} known
 */
export function readerSources(known) {
  return READER_ROUTES.flatMap((route) => {
    const source = sourceOf(route, known);
    return source ? [source, copyOf(source)] : [];
  });
}

/**
 * next.config.js `rewrites().beforeFiles`: a visitor without a session cookie gets the reader copy
 * of a page that has one. A config rewrite is served inside the server. proxy.ts's
 * `NextResponse.rewrite` is not: Next names the proxy's URL `localhost` while a server started with
 * `-H 127.0.0.1` calls itself 127.0.0.1, so every rewrite became an HTTP request to itself (one
 * more hop per reader, and a 500, "Failed to proxy … ECONNRESET", whenever the visitor left early).
 * @param {KnownSlugs | null} known
 */
export function readerRewrites(known) {
  return READER_ROUTES.flatMap((route) => {
    const source = sourceOf(route, known);
    if (!source) return [];
    return [
      {
        source,
        destination: copyOf(route.replace(/\[([a-z]+)\]/g, ':$1')),
        missing: SESSION_COOKIES.map((key) => ({ type: /** @type {const} */ ('cookie'), key })),
      },
    ];
  });
}

/**
 * A reader copy's Cache-Control: shared caches (deploy/nginx.conf, a CDN) may keep it for a minute
 * and serve it stale while they fetch a fresh one; browsers revalidate every time.
 */
export const READER_CACHE_CONTROL = 'public, max-age=0, s-maxage=60, stale-while-revalidate=600';

/**
 * Set on the server's request to itself when it needs the guide page rendered for this person
 * (lib/content/editions.ts): it keeps the members' edition rewrites from applying again. Sent by a
 * browser, it only selects the per-request render, which checks access itself.
 */
export const PAGE_RENDER_HEADER = 'x-sojoourn-page-render';

/**
 * Carries the process's own key on its request for a guide's members' edition
 * (lib/content/editions.ts): app/members-edition renders only for a request that holds it.
 */
export const EDITION_KEY_HEADER = 'x-sojoourn-edition-key';

/** Where a signed-in visitor's guide request is answered (app/api/editions/guides/[slug]). */
export const EDITION_ROUTE = '/api/editions/guides/:slug';

/**
 * Routes only ever reached by a rewrite. Asked for by their own address (a reader copy's RSC payload
 * for a slug it was not built for is a 500 in Next 16.4), they get the site's 404 instead.
 */
export const REWRITE_ONLY_ROUTES = ['/reader', '/members-edition'];

/** Where an address of a rewrite-only route goes: no page, so app/(site)/[...missing]'s 404. */
export const NO_PAGE = '/not-an-address';

/**
 * next.config.js `rewrites().beforeFiles`, in this order (Next applies the first that matches):
 * 0. a rewrite-only route's own address gets the 404 (REWRITE_ONLY_ROUTES);
 * 1. the server's own request for a guide's members' edition (no cookie, no query, the key header)
 *    is rendered by app/members-edition for a synthetic member. A rewrite, like the reader copies',
 *    so the page's router tree and its address agree as for any rewritten page. Anyone else
 *    sending the header gets that route's 404 (no key, no page);
 * 2. readers get the reader copies;
 * 3. a signed-in visitor's request for a guide's document goes to the editions route, which checks
 *    their access and answers members with the members' edition it keeps, everyone else with the
 *    page rendered for them. Not the client router's requests (RSC payloads, prefetches) nor
 *    server actions: those go to the page.
 * Only published guides (with `known`): a made-up or draft slug goes to the per-request page.
 * @param {KnownSlugs | null} known
 */
export function contentRewrites(known) {
  const guide = sourceOf('/guides/[slug]', known);
  const editionRender = guide
    ? [
        {
          source: guide,
          destination: '/members-edition/guides/:slug',
          has: [{ type: /** @type {const} */ ('header'), key: EDITION_KEY_HEADER }],
        },
      ]
    : [];
  const memberEditions = guide
    ? SESSION_COOKIES.map((key) => ({
        source: guide,
        destination: EDITION_ROUTE,
        has: [{ type: /** @type {const} */ ('cookie'), key }],
        missing: ['rsc', 'next-action', PAGE_RENDER_HEADER].map((header) => ({
          type: /** @type {const} */ ('header'),
          key: header,
        })),
      }))
    : [];
  const unaddressable = REWRITE_ONLY_ROUTES.map((route) => ({
    source: `${route}/:path*`,
    destination: NO_PAGE,
  }));
  return [...unaddressable, ...editionRender, ...readerRewrites(known), ...memberEditions];
}
