// What scripts/reader-copies.ts leaves behind in a build, for the cache handler, the spec and
// `npm run bench` that read it. Which reader copies keep the framework's runtime, and why. Plain
// JavaScript (with copies.d.ts): cache-handler.js is loaded by Next as is.

/** Reader copies served as Next rendered them, runtime included: their forms are React's. */
/** @type {{ path: string; reason: string }[]} */
export const KEPT_WITH_RUNTIME = [
  {
    path: '/contact',
    reason:
      'the quote form (components/contact/ContactForm.tsx) is a React form: it fetches its fill-time token on load, checks fields as they are typed and keeps them on error',
  },
  {
    path: '/search',
    reason:
      'the results are drawn by a React component (components/search/SearchPanel.tsx) over Pagefind',
  },
];

/** Next's original prerendered HTML of each reader copy, under the build directory. */
export const READER_ORIGINALS_DIR = 'reader-originals';

/** What was done to each copy, under the build directory. */
export const READER_COPIES_MANIFEST = 'reader-copies.json';

/** The readers' script's ceiling, gzipped (issue 25: a reader's guide ≤ 10 KB of JavaScript). */
export const READER_SCRIPT_MAX_GZIP = 10 * 1024;

/**
 * The address a reader asks for, from the key of a reader copy in Next's cache ('/reader/events',
 * or in Next 16.4's route cache '/route-cache/APP_PAGE/<hash>/$/reader/events'); null for any
 * other page.
 * @param {string} key
 * @returns {string | null}
 */
export function readerAddress(key) {
  const match = /(?:^|\/\$)\/reader(\/[^?#]*)?$/.exec(key);
  return match ? match[1] || '/' : null;
}
