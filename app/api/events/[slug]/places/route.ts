import { getEvent } from '@/lib/content';
import { placesOf } from '@/lib/events/service';
import { formatTime } from '@/lib/platform/format';

/**
 * How many places an event has left, for its reader page (which is prerendered, so it cannot hold
 * a live count): counts only, the same for everyone, so a shared cache may keep it for a few
 * seconds; the answer says when it was counted, and the page shows that time.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const event = /^[a-z0-9-]{1,100}$/.test(slug) ? getEvent(slug) : null;
  if (!event) {
    return Response.json(
      { error: 'No such event.' },
      { status: 404, headers: { 'Cache-Control': 'private, no-store' } },
    );
  }
  const places = await placesOf(event);
  const countedAt = new Date().toISOString();
  return Response.json(
    { ...places, countedAt, countedAtParis: formatTime(countedAt, 'Europe/Paris') },
    { headers: { 'Cache-Control': 'public, max-age=0, s-maxage=10, stale-while-revalidate=20' } },
  );
}
