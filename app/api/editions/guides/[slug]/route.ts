// A signed-in visitor's guide (next.config.js rewrites it here, lib/platform/reader-pages.js):
// members get the members' edition once their access is checked, everyone else the page rendered
// for them (lib/content/editions.ts).
import { getViewer } from '@/lib/auth/viewer';
import { guideEditions } from '@/lib/content/editions';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    return await guideEditions.respond(request, (await params).slug, getViewer);
  } catch (error) {
    // The visitor left while their page was being rendered: nobody is waiting for an answer.
    if (request.signal.aborted) return new Response(null, { status: 503 });
    throw error;
  }
}
