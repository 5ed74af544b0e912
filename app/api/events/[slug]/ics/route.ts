import { canReadMembersContent } from '@/lib/access';
import { getViewer } from '@/lib/auth/viewer';
import { getEvent } from '@/lib/content';
import { buildIcs } from '@/lib/content/calendar';
import { absoluteUrl, siteUrl } from '@/lib/platform/site-url';

const PRIVATE = { 'Cache-Control': 'private, no-store' };

/** "Add to calendar": an .ics file of one event, for members (the route checks it itself). */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  if (!canReadMembersContent(await getViewer())) {
    return new Response('Adding events to your calendar is for Sojoourn Club members.\n', {
      status: 403,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', ...PRIVATE },
    });
  }
  const { slug } = await params;
  const event = /^[a-z0-9-]{1,100}$/.test(slug) ? getEvent(slug) : null;
  if (!event) {
    return new Response('No such event.\n', {
      status: 404,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', ...PRIVATE },
    });
  }
  const body = buildIcs(
    { ...event, url: absoluteUrl(`/events/${event.slug}`) },
    { domain: new URL(siteUrl()).hostname },
  );
  return new Response(body, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="${event.slug}.ics"`,
      ...PRIVATE,
    },
  });
}
