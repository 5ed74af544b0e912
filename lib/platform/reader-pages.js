// Which paths have a prerendered reader copy under app/reader/ (proxy.ts rewrites visitors without a
// session there), and which paths are pages at all (the proxy runs on them and next.config.js gives
// them the pages' Cache-Control). Plain ES module JavaScript so that next.config.js, which Node loads
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
];

/** What a dynamic segment ([slug], [tag]) matches: content slugs. */
const PARAM = '[a-z0-9-]+';

function routePattern(route) {
  const segments = route.split('/').slice(1);
  const parts = segments.map((segment) => {
    if (/^\[[a-z]+\]$/.test(segment)) return PARAM;
    if (/^[a-z0-9-]*$/.test(segment)) return segment;
    throw new Error(`reader-pages: unsupported route segment "${segment}" in ${route}`);
  });
  return new RegExp(`^/${parts.join('/')}$`);
}

/** READER_ROUTES as the path patterns the proxy tests. */
export const READER_PAGES = READER_ROUTES.map(routePattern);

/** Where a reader's request for `pathname` is served from, or null when it has no reader copy. */
export function readerCopyPath(pathname) {
  if (!READER_PAGES.some((pattern) => pattern.test(pathname))) return null;
  return pathname === '/' ? '/reader' : `/reader${pathname}`;
}
