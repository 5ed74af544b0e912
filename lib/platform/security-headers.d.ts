// Types for security-headers.js (plain JavaScript so that next.config.js can import it).

type Env = Record<string, string | undefined>;
type Header = { key: string; value: string };

/** Stripe's hosted pages (Checkout, Customer Portal): allowed as form targets. */
export declare const STRIPE_HOSTED_ORIGINS: readonly string[];

/** Pages always rendered per request: their scripts carry a per-request nonce. */
export declare const NONCE_PAGES: readonly RegExp[];

/** The Content-Security-Policy header value for this environment (nonce-based with `nonce`). */
export declare function contentSecurityPolicy(env?: Env, options?: { nonce?: string }): string;

/** Whether the site's public URL (SITE_URL, else NEXTAUTH_URL) is https. */
export declare function isHttpsSite(env?: Env): boolean;

/** A fresh per-request nonce (128 random bits, base64). */
export declare function newNonce(): string;

/** A page's CSP and (https sites) HSTS, from the running environment. */
export declare function pageSecurityHeaders(env?: Env, options?: { nonce?: string }): Header[];

/** The CSP of what is not a page (API routes, feed, sitemap, robots, icons…). */
export declare const NON_PAGE_CONTENT_SECURITY_POLICY: string;

/** The paths that are not pages (Next's assets aside), as a next.config.js source. */
export declare function nonPageSource(pageMatcher: string): string;

/** Headers for every response, whatever the environment. */
export declare const HARDENING_HEADERS: readonly Header[];
