// Types for content-slugs.js (plain JavaScript so that next.config.js can import it).
import type { KnownSlugs } from './reader-pages';

/** Published guides, their tags and published events, as contentlayer built them. */
export declare function knownContentSlugs(): KnownSlugs;
