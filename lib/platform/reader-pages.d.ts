// Types for reader-pages.js (plain JavaScript so that next.config.js can import it).

/** The proxy's and next.config.js's page matcher: every path but assets, API, OG, feeds and icons. */
export declare const PAGE_MATCHER: string;

/** The public pages that have a reader copy, as app/reader route paths ('/guides/[slug]'). */
export declare const READER_ROUTES: readonly string[];

/** READER_ROUTES (and their /reader copies) as next.config.js header sources. */
export declare const READER_SOURCES: readonly string[];

/** The Cache-Control of a reader copy: shared caches may keep it briefly. */
export declare const READER_CACHE_CONTROL: string;

/** READER_ROUTES as the path patterns the proxy tests. */
export declare const READER_PAGES: readonly RegExp[];

/** Where a reader's request for `pathname` is served from, or null when it has no reader copy. */
export declare function readerCopyPath(pathname: string): string | null;
