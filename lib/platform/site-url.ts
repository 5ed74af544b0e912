import { configuredSiteUrl } from './env';

/** The site's public origin, for canonical URLs, feeds, e-mails and redirects. */
export function siteUrl(): string {
  return configuredSiteUrl().replace(/\/+$/, '');
}

export function absoluteUrl(pathname: string): string {
  return `${siteUrl()}${pathname.startsWith('/') ? pathname : `/${pathname}`}`;
}

/**
 * A return path that is safe to redirect to: on this site only. Anything else (another origin,
 * `//evil.example`, `/\evil`, a javascript: URL) becomes the fallback.
 */
export function safeReturnPath(candidate: unknown, fallback = '/'): string {
  if (typeof candidate !== 'string' || !candidate) return fallback;
  let value = candidate.trim();
  if (value.startsWith(siteUrl())) value = value.slice(siteUrl().length) || '/';
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  try {
    const parsed = new URL(value, 'http://same.invalid');
    if (parsed.origin !== 'http://same.invalid') return fallback;
    // Dot segments can collapse into a protocol-relative path: `/.//evil.example` → `//evil.example`.
    if (parsed.pathname.startsWith('//')) return fallback;
    return `${parsed.pathname}${parsed.search}${parsed.hash}`;
  } catch {
    return fallback;
  }
}
