// The environment contract (see README). In development every variable has a working default so
// `npm run dev` runs offline; in production a missing one stops the server with a clear message.

const DEV_SECRET = 'sojoourn-development-secret-do-not-use-in-production';

export const isProduction = () => process.env.NODE_ENV === 'production';

const PRODUCTION_REQUIRED = [
  ['NEXTAUTH_URL', 'the public URL of the site, e.g. https://sojoourn.com'],
  ['NEXTAUTH_SECRET', 'a long random string (openssl rand -base64 32)'],
  [
    'EMAIL_SERVER',
    'the SMTP URL used to send sign-in links, e.g. smtps://user:pass@smtp.example.com',
  ],
  ['EMAIL_FROM', 'the sender of e-mails, e.g. "Sojoourn <hello@sojoourn.com>"'],
  ['STRIPE_SECRET_KEY', 'the Stripe secret key (sk_live_… or sk_test_…)'],
  ['STRIPE_WEBHOOK_SECRET', 'the signing secret of the webhook endpoint (whsec_…)'],
  ['STRIPE_PRICE_ID', 'the Stripe Price of the Sojoourn Club membership (price_…)'],
] as const;

/** Problems that must stop a production server; empty when all is well. */
export function productionEnvProblems(env: NodeJS.ProcessEnv = process.env): string[] {
  return PRODUCTION_REQUIRED.filter(([name]) => !env[name]?.trim()).map(
    ([name, meaning]) => `${name} is not set: ${meaning}`,
  );
}

export function authSecret(): string {
  const secret = process.env.NEXTAUTH_SECRET;
  if (secret) return secret;
  // `next build` loads server modules without serving anyone; the server start-up check
  // (instrumentation.ts) refuses to run production without a real secret.
  if (isProduction() && process.env.NEXT_PHASE !== 'phase-production-build') {
    throw new Error('NEXTAUTH_SECRET is not set');
  }
  return DEV_SECRET;
}

export function emailFrom(): string {
  return process.env.EMAIL_FROM || 'Sojoourn <hello@sojoourn.localhost>';
}

export function staffEmailList(): string[] {
  return (process.env.STAFF_EMAILS ?? '')
    .split(',')
    .map((email) => email.trim().toLowerCase())
    .filter(Boolean);
}

function positiveNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** Sign-in link lifetime: 24 h at most. */
export function signInLinkMaxAgeSeconds(): number {
  return Math.min(positiveNumber('SIGNIN_LINK_MAX_AGE_SECONDS', 24 * 3600), 24 * 3600);
}

export function signInLimits() {
  return {
    perEmail: positiveNumber('SIGNIN_LIMIT_PER_EMAIL', 5),
    perIp: positiveNumber('SIGNIN_LIMIT_PER_IP', 20),
    windowMs: 3600_000,
  };
}
