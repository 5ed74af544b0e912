// Where the search index lives and how its files are served. Shared by the build step
// (scripts/search-index.ts), `npm run dev` (scripts/lib/dev-search.ts), the route serving it
// (app/pagefind/…) and the leak spec.
import path from 'node:path';

/** The build directory (several e2e runs keep separate builds: scripts/e2e.sh sets NEXT_DIST_DIR). */
export function distDir(): string {
  return process.env.NEXT_DIST_DIR || '.next';
}

/** The Pagefind bundle, written after `next build` next to the build it was made from. */
export function searchIndexDir(root = process.cwd()): string {
  return path.join(root, distDir(), 'pagefind');
}

/**
 * `npm run dev`'s index, built from the development server's own guide pages (there are no reader
 * copies in development: scripts/lib/dev-search.ts). Kept apart from a production build's index.
 */
export function devSearchIndexDir(root = process.cwd()): string {
  return path.join(root, distDir(), 'dev-pagefind');
}

/** The index this server serves: the development one under `next dev`, else the build's. */
export function servedSearchIndexDir(root = process.cwd()): string {
  return process.env.NODE_ENV === 'development' ? devSearchIndexDir(root) : searchIndexDir(root);
}

/** The prerendered reader copies of the guides (app/reader/guides/[slug]): what gets indexed. */
export function readerGuidesDir(root = process.cwd()): string {
  return path.join(root, distDir(), 'server', 'app', 'reader', 'guides');
}

export const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** A file name inside the bundle: letters, digits, dots, dashes and underscores, one folder deep at most. */
export function safeIndexPath(segments: string[]): string | null {
  if (!segments.length || segments.length > 3) return null;
  if (!segments.every((s) => /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,120}$/.test(s) && !s.includes('..'))) {
    return null;
  }
  return segments.join('/');
}
