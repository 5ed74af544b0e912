// Which paths have a prerendered reader copy under app/reader/ (next.config.js rewrites visitors
// without a session there), and which paths are pages at all (proxy.ts runs on them and
// next.config.js gives them the pages' Cache-Control). Plain ES module JavaScript so that next.config.js, which Node loads
// as is, can import it as well as proxy.ts. reader-pages.test.ts compares it with app/reader/** and
// with both matchers.

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

/** What a dynamic segment ([slug], [tag]) matches: content slugs. */
export const SLUG_PATTERN = '[a-z0-9-]+';

/** Where the reader copy of a path lives. */
const copyOf = (pathname) => (pathname === '/' ? '/reader' : `/reader${pathname}`);

/** A route ('/guides/[slug]') as a next.config.js source ('/guides/:slug([a-z0-9-]+)'). */
function sourceOf(route) {
  for (const segment of route.split('/').slice(1)) {
    if (!/^(\[[a-z]+\]|[a-z0-9-]*)$/.test(segment)) {
      throw new Error(`reader-pages: unsupported route segment "${segment}" in ${route}`);
    }
  }
  return route.replace(/\[([a-z]+)\]/g, `:$1(${SLUG_PATTERN})`);
}

/**
 * READER_ROUTES as next.config.js `headers()` sources ('/guides/:slug([a-z0-9-]+)'), each also under
 * /reader (the copy READER_REWRITES lead to): the addresses whose reader response may sit in a shared
 * cache.
 */
export const READER_SOURCES = READER_ROUTES.flatMap((route) => [
  sourceOf(route),
  copyOf(sourceOf(route)),
]);

/**
 * next.config.js `rewrites().beforeFiles`: a visitor without a session cookie gets the reader copy.
 * A config rewrite is served inside the server. proxy.ts's `NextResponse.rewrite` is not: Next
 * names the proxy's URL `localhost` while a server started with `-H 127.0.0.1` calls itself
 * 127.0.0.1, so every rewrite became an HTTP request to itself (one more hop per reader, and a 500,
 * "Failed to proxy … ECONNRESET", whenever the visitor left early).
 */
export const READER_REWRITES = READER_ROUTES.map((route) => ({
  source: sourceOf(route),
  destination: copyOf(route.replace(/\[([a-z]+)\]/g, ':$1')),
  missing: SESSION_COOKIES.map((key) => ({ type: /** @type {const} */ ('cookie'), key })),
}));

/**
 * A reader copy's Cache-Control: shared caches (deploy/nginx.conf, a CDN) may keep it for a minute
 * and serve it stale while they fetch a fresh one; browsers revalidate every time.
 */
export const READER_CACHE_CONTROL = 'public, max-age=0, s-maxage=60, stale-while-revalidate=600';

/**
 * Set on the server's request to itself when it needs the guide page rendered for this person
 * (lib/content/editions.ts): it keeps MEMBER_EDITION_REWRITES from applying again. Sent by a
 * browser, it only selects the per-request render, which checks access itself.
 */
export const PAGE_RENDER_HEADER = 'x-sojoourn-page-render';

/**
 * Carries the process's own key on its request for a guide's members' edition
 * (lib/content/editions.ts): app/members-edition renders only for a request that holds it.
 */
export const EDITION_KEY_HEADER = 'x-sojoourn-edition-key';

/**
 * next.config.js `rewrites().beforeFiles`, first: the server's own request for a guide's members'
 * edition (no cookie, no query, the key header) is rendered by app/members-edition for a synthetic
 * member. A rewrite, like the reader copies', so the page's router tree and its address agree as
 * for any rewritten page. Anyone else sending the header gets that route's 404 (no key, no page).
 */
export const MEMBERS_EDITION_RENDER_REWRITE = {
  source: sourceOf('/guides/[slug]'),
  destination: '/members-edition/guides/:slug',
  has: [{ type: /** @type {const} */ ('header'), key: EDITION_KEY_HEADER }],
};

/** Where a signed-in visitor's guide request is answered (app/api/editions/guides/[slug]). */
export const EDITION_ROUTE = '/api/editions/guides/:slug';

/**
 * next.config.js `rewrites().beforeFiles`, after READER_REWRITES: a signed-in visitor's request for
 * a guide's document goes to the editions route, which checks their access and answers members
 * with the members' edition it keeps (rendered once per guide), everyone else with the page
 * rendered for them. Not the client router's requests (RSC payloads, prefetches) nor server
 * actions: those go to the page.
 */
export const MEMBER_EDITION_REWRITES = SESSION_COOKIES.map((key) => ({
  source: sourceOf('/guides/[slug]'),
  destination: EDITION_ROUTE,
  has: [{ type: /** @type {const} */ ('cookie'), key }],
  missing: ['rsc', 'next-action', PAGE_RENDER_HEADER].map((header) => ({
    type: /** @type {const} */ ('header'),
    key: header,
  })),
}));
