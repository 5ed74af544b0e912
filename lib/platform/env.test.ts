import { describe, expect, it } from 'vitest';
import {
  PARTNER_URL_PLACEHOLDER,
  productionEnvProblems,
  productionEnvWarnings,
  signInLimits,
  trustedProxyHops,
} from './env';

/** A production environment with nothing wrong. */
const GOOD = {
  NODE_ENV: 'production',
  NEXTAUTH_URL: 'https://sojoourn.com',
  NEXTAUTH_SECRET: 'q8Xk2v9Zr4mT7pW1sL6nB3yH5cJ0dF8gA2eK4uR7',
  EMAIL_SERVER: 'smtps://user:pass@smtp.example.com',
  EMAIL_FROM: 'Sojoourn <hello@sojoourn.com>',
  STRIPE_SECRET_KEY: 'sk_live_x',
  STRIPE_WEBHOOK_SECRET: 'whsec_x',
  STRIPE_PRICE_ID: 'price_x',
  PARTIRASSUR_URL: 'https://www.partirassur.com/devis',
};

const problems = (overrides: Record<string, string | undefined>) =>
  productionEnvProblems({ ...GOOD, ...overrides });

describe('productionEnvProblems', () => {
  it('accepts a complete, safe production environment', () => {
    expect(productionEnvProblems(GOOD)).toEqual([]);
    expect(productionEnvWarnings(GOOD)).toEqual([]);
  });

  it('lists every required variable that is missing', () => {
    expect(productionEnvProblems({ NODE_ENV: 'production' }).join('\n')).toMatch(
      /NEXTAUTH_URL[\s\S]*NEXTAUTH_SECRET[\s\S]*EMAIL_SERVER[\s\S]*STRIPE_PRICE_ID/,
    );
  });

  it('refuses the development secret', () => {
    expect(
      problems({ NEXTAUTH_SECRET: 'sojoourn-development-secret-do-not-use-in-production' }),
    ).toEqual([expect.stringMatching(/NEXTAUTH_SECRET is the development secret/)]);
  });

  it('refuses a secret shorter than 32 characters', () => {
    expect(problems({ NEXTAUTH_SECRET: 'x'.repeat(31) })).toEqual([
      expect.stringMatching(/NEXTAUTH_SECRET is shorter than 32/),
    ]);
    expect(problems({ NEXTAUTH_SECRET: 'x'.repeat(32) })).toEqual([]);
  });

  it('refuses an http site URL unless the local-testing switch is on', () => {
    expect(problems({ NEXTAUTH_URL: 'http://sojoourn.com' })).toEqual([
      expect.stringMatching(/NEXTAUTH_URL is not an https:\/\/ URL/),
    ]);
    expect(problems({ SITE_URL: 'http://www.sojoourn.com' })).toEqual([
      expect.stringMatching(/SITE_URL is not an https:\/\/ URL/),
    ]);
    expect(problems({ NEXTAUTH_URL: 'not a url' })).toHaveLength(1);
    expect(
      problems({ NEXTAUTH_URL: 'http://127.0.0.1:3100', ALLOW_HTTP_FOR_LOCAL_TESTING: '1' }),
    ).toEqual([]);
    // Only an explicit yes counts.
    expect(
      problems({ NEXTAUTH_URL: 'http://127.0.0.1:3100', ALLOW_HTTP_FOR_LOCAL_TESTING: 'no' }),
    ).toHaveLength(1);
  });

  it('refuses STRIPE_API_BASE (the live key would go there) unless a test opts in', () => {
    expect(problems({ STRIPE_API_BASE: 'http://127.0.0.1:3103' })).toEqual([
      expect.stringMatching(/STRIPE_API_BASE is set/),
    ]);
    expect(
      problems({
        STRIPE_API_BASE: 'http://127.0.0.1:3103',
        ALLOW_STRIPE_API_BASE_IN_PRODUCTION: 'true',
      }),
    ).toEqual([]);
  });
});

describe('productionEnvWarnings', () => {
  it('warns while PARTIRASSUR_URL is the placeholder or unset', () => {
    expect(productionEnvWarnings({ ...GOOD, PARTIRASSUR_URL: PARTNER_URL_PLACEHOLDER })).toEqual([
      expect.stringMatching(/PARTIRASSUR_URL is the placeholder/),
    ]);
    expect(productionEnvWarnings({ ...GOOD, PARTIRASSUR_URL: undefined })).toHaveLength(1);
  });
});

describe('limits and proxies', () => {
  it('TRUSTED_PROXY_HOPS defaults to 1 and accepts 0 to 10', () => {
    expect(trustedProxyHops({})).toBe(1);
    expect(trustedProxyHops({ TRUSTED_PROXY_HOPS: '0' })).toBe(0);
    expect(trustedProxyHops({ TRUSTED_PROXY_HOPS: '2' })).toBe(2);
    expect(trustedProxyHops({ TRUSTED_PROXY_HOPS: '99' })).toBe(1);
    expect(trustedProxyHops({ TRUSTED_PROXY_HOPS: '1.5' })).toBe(1);
  });

  it('the per-address ceiling is never below the per-address-and-client limit', () => {
    expect(signInLimits({})).toMatchObject({ perEmailAndClient: 5, perEmail: 20, perClient: 20 });
    expect(
      signInLimits({ SIGNIN_LIMIT_PER_EMAIL: '30', SIGNIN_LIMIT_PER_EMAIL_TOTAL: '10' }).perEmail,
    ).toBe(30);
  });
});
