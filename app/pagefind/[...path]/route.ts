// Serves the Pagefind search bundle (built by scripts/search-index.ts into the build directory;
// under `npm run dev`, by scripts/lib/dev-search.ts from the development server's pages).
// Public guides only: the index is built from the readers' prerendered pages.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CONTENT_TYPES, safeIndexPath, servedSearchIndexDir } from '@/lib/search/index-files';

export async function GET(_request: Request, { params }: { params: Promise<{ path: string[] }> }) {
  const relative = safeIndexPath((await params).path);
  if (!relative) return new Response('Not found', { status: 404 });
  try {
    const body = await readFile(path.join(servedSearchIndexDir(), relative));
    return new Response(new Uint8Array(body), {
      headers: {
        'Content-Type': CONTENT_TYPES[path.extname(relative)] ?? 'application/octet-stream',
        // Fragment and index names carry a content hash; the entry files do not.
        'Cache-Control': /\.(js|json)$/.test(relative)
          ? 'public, max-age=300'
          : 'public, max-age=31536000, immutable',
      },
    });
  } catch {
    return new Response('Not found', { status: 404 });
  }
}
