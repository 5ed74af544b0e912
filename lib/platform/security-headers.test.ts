import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { NextConfig } from 'next';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, securityHeaders } from './security-headers';

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
    securityHeaders(env).find((header) => header.key === 'Strict-Transport-Security');

  it('is sent when the site URL is https, not when it is http', () => {
    expect(hsts(PRODUCTION)?.value).toMatch(/max-age=31536000/);
    expect(hsts({ SITE_URL: 'https://sojoourn.com', NEXTAUTH_URL: 'http://x' })).toBeDefined();
    expect(hsts({ NEXTAUTH_URL: 'http://127.0.0.1:3100' })).toBeUndefined();
    expect(hsts({})).toBeUndefined();
  });
});

describe('next.config.js', () => {
  it('sends the CSP (and HSTS on https) on every path', async () => {
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
      expect(keys).toContain('Content-Security-Policy');
      expect(keys).toContain('Strict-Transport-Security');
      expect(nextConfig.experimental?.serverActions?.bodySizeLimit).toBeDefined();
    } finally {
      process.env = saved;
    }
  });
});
