// The security headers. Plain ES module JavaScript so that next.config.js, which Node loads as is,
// can import it as well as proxy.ts; security-headers.test.ts checks it.
//
// Two kinds, sent from two places:
//   * what depends on the running environment — the Content-Security-Policy (the stand-in's origin,
//     development, https) and HSTS (https sites) — proxy.ts sets on every page at request time,
//     from the environment of the running server (`pageSecurityHeaders`): changing it takes a
//     restart, not a build;
//   * what never does (`HARDENING_HEADERS`, and `NON_PAGE_CONTENT_SECURITY_POLICY` for what is not
//     a page and renders nothing) next.config.js sends.
//
// Scripts on most pages: 'self' plus 'unsafe-inline'. The App Router writes inline <script> tags
// into every page (the bootstrap and the streamed RSC payload, `self.__next_f.push(…)`). A nonce
// needs a fresh value per response, which a prerendered reader page (served as is from disk,
// possibly from a shared cache) cannot carry. The pages always rendered per request (NONCE_PAGES:
// /account, /admin, /assistance) do get one: their script-src is 'nonce-…' 'strict-dynamic' and no
// 'unsafe-inline'; Next reads the nonce from the request's policy (proxy.ts passes it on) and puts
// it on every script it writes. What keeps scripts in check elsewhere: no third-party origin,
// object-src 'none', base-uri 'self', form-action limited to the site and Stripe's hosted pages,
// frame-ancestors 'none', and React escaping every value a page renders. Development adds
// 'unsafe-eval' (React's dev tooling) and websocket connections (hot reload).

/** Stripe's hosted pages the site sends people to: Checkout and the Customer Portal. */
export const STRIPE_HOSTED_ORIGINS = ['https://checkout.stripe.com', 'https://billing.stripe.com'];

/** Pages always rendered per request, for one person: their scripts carry a per-request nonce. */
export const NONCE_PAGES = [/^\/account(\/|$)/, /^\/admin(\/|$)/, /^\/assistance(\/|$)/];

function originOf(url) {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * The Content-Security-Policy for `env` (process.env by default); with `nonce`, scripts run only
 * with that nonce (or when loaded by one that has it). STRIPE_API_BASE (the local stand-in,
 * development and tests only) adds its origin to form-action: its hosted pages live there.
 */
export function contentSecurityPolicy(env = process.env, { nonce } = {}) {
  const dev = env.NODE_ENV === 'development';
  const standin = env.STRIPE_API_BASE ? originOf(env.STRIPE_API_BASE.trim()) : null;
  const directives = {
    'default-src': ["'self'"],
    // 'wasm-unsafe-eval' lets the search (Pagefind) compile its WebAssembly; it allows no JS eval.
    'script-src': [
      "'self'",
      ...(nonce ? [`'nonce-${nonce}'`, "'strict-dynamic'"] : ["'unsafe-inline'"]),
      "'wasm-unsafe-eval'",
      ...(dev ? ["'unsafe-eval'"] : []),
    ],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...(dev ? ['ws:', 'wss:'] : [])],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'", ...STRIPE_HOSTED_ORIGINS, ...(standin ? [standin] : [])],
    'frame-ancestors': ["'none'"],
    'frame-src': ["'none'"],
    'manifest-src': ["'self'"],
  };
  const policy = Object.entries(directives).map(([name, values]) => `${name} ${values.join(' ')}`);
  if (isHttpsSite(env)) policy.push('upgrade-insecure-requests');
  return policy.join('; ');
}

/** The site's public URL (SITE_URL, else NEXTAUTH_URL) is https. */
export function isHttpsSite(env = process.env) {
  const url = (env.SITE_URL || env.NEXTAUTH_URL || '').trim();
  return originOf(url)?.startsWith('https:') ?? false;
}

/** A fresh nonce: 128 random bits, base64. */
export function newNonce() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** A page's CSP and (https sites) HSTS, from the running environment; proxy.ts sends them. */
export function pageSecurityHeaders(env = process.env, { nonce } = {}) {
  return [
    { key: 'Content-Security-Policy', value: contentSecurityPolicy(env, { nonce }) },
    ...(isHttpsSite(env)
      ? [{ key: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' }]
      : []),
  ];
}

/**
 * What is not a page (API routes, the feed, sitemap, robots, icons, OG images, the referral
 * redirect) renders nothing: nothing may load or frame it. The same whatever the environment.
 */
export const NON_PAGE_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/**
 * The paths that are not pages, as a next.config.js source: PAGE_MATCHER's exclusions, minus
 * Next's own assets (a CSP means nothing on a script file, and they are served as they are).
 * @param {string} pageMatcher reader-pages.js's PAGE_MATCHER, '/((?!_next/|api/|…).*)'
 */
export function nonPageSource(pageMatcher) {
  const source = pageMatcher.replace('(?!_next/|', '(?:');
  if (source === pageMatcher) throw new Error('security-headers: unexpected PAGE_MATCHER');
  return source;
}

/** Headers for every response, whatever the environment (next.config.js). */
export const HARDENING_HEADERS = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];
