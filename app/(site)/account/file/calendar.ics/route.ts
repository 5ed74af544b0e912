import { getViewer } from '@/lib/auth/viewer';
import { fileCalendar } from '@/lib/file/calendar';
import { ownFile } from '@/lib/file/service';
import { absoluteUrl, siteUrl } from '@/lib/platform/site-url';

const PRIVATE = { 'Cache-Control': 'private, no-store' };

/** The expected dates of the next steps of the viewer's own file, as an .ics file. */
export async function GET() {
  const own = await ownFile(await getViewer());
  if (own.kind !== 'file') {
    return new Response('Sign in with the account that has a Carte Vitale file.\n', {
      status: own.kind === 'reader' ? 401 : 404,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', ...PRIVATE },
    });
  }
  const body = fileCalendar(own.file.steps, {
    fileId: own.file.id,
    now: new Date(),
    domain: new URL(siteUrl()).hostname,
    fileUrl: absoluteUrl('/account/file'),
  });
  return new Response(body, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'attachment; filename="carte-vitale-file.ics"',
      ...PRIVATE,
    },
  });
}
