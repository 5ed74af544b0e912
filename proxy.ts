// Runs before every page: refuses oversized server-action bodies, sends visitors without a session
// cookie from the signed-in areas to sign-in, marks pages as varying with the cookie, and sets the
// page's CSP and HSTS from the running server's environment (a per-request nonce on the pages
// always rendered per request: lib/platform/security-headers.js). (Readers' requests for public
// pages go to their prerendered copies by next.config.js's rewrites, lib/platform/reader-pages.js.)
// This decides no access: every per-viewer page checks lib/access itself.
import { NextResponse, type NextRequest } from 'next/server';
import { actionBodyRefusal } from '@/lib/platform/action-body';
import { SESSION_COOKIES } from '@/lib/platform/reader-pages';
import {
  NONCE_PAGES,
  contentSecurityPolicy,
  newNonce,
  pageSecurityHeaders,
} from '@/lib/platform/security-headers';

/** Signed-in areas: without a session cookie, go and sign in first (the pages check again). */
const SIGNED_IN_AREAS = [/^\/account(\/|$)/, /^\/admin(\/|$)/];

/** `response` with the page's CSP and HSTS (read from process.env now, not at build time). */
function secured(response: NextResponse, headers: { key: string; value: string }[]) {
  for (const { key, value } of headers) response.headers.set(key, value);
  return response;
}

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const nonce = NONCE_PAGES.some((pattern) => pattern.test(pathname)) ? newNonce() : undefined;
  const security = pageSecurityHeaders(process.env, { nonce });
  // A POST to a page is a server action: one too large (or of unknown length) gets a clear 4xx
  // here, instead of the 500 Next answers once its own cap is passed (lib/platform/action-body.js).
  const refusal = actionBodyRefusal(request.method, request.headers);
  if (refusal) {
    return secured(
      new NextResponse(refusal.message, {
        status: refusal.status,
        headers: { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' },
      }),
      security,
    );
  }
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));

  if (!hasSession && SIGNED_IN_AREAS.some((pattern) => pattern.test(pathname))) {
    const url = request.nextUrl.clone();
    url.pathname = '/signin';
    url.search = `?callbackUrl=${encodeURIComponent(`${pathname}${search}`)}`;
    return secured(NextResponse.redirect(url, 307), security);
  }

  // Next takes the nonce from the request's policy and writes it on every script of the page.
  let requestHeaders: Headers | undefined;
  if (nonce) {
    requestHeaders = new Headers(request.headers);
    requestHeaders.set('Content-Security-Policy', contentSecurityPolicy(process.env, { nonce }));
  }
  const response = NextResponse.next(
    requestHeaders ? { request: { headers: requestHeaders } } : {},
  );
  // The same address answers differently with and without a session: shared caches must key on it.
  response.headers.set('Vary', 'Cookie');
  return secured(response, security);
}

// Pages only (lib/platform/reader-pages.js's PAGE_MATCHER, the one next.config.js uses for the pages'
// Cache-Control). Repeated as a literal because Next reads it statically; reader-pages.test.ts
// checks that the two are the same string.
export const config = {
  matcher: [
    '/((?!_next/|api/|og/|go/|feed\\.xml|sitemap\\.xml|robots\\.txt|favicon\\.ico|icon|apple-icon|manifest\\.webmanifest).*)',
  ],
};
