// Types for security-headers.js (plain JavaScript so that next.config.js can import it).

type Env = Record<string, string | undefined>;

/** Stripe's hosted pages (Checkout, Customer Portal): allowed as form targets. */
export declare const STRIPE_HOSTED_ORIGINS: readonly string[];

/** The Content-Security-Policy header value for this environment. */
export declare function contentSecurityPolicy(env?: Env): string;

/** Whether the site's public URL (SITE_URL, else NEXTAUTH_URL) is https. */
export declare function isHttpsSite(env?: Env): boolean;

/** Every response's security headers, HSTS included when the site is https. */
export declare function securityHeaders(env?: Env): { key: string; value: string }[];
