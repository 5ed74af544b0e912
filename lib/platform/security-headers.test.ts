import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { NextConfig } from 'next';
import { afterEach, describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { proxy } from '@/proxy';
import { HARDENING_HEADERS, contentSecurityPolicy, pageSecurityHeaders } from './security-headers';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The policy as directive → values. */
function directives(policy: string): Record<string, string[]> {
  return Object.fromEntries(
    policy.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

const PRODUCTION = { NODE_ENV: 'production', NEXTAUTH_URL: 'https://sojoourn.com' };

describe('Content-Security-Policy', () => {
  it('locks down what the issue asks for', () => {
    const csp = directives(contentSecurityPolicy(PRODUCTION));
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['base-uri']).toEqual(["'self'"]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['form-action']).toEqual([
      "'self'",
      'https://checkout.stripe.com',
      'https://billing.stripe.com',
    ]);
  });

  it("allows scripts from the site only (inline for Next's bootstrap), no eval in production", () => {
    const scripts = directives(contentSecurityPolicy(PRODUCTION))['script-src'];
    expect(scripts).toEqual(["'self'", "'unsafe-inline'", "'wasm-unsafe-eval'"]);
    expect(scripts?.some((source) => /^https?:|\*/.test(source))).toBe(false);
    expect(directives(contentSecurityPolicy({ NODE_ENV: 'development' }))['script-src']).toContain(
      "'unsafe-eval'",
    );
  });

  it("adds the stand-in's origin to form-action when STRIPE_API_BASE is set", () => {
    const csp = directives(
      contentSecurityPolicy({ NODE_ENV: 'test', STRIPE_API_BASE: 'http://127.0.0.1:3103/v1/' }),
    );
    expect(csp['form-action']).toContain('http://127.0.0.1:3103');
  });
});

describe('HSTS', () => {
  const hsts = (env: Record<string, string>) =>
    pageSecurityHeaders(env).find((header) => header.key === 'Strict-Transport-Security');

  it('is sent when the site URL is https, not when it is http', () => {
    expect(hsts(PRODUCTION)?.value).toMatch(/max-age=31536000/);
    expect(hsts({ SITE_URL: 'https://sojoourn.com', NEXTAUTH_URL: 'http://x' })).toBeDefined();
    expect(hsts({ NEXTAUTH_URL: 'http://127.0.0.1:3100' })).toBeUndefined();
    expect(hsts({})).toBeUndefined();
  });
});

describe('nonce-based script policy', () => {
  it("with a nonce, scripts need it ('strict-dynamic'): no 'unsafe-inline'", () => {
    const scripts = directives(contentSecurityPolicy(PRODUCTION, { nonce: 'abc123==' }))[
      'script-src'
    ];
    expect(scripts).toEqual([
      "'self'",
      "'nonce-abc123=='",
      "'strict-dynamic'",
      "'wasm-unsafe-eval'",
    ]);
  });
});

describe('proxy.ts sets the page headers at request time', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });
  const page = (path: string) => proxy(new NextRequest(new URL(path, 'http://127.0.0.1:3000')));

  it('from the environment of the running server: a change shows on the next request', () => {
    process.env.NEXTAUTH_URL = 'http://127.0.0.1:3000';
    delete process.env.SITE_URL;
    delete process.env.STRIPE_API_BASE;
    const before = page('/guides').headers;
    expect(before.get('strict-transport-security')).toBeNull();
    expect(before.get('content-security-policy')).not.toContain('upgrade-insecure-requests');

    process.env.SITE_URL = 'https://sojoourn.com';
    process.env.STRIPE_API_BASE = 'http://127.0.0.1:4242/v1';
    const after = page('/guides').headers;
    expect(after.get('strict-transport-security')).toMatch(/max-age=31536000/);
    const csp = directives(after.get('content-security-policy') ?? '');
    expect(csp['upgrade-insecure-requests']).toEqual([]);
    expect(csp['form-action']).toContain('http://127.0.0.1:4242');
  });

  it("public pages keep 'unsafe-inline' (their copies are prerendered); /account, /admin and /assistance get a fresh nonce each request, passed on to Next", () => {
    const scriptsOf = (headers: Headers) =>
      directives(headers.get('content-security-policy') ?? '')['script-src'] ?? [];
    expect(scriptsOf(page('/guides/carte-vitale').headers)).toContain("'unsafe-inline'");
    for (const path of ['/account', '/admin/inbox', '/assistance']) {
      const request = new NextRequest(new URL(path, 'http://127.0.0.1:3000'), {
        headers: { cookie: 'next-auth.session-token=x' },
      });
      const first = proxy(request);
      const scripts = scriptsOf(first.headers);
      expect(scripts, path).not.toContain("'unsafe-inline'");
      const nonce = scripts.find((source) => source.startsWith("'nonce-"));
      expect(nonce, path).toMatch(/^'nonce-[A-Za-z0-9+/]{22}=='$/);
      // Next reads the nonce from the request's policy (middleware request-header override).
      expect(first.headers.get('x-middleware-request-content-security-policy')).toContain(nonce);
      expect(scriptsOf(proxy(request).headers)).not.toContain(nonce);
    }
  });
});

describe('next.config.js', () => {
  it('sends the hardening headers on every path and no frozen page CSP or HSTS', async () => {
    const saved = { ...process.env };
    try {
      process.env.NEXTAUTH_URL = 'https://sojoourn.com';
      delete process.env.SITE_URL;
      const url = pathToFileURL(path.join(root, 'next.config.js')).href;
      const configFor = (await import(/* @vite-ignore */ url)).default as (
        phase: string,
      ) => NextConfig;
      const nextConfig = configFor('phase-production-server');
      const rules = await nextConfig.headers!();
      const all = rules.find((rule) => rule.source === '/:path*');
      const keys = all?.headers.map((header) => header.key) ?? [];
      expect(keys).toEqual(HARDENING_HEADERS.map((header) => header.key));
      expect(keys).not.toContain('Content-Security-Policy');
      expect(keys).not.toContain('Strict-Transport-Security');
      // What is not a page (Next's assets aside) renders nothing: a policy that allows nothing.
      const nonPages = rules.filter((rule) =>
        rule.headers.some((header) => header.key === 'Content-Security-Policy'),
      );
      expect(nonPages).toHaveLength(1);
      expect(nonPages[0]!.headers).toEqual([
        { key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" },
      ]);
      const nonPage = new RegExp(`^${nonPages[0]!.source}$`);
      for (const path of [
        '/api/health',
        '/robots.txt',
        '/sitemap.xml',
        '/feed.xml',
        '/og/x',
        '/go/partirassur',
      ]) {
        expect(nonPage.test(path), path).toBe(true);
      }
      for (const path of ['/', '/guides/carte-vitale', '/account', '/_next/static/chunks/x.js']) {
        expect(nonPage.test(path), path).toBe(false);
      }
      expect(nextConfig.experimental?.serverActions?.bodySizeLimit).toBeDefined();
    } finally {
      process.env = saved;
    }
  });
});
