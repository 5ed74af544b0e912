import { fileURLToPath } from 'node:url';
import { PHASE_DEVELOPMENT_SERVER } from 'next/constants.js';
import { ACTION_BODY_LIMIT } from './lib/platform/action-body.js';
import { appCompresses } from './lib/platform/compression.js';
import { knownContentSlugs } from './lib/platform/content-slugs.js';
import {
  contentRewrites,
  PAGE_MATCHER,
  READER_CACHE_CONTROL,
  readerSources,
  SESSION_COOKIES,
} from './lib/platform/reader-pages.js';
import {
  HARDENING_HEADERS,
  NON_PAGE_CONTENT_SECURITY_POLICY,
  nonPageSource,
} from './lib/platform/security-headers.js';

/**
 * @param {import('./lib/platform/reader-pages.js').KnownSlugs | null} known the slugs that have a
 *   page (null in development: any slug-shaped address)
 * @returns {import('next').NextConfig}
 */
const baseConfig = (known) => ({
  // Lets several end-to-end runs (scripts/e2e.sh with another E2E_PORT_BASE) keep separate builds.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  reactStrictMode: true,
  poweredByHeader: false,
  // Read when the server starts: behind deploy/nginx.conf, nginx compresses (lib/platform/compression.js).
  compress: appCompresses(),
  // `next dev` prints every server action it runs with its arguments: the form's fields, its
  // fill-time token and what people typed would land in the terminal (and in shared logs). Logs
  // hold outcomes and ids only; each action logs what matters itself.
  logging: { serverFunctions: false },
  // Loaded once by Node instead of bundled per route: Turbopack bundling kysely twice breaks the
  // adapter's `instanceof SqliteAdapter` check (dates then come back as strings).
  serverExternalPackages: [
    'kysely',
    '@auth/kysely-adapter',
    'better-sqlite3',
    'pg',
    'nodemailer',
    'pino',
    'pino-pretty',
  ],
  experimental: {
    // Forms post a few kilobytes (the longest field is a 5,000-character message); Next counts the
    // bytes it actually reads. proxy.ts refuses a larger declared length with a 413 first (Next's
    // own refusal is a 500): lib/platform/action-body.js.
    serverActions: { bodySizeLimit: ACTION_BODY_LIMIT },
  },
  async headers() {
    return [
      // What never depends on the environment. The pages' CSP and HSTS do: proxy.ts sets them on
      // each request from the running server's environment (a build would freeze them here).
      { source: '/:path*', headers: [...HARDENING_HEADERS] },
      {
        source: nonPageSource(PAGE_MATCHER),
        headers: [{ key: 'Content-Security-Policy', value: NON_PAGE_CONTENT_SECURITY_POLICY }],
      },
      {
        // Other pages requested without a session (sign-in, club, errors…): not for shared caches.
        source: PAGE_MATCHER,
        missing: SESSION_COOKIES.map((key) => ({ type: 'cookie', key })),
        headers: [{ key: 'Cache-Control', value: 'private, max-age=0, must-revalidate' }],
      },
      // A public page requested without a session is the prerendered reader copy, the same for
      // every reader and free of members' text: a shared cache may keep it for a short while. The
      // same address answers differently with a session (Next replaces any Vary header on pages),
      // so a cache in front MUST bypass itself when the session cookie is present and never store
      // such a response (deploy/nginx.conf, docs/operations.md "Several instances"); those responses say
      // `private, no-store` (below) as well. When two rules set the same header, the later wins.
      ...readerSources(known).map((source) => ({
        source,
        missing: SESSION_COOKIES.map((key) => ({ type: /** @type {const} */ ('cookie'), key })),
        headers: [{ key: 'Cache-Control', value: READER_CACHE_CONTROL }],
      })),
      ...SESSION_COOKIES.map((key) => ({
        // A signed-in visitor's page is theirs alone: never stored anywhere.
        source: PAGE_MATCHER,
        has: [{ type: 'cookie', key }],
        headers: [
          {
            key: 'Cache-Control',
            value: 'private, no-cache, no-store, max-age=0, must-revalidate',
          },
        ],
      })),
    ];
  },
});

/**
 * Readers (no session cookie) get the prerendered copies of public pages (app/reader/…): static
 * HTML, so only signed-in people cost a per-request render. Signed-in visitors' guides go through
 * the editions route, which serves members the members' edition it keeps once checked
 * (lib/content/editions.ts). Not in development: `next dev` answers
 * a dynamicParams=false route from a cache of generateStaticParams that it refreshes in the
 * background, so a guide just written 404'd for readers for 7–30 s; development renders every
 * visitor's page with the same page modules instead.
 * @param {string} phase
 * @returns {import('next').NextConfig}
 */
export default function config(phase) {
  if (phase === PHASE_DEVELOPMENT_SERVER) return baseConfig(null);
  // Only addresses that have a page are rewritten to a prerendered route: a made-up slug would
  // otherwise be rendered there on request and kept on disk (lib/platform/content-slugs.js).
  const known = knownContentSlugs();
  return {
    ...baseConfig(known),
    rewrites: async () => ({ beforeFiles: contentRewrites(known) }),
    // Next's file-system cache, but a reader copy rendered again at run time (the hourly events
    // pages) is stored without the framework's runtime, like the build's (scripts/reader-copies.ts).
    cacheHandler: fileURLToPath(new URL('./lib/reader-copies/cache-handler.js', import.meta.url)),
  };
}
