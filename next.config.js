import { PAGE_MATCHER } from './lib/platform/reader-pages.js';

const SESSION_COOKIES = ['next-auth.session-token', '__Secure-next-auth.session-token'];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Lets several end-to-end runs (scripts/e2e.sh with another E2E_PORT_BASE) keep separate builds.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  reactStrictMode: true,
  poweredByHeader: false,
  // Loaded once by Node instead of bundled per route: Turbopack bundling kysely twice breaks the
  // adapter's `instanceof SqliteAdapter` check (dates then come back as strings).
  serverExternalPackages: ['kysely', '@auth/kysely-adapter', 'better-sqlite3', 'pg', 'nodemailer'],
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
        ],
      },
      {
        // Public pages answer differently with and without a session (proxy.ts serves readers a
        // prerendered copy). Next replaces any Vary header on pages, so instead of a long shared-
        // cache lifetime these go out private: no shared cache can hand a reader's copy to a
        // signed-in visitor.
        source: PAGE_MATCHER,
        missing: SESSION_COOKIES.map((key) => ({ type: 'cookie', key })),
        headers: [{ key: 'Cache-Control', value: 'private, max-age=0, must-revalidate' }],
      },
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
};

export default nextConfig;
