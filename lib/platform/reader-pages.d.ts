// Types for reader-pages.js (plain JavaScript so that next.config.js can import it).

/** The proxy's and next.config.js's page matcher: every path but assets, API, OG, feeds and icons. */
export declare const PAGE_MATCHER: string;

/** What a content slug looks like, as a regular expression source. */
export declare const SLUG_PATTERN: string;

/** next-auth's session cookie names (http and https). */
export declare const SESSION_COOKIES: readonly string[];

/** The public pages that have a reader copy, as app/reader route paths ('/guides/[slug]'). */
export declare const READER_ROUTES: readonly string[];

/** The values each dynamic route has a page for (null: any slug-shaped value, development). */
export interface KnownSlugs {
  guides: string[];
  tags: string[];
  events: string[];
}

export interface Rewrite {
  source: string;
  destination: string;
  has?: { type: 'cookie' | 'header'; key: string }[];
  missing?: { type: 'cookie' | 'header'; key: string }[];
}

/** READER_ROUTES (and their /reader copies) as next.config.js header sources. */
export declare function readerSources(known: KnownSlugs | null): string[];

/** next.config.js `rewrites().beforeFiles` for readers without a session: the reader copies. */
export declare function readerRewrites(known: KnownSlugs | null): Rewrite[];

/** next.config.js `rewrites().beforeFiles`: edition render, reader copies, members' editions. */
export declare function contentRewrites(known: KnownSlugs | null): Rewrite[];

/** The Cache-Control of a reader copy: shared caches may keep it briefly. */
export declare const READER_CACHE_CONTROL: string;

/** Marks the server's request to itself for a per-person page render (lib/content/editions.ts). */
export declare const PAGE_RENDER_HEADER: string;

/** Carries the server's own key on its request for a guide's members' edition. */
export declare const EDITION_KEY_HEADER: string;

/** The editions route, as a next.config.js destination ('/api/editions/guides/:slug'). */
export declare const EDITION_ROUTE: string;

/** Routes only ever reached by a rewrite: their own addresses get the 404. */
export declare const REWRITE_ONLY_ROUTES: readonly string[];

/** Where a rewrite-only route's own address is sent (no page there). */
export declare const NO_PAGE: string;
