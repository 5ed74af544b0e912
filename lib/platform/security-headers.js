// The security headers every response carries (next.config.js sends them; Next computes them when
// the app is built or `next dev` starts, so the environment of that moment decides). Plain ES module
// JavaScript so that next.config.js, which Node loads as is, can import it; security-headers.test.ts
// checks it.
//
// Scripts: 'self' plus 'unsafe-inline'. The App Router writes inline <script> tags into every page
// (the bootstrap and the streamed RSC payload, `self.__next_f.push(…)`). Nonces need a fresh value per
// response, which a prerendered reader page (served as is from disk, possibly from a shared cache)
// cannot carry; hashes would have to list every inline script of every page, which change with each
// build and each guide. What keeps scripts in check instead: no third-party origin is allowed,
// object-src 'none', base-uri 'self' (no <base> hijack), form-action limited to the site and Stripe's
// hosted pages, frame-ancestors 'none', and React escaping every value a page renders. Development
// adds 'unsafe-eval' (React's dev tooling) and websocket connections (hot reload).

/** Stripe's hosted pages the site sends people to: Checkout and the Customer Portal. */
export const STRIPE_HOSTED_ORIGINS = ['https://checkout.stripe.com', 'https://billing.stripe.com'];

function originOf(url) {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * The Content-Security-Policy for `env` (process.env by default). STRIPE_API_BASE (the local
 * stand-in, development and tests only) adds its origin to form-action: its hosted pages live there.
 */
export function contentSecurityPolicy(env = process.env) {
  const dev = env.NODE_ENV === 'development';
  const standin = env.STRIPE_API_BASE ? originOf(env.STRIPE_API_BASE.trim()) : null;
  const directives = {
    'default-src': ["'self'"],
    // 'wasm-unsafe-eval' lets the search (Pagefind) compile its WebAssembly; it allows no JS eval.
    'script-src': [
      "'self'",
      "'unsafe-inline'",
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

/** Headers for every response: CSP, HSTS (https sites only) and the usual hardening. */
export function securityHeaders(env = process.env) {
  return [
    { key: 'Content-Security-Policy', value: contentSecurityPolicy(env) },
    ...(isHttpsSite(env)
      ? [{ key: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' }]
      : []),
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
    { key: 'X-Frame-Options', value: 'DENY' },
    { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
    { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  ];
}
