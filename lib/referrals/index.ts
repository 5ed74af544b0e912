import 'server-only';
// Outbound partner referrals (/go/<partner>): where a partner link leads. Clicks: ./store.ts.
// The destination comes only from the partner allow-list in lib/config, never from the request.
import { isPartnerId } from '../config';
import { partnerEnv } from '../platform/env';
import { siteUrl } from '../platform/site-url';

const MAX_SOURCE_PATH = 300;

/**
 * The page of this site a click came from, from its Referer: the path only (no query, which may
 * hold personal data), and only when the Referer is this site. Anything else is null.
 */
export function sourcePathFromReferer(
  referer: string | null | undefined,
  ownOrigins: string[] = [siteUrl()],
): string | null {
  if (!referer) return null;
  let url: URL;
  try {
    url = new URL(referer);
  } catch {
    return null;
  }
  const origins = ownOrigins.flatMap((origin) => {
    try {
      return [new URL(origin).origin];
    } catch {
      return [];
    }
  });
  if (!origins.includes(url.origin)) return null;
  return url.pathname.slice(0, MAX_SOURCE_PATH);
}

/** utm_campaign: the slug of the page the click came from (its last path segment), or 'site'. */
export function campaignFor(sourcePath: string | null): string {
  const slug = sourcePath
    ?.split('/')
    .filter(Boolean)
    .at(-1)
    ?.toLowerCase()
    .replace(/[^a-z0-9-]/g, '')
    .slice(0, 80);
  return slug || 'site';
}

/** The partner's configured destination with our referral code and UTM parameters; null if unknown. */
export function referralDestination(partnerId: string, sourcePath: string | null): URL | null {
  if (!isPartnerId(partnerId)) return null;
  // Where /go/<id> sends people comes from the environment (lib/platform/env), never the request.
  const { destination, referralCode } = partnerEnv()[partnerId];
  const url = new URL(destination);
  // A misconfigured PARTIRASSUR_URL (javascript:, data:…) must never become a redirect.
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`The destination of partner ${partnerId} is not an http(s) URL`);
  }
  url.searchParams.set('ref', referralCode);
  url.searchParams.set('utm_source', 'sojoourn');
  url.searchParams.set('utm_medium', 'referral');
  url.searchParams.set('utm_campaign', campaignFor(sourcePath));
  return url;
}
