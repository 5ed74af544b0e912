// Types for reader-pages.js (plain JavaScript so that next.config.js can import it).

/** The proxy's and next.config.js's page matcher: every path but assets, API, OG, feeds and icons. */
export declare const PAGE_MATCHER: string;

/** What a dynamic segment ([slug], [tag]) matches: content slugs, as a regular expression source. */
export declare const SLUG_PATTERN: string;

/** next-auth's session cookie names (http and https). */
export declare const SESSION_COOKIES: readonly string[];

/** The public pages that have a reader copy, as app/reader route paths ('/guides/[slug]'). */
export declare const READER_ROUTES: readonly string[];

/** READER_ROUTES (and their /reader copies) as next.config.js header sources. */
export declare const READER_SOURCES: readonly string[];

/** next.config.js `rewrites().beforeFiles`: readers without a session go to the reader copy. */
export declare const READER_REWRITES: readonly {
  source: string;
  destination: string;
  missing: { type: 'cookie'; key: string }[];
}[];

/** The Cache-Control of a reader copy: shared caches may keep it briefly. */
export declare const READER_CACHE_CONTROL: string;

/** Marks the server's request to itself for a per-person page render (lib/content/editions.ts). */
export declare const PAGE_RENDER_HEADER: string;

/** The editions route, as a next.config.js destination ('/api/editions/guides/:slug'). */
export declare const EDITION_ROUTE: string;

/** next.config.js `rewrites().beforeFiles`: signed-in visitors' guide documents → editions route. */
export declare const MEMBER_EDITION_REWRITES: readonly {
  source: string;
  destination: string;
  has: { type: 'cookie'; key: string }[];
  missing: { type: 'header'; key: string }[];
}[];

/** Carries the server's own key on its request for a guide's members' edition. */
export declare const EDITION_KEY_HEADER: string;

/** next.config.js `rewrites().beforeFiles`, first: the edition's render → app/members-edition. */
export declare const MEMBERS_EDITION_RENDER_REWRITE: {
  source: string;
  destination: string;
  has: { type: 'header'; key: string }[];
};
