// Tracked outbound referral: counts the click, then sends the reader to the partner's configured
// address. Only allow-listed partners; the destination never comes from the request.
import type { NextRequest } from 'next/server';
import { isPartnerId } from '@/lib/config';
import { getDb } from '@/lib/db';
import { referralDestination, sourcePathFromReferer } from '@/lib/referrals';
import { recordReferralClick } from '@/lib/referrals/store';
import { siteUrl } from '@/lib/platform/site-url';

export const dynamic = 'force-dynamic';

// Every answer is per click: never cached, never indexed.
const HEADERS = { 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex, nofollow' };

export async function GET(
  request: NextRequest,
  { params }: { params: Promise<{ partner: string }> },
): Promise<Response> {
  const { partner } = await params;
  if (!isPartnerId(partner)) {
    return new Response('Not found', { status: 404, headers: HEADERS });
  }
  const sourcePath = sourcePathFromReferer(request.headers.get('referer'), [
    siteUrl(),
    request.nextUrl.origin,
  ]);
  const destination = referralDestination(partner, sourcePath);
  if (!destination) return new Response('Not found', { status: 404, headers: HEADERS });
  try {
    await recordReferralClick(await getDb(), { partner, sourcePath });
  } catch (error) {
    // A lost count must not strand the reader on an error page.
    console.error('[referrals] could not record a click:', error);
  }
  return new Response(null, {
    status: 303,
    headers: { ...HEADERS, Location: destination.toString() },
  });
}
