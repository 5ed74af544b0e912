import 'server-only';
// The follow routes' work (app/api/follow/**), kept out of the routes: read the capped form body,
// ask ./service, and answer with a relative 303 to the page that says what happened. Reader forms
// are plain HTML posts (reader pages carry no React runtime), so every answer is a redirect; what
// a reader typed comes back on the error page through a short-lived cookie scoped to /follow,
// never in an address (logs keep addresses out).
import { cookies } from 'next/headers';
import { followableGuide } from './guides';
import { FOLLOW_BODY_MAX_BYTES, followTarget } from './schema';
import {
  confirmFollow,
  followAsViewer,
  requestFollow,
  unfollowAsViewer,
  unfollowByLink,
} from './service';
import { getViewer } from '../auth/viewer';
import { getDb } from '../db';
import { sendMail } from '../platform/mail';
import { sentFromAnotherSite } from '../platform/fetch-site';
import { consumeRateLimit, clientIp, type RateLimitRule } from '../platform/rate-limit';
import { BodyTooLargeError, readTextCapped } from '../platform/request-body';

const PRIVATE = { 'Cache-Control': 'private, no-store' };
/** A relative Location: the browser resolves it against the address it used, proxies and all. */
export const seeOther = (path: string, headers: Record<string, string> = {}) =>
  new Response(null, { status: 303, headers: { Location: path, ...PRIVATE, ...headers } });
export const plainText = (body: string, status: number) =>
  new Response(`${body}\n`, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', ...PRIVATE },
  });

/** What the reader typed, for the error page only (5 minutes, this site's /follow pages). */
export const TYPED_COOKIE = 'follow_typed';

const isGuide = (slug: string) => !!followableGuide(slug);
const guideQuery = (guide: string | undefined) =>
  guide ? `&guide=${encodeURIComponent(guide)}` : '';

/**
 * Where a signed-in person lands after following or unfollowing: their account when they came from
 * it, otherwise the follow page, which says what they now follow (guide pages are the same for
 * everyone and cannot).
 */
function backTo(guide: string, from: string | null, done: 'followed' | 'unfollowed'): string {
  if (from === 'account') return '/account#follows';
  return `/follow?${done}=1${guideQuery(guide)}`;
}

async function formOf(request: Request, maxBytes = FOLLOW_BODY_MAX_BYTES) {
  return new URLSearchParams(await readTextCapped(request, maxBytes));
}

/** POST /api/follow: a reader asks (double opt-in); a signed-in person follows or unfollows. */
export async function handleFollowPost(request: Request): Promise<Response> {
  let form: URLSearchParams;
  try {
    form = await formOf(request);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return plainText('Request body too large.', 413);
    throw error;
  }
  const guideField = form.get('guide') ?? '';
  const guide = followTarget.safeParse(guideField);
  const viewer = await getViewer();
  const db = await getDb();
  if (viewer.kind === 'user') {
    // Acting with the session: only for a post from our own pages.
    if (sentFromAnotherSite(request.headers)) {
      return plainText(
        'This form can only be sent from Sojoourn’s own pages. Go back to the page and try again.',
        403,
      );
    }
    if (form.get('intent') === 'unfollow') {
      await unfollowAsViewer(viewer, guideField, { db });
      return seeOther(backTo(guide.success ? guide.data : '*', form.get('from'), 'unfollowed'));
    }
    const outcome = await followAsViewer(viewer, guideField, { db, isGuide });
    if (outcome !== 'followed') return seeOther('/follow?error=unknown-guide');
    return seeOther(backTo(guide.success ? guide.data : '*', form.get('from'), 'followed'));
  }
  const outcome = await requestFollow(
    { email: form.get('email') ?? '', guide: guideField },
    clientIp(request.headers),
    { db, send: sendMail, isGuide },
  );
  const shownGuide =
    guide.success && (guide.data === '*' || isGuide(guide.data)) ? guide.data : undefined;
  if (outcome.kind === 'sent') return seeOther(`/follow?sent=1${guideQuery(shownGuide)}`);
  const jar = await cookies();
  jar.set(TYPED_COOKIE, outcome.email.slice(0, 254), {
    path: '/follow',
    maxAge: 300,
    httpOnly: true,
    sameSite: 'lax',
    secure: new URL(request.url).protocol === 'https:',
  });
  return seeOther(`/follow?error=${outcome.kind}${guideQuery(shownGuide)}`);
}

/** POST /api/follow/confirm: the button of the confirmation page. */
export async function handleConfirmPost(request: Request): Promise<Response> {
  let form: URLSearchParams;
  try {
    form = await formOf(request);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return plainText('Request body too large.', 413);
    throw error;
  }
  const confirmed = await confirmFollow(form.get('token'), { db: await getDb() });
  if (!confirmed) return seeOther('/follow?error=confirm-invalid');
  return seeOther(
    `/follow/manage?token=${encodeURIComponent(confirmed.manageToken)}&done=confirmed`,
  );
}

/** Generous: a mail provider posts the one-click unfollows of all its users from a few addresses. */
export const UNFOLLOW_RATE_LIMIT: RateLimitRule = {
  bucket: 'follow-unfollow',
  limit: 120,
  windowMs: 3600_000,
};

const UNFOLLOW_ANSWERS: Record<'erased' | 'unfollowed' | 'invalid' | 'limited', [string, number]> =
  {
    erased: ['You follow no guide any more: your address is erased from our follow list.', 200],
    unfollowed: ['Done: you no longer follow that guide.', 200],
    invalid: ['This link is not valid (you may already have unfollowed everything).', 400],
    limited: ['Too many requests from your network: please try again later.', 429],
  };

/**
 * POST /api/follow/unfollow?token=…: RFC 8058's one-click (`List-Unsubscribe=One-Click`) or a bare
 * POST unfollows everything and erases the address; the manage page's buttons post `guide=<slug>`
 * (one guide) or the one-click body, with `from=page` to come back to a page. No cookie needed.
 */
export async function handleUnfollowPost(request: Request): Promise<Response> {
  let form: URLSearchParams;
  try {
    form = await formOf(request, 1024);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return plainText('Request body too large.', 413);
    throw error;
  }
  const token = new URL(request.url).searchParams.get('token')?.slice(0, 100) ?? '';
  const fromPage = form.get('from') === 'page';
  const db = await getDb();
  const limit = await consumeRateLimit(db, UNFOLLOW_RATE_LIMIT, clientIp(request.headers));
  const guide = form.has('guide') ? followTarget.safeParse(form.get('guide')) : null;
  const outcome: keyof typeof UNFOLLOW_ANSWERS = !limit.allowed
    ? 'limited'
    : guide && !guide.success
      ? 'invalid'
      : await unfollowByLink(token, guide ? { guide: guide.data } : 'everything', { db });
  if (!fromPage) {
    const [message, status] = UNFOLLOW_ANSWERS[outcome];
    return plainText(message, status);
  }
  if (outcome === 'erased') return seeOther('/follow?done=erased');
  if (outcome === 'unfollowed')
    return seeOther(`/follow/manage?token=${encodeURIComponent(token)}&done=unfollowed`);
  return seeOther(`/follow?error=${outcome === 'limited' ? 'limited' : 'manage-invalid'}`);
}
