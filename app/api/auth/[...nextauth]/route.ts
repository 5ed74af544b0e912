import { NextRequest } from 'next/server';
import { authHandler as handler } from '@/lib/auth/handler';
import { linkProblemCode } from '@/lib/auth/link-problem';
import { guardedSignInPost } from '@/lib/auth/signin-guard';
import { clientIp } from '@/lib/platform/rate-limit';
import {
  BodyTooLargeError,
  bodyTooLargeResponse,
  readBodyCapped,
} from '@/lib/platform/request-body';
import { safeReturnPath, siteUrl } from '@/lib/platform/site-url';

interface RouteContext {
  params: Promise<{ nextauth: string[] }>;
}

const MAX_AUTH_BODY_BYTES = 4096;

/**
 * next-auth answers 500 to a `callbackUrl` query it cannot parse as a URL; where it leads is decided
 * by the redirect callback anyway, so it gets a path on this site (or none) before next-auth sees it.
 * `/api/auth/error?error=…` is copied unencoded into a Location header (a 500 for anything outside
 * Latin-1): its codes are plain words (EmailSignin, Verification…), anything else becomes Default.
 */
function safeUrl(request: NextRequest): string {
  const url = new URL(request.url);
  if (url.searchParams.has('callbackUrl')) {
    url.searchParams.set('callbackUrl', safeReturnPath(url.searchParams.get('callbackUrl'), '/'));
  }
  const error = url.searchParams.get('error');
  if (error !== null && !/^[A-Za-z]{1,40}$/.test(error)) url.searchParams.set('error', 'Default');
  return url.toString();
}

export async function GET(request: NextRequest, context: RouteContext) {
  // A link that cannot work says why (used, expired, made up) rather than next-auth's one word.
  const problem = await linkProblemCode(request.nextUrl.pathname, request.nextUrl.searchParams);
  if (problem) return Response.redirect(`${siteUrl()}/signin/error?error=${problem}`, 303);
  const url = safeUrl(request);
  if (url === request.url) return handler(request, context);
  return handler(new NextRequest(url, { headers: request.headers }), context);
}

// Every POST (whatever the path) runs next-auth inside a request context: the limits themselves
// are checked where next-auth decides to send a link (lib/auth/options.ts, signin-guard.ts).
export async function POST(request: NextRequest, context: RouteContext) {
  let body: Uint8Array<ArrayBuffer>;
  try {
    body = await readBodyCapped(request, MAX_AUTH_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return bodyTooLargeResponse();
    throw error;
  }
  const headers = new Headers(request.headers);
  headers.delete('content-length');
  const replay = new NextRequest(safeUrl(request), { method: 'POST', headers, body });
  return guardedSignInPost(clientIp(request.headers), () => handler(replay, context));
}
