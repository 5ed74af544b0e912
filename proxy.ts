// Routes visitors without a session cookie to the prerendered reader copies of public pages
// (app/reader/…), so readers get static HTML and only signed-in people cost a per-request render.
// This decides no access: a reader copy holds no members' text, and every per-viewer page checks
// lib/access itself. A cookie that turns out invalid just renders the reader view dynamically.
import { NextResponse, type NextRequest } from 'next/server';
import { readerCopyPath } from '@/lib/platform/reader-pages';

const SESSION_COOKIES = ['next-auth.session-token', '__Secure-next-auth.session-token'];

/** Signed-in areas: without a session cookie, go and sign in first (the pages check again). */
const SIGNED_IN_AREAS = [/^\/account(\/|$)/, /^\/admin(\/|$)/];

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));

  if (!hasSession && SIGNED_IN_AREAS.some((pattern) => pattern.test(pathname))) {
    const url = request.nextUrl.clone();
    url.pathname = '/signin';
    url.search = `?callbackUrl=${encodeURIComponent(`${pathname}${search}`)}`;
    return NextResponse.redirect(url, 307);
  }

  let response: NextResponse;
  const readerPath = hasSession ? null : readerCopyPath(pathname);
  if (readerPath) {
    const url = request.nextUrl.clone();
    url.pathname = readerPath;
    response = NextResponse.rewrite(url);
  } else {
    response = NextResponse.next();
  }
  // The same address answers differently with and without a session: shared caches must key on it.
  response.headers.set('Vary', 'Cookie');
  return response;
}

// Pages only (lib/platform/reader-pages.js's PAGE_MATCHER, the one next.config.js uses for the pages'
// Cache-Control). Repeated as a literal because Next reads it statically; reader-pages.test.ts
// checks that the two are the same string.
export const config = {
  matcher: [
    '/((?!_next/|api/|og/|go/|feed\\.xml|sitemap\\.xml|robots\\.txt|favicon\\.ico|icon|apple-icon|manifest\\.webmanifest).*)',
  ],
};
