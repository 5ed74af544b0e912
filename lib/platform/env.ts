// Not marked server-only so that scripts (tsx) can read it too; the client boundary in
// eslint.config.mjs keeps it out of the browser.
// The environment contract (README, "Environment") as one zod schema: every variable the server
// reads, its default in development, and whether production requires it. Everything in lib/ reads
// settings through here, typed; the start-up check lists production problems from the same table.
import { z } from 'zod';

const DEV_SECRET = 'sojoourn-development-secret-do-not-use-in-production';
export const PARTNER_URL_PLACEHOLDER = 'https://partirassur.example/';

/** An unset or blank variable is "not set". */
const text = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
  z.string().trim().optional(),
);
/** A number setting: an unusable value falls back to the default rather than stopping the site. */
const count = (fallback: number, { min = 1, max = Number.MAX_SAFE_INTEGER } = {}) =>
  z.coerce.number().min(min).max(max).catch(fallback).default(fallback);

/** Each variable: its schema, what it means, and whether production refuses to start without it. */
const VARIABLES = {
  NODE_ENV: { schema: text, meaning: 'development, production or test' },
  DATABASE_URL: { schema: text, meaning: 'file:… (SQLite) or postgres://…' },
  NEXTAUTH_URL: {
    schema: text,
    meaning: 'the public URL of the site, e.g. https://sojoourn.com',
    production: true,
  },
  NEXTAUTH_SECRET: {
    schema: text,
    meaning: 'a long random string (openssl rand -base64 32)',
    production: true,
  },
  SITE_URL: { schema: text, meaning: 'the canonical origin, if different from NEXTAUTH_URL' },
  EMAIL_SERVER: {
    schema: text,
    meaning: 'the SMTP URL used to send sign-in links, e.g. smtps://user:pass@smtp.example.com',
    production: true,
  },
  EMAIL_FROM: {
    schema: text,
    meaning: 'the sender of e-mails, e.g. "Sojoourn <hello@sojoourn.com>"',
    production: true,
  },
  STAFF_EMAILS: { schema: text, meaning: 'comma-separated staff addresses' },
  STRIPE_SECRET_KEY: {
    schema: text,
    meaning: 'the Stripe secret key (sk_live_… or sk_test_…)',
    production: true,
  },
  STRIPE_WEBHOOK_SECRET: {
    schema: text,
    meaning: 'the signing secret of the webhook endpoint (whsec_…)',
    production: true,
  },
  STRIPE_PRICE_ID: {
    schema: text,
    meaning: 'the Stripe Price of the Sojoourn Club membership (price_…)',
    production: true,
  },
  STRIPE_API_BASE: {
    schema: text,
    meaning: 'a Stripe-compatible API (the local stand-in in dev and tests)',
  },
  PARTIRASSUR_URL: { schema: text, meaning: 'where /go/partirassur sends people' },
  PARTIRASSUR_REF: { schema: text, meaning: 'the referral code sent to PartirAssur' },
  SIGNIN_LINK_MAX_AGE_SECONDS: { schema: count(24 * 3600), meaning: 'lifetime of a sign-in link' },
  SIGNIN_LIMIT_PER_EMAIL: { schema: count(5), meaning: 'sign-in requests per address per hour' },
  SIGNIN_LIMIT_PER_IP: { schema: count(20), meaning: 'sign-in requests per IP per hour' },
  CONTACT_LIMIT_PER_IP: { schema: count(5), meaning: 'free-quote requests per IP per hour' },
  CONTACT_MIN_FILL_MS: { schema: count(3000, { min: 0 }), meaning: 'fastest plausible human fill' },
  LOG_LEVEL: {
    schema: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .optional()
      .catch(undefined),
    meaning: 'the least important log lines written (default info; silent in unit tests)',
  },
  LOG_FORMAT: {
    schema: z.enum(['json', 'pretty']).optional().catch(undefined),
    meaning: 'json (production default) or pretty (development default)',
  },
  PORT: { schema: text, meaning: "this instance's port, written in its log lines" },
  SHUTDOWN_GRACE_MS: {
    schema: count(10_000, { min: 0 }),
    meaning: 'on SIGTERM, how long requests in flight may take before the instance exits',
  },
  CLUSTER_INSTANCES: {
    schema: count(2, { max: 32 }),
    meaning: 'npm run cluster: how many production instances',
  },
  CLUSTER_PORT: { schema: count(8080, { max: 65535 }), meaning: "npm run cluster: nginx's port" },
  CLUSTER_APP_PORT: {
    schema: count(0, { min: 0, max: 65535 }),
    meaning: "npm run cluster: the first instance's port (default CLUSTER_PORT + 1)",
  },
  CLUSTER_PG_PORT: {
    schema: count(0, { min: 0, max: 65535 }),
    meaning: "npm run cluster: the throwaway Postgres's port (default CLUSTER_PORT + 100)",
  },
  CLUSTER_BUILD: { schema: text, meaning: 'npm run cluster: 1 to build even when a build exists' },
  CLUSTER_STATE_FILE: {
    schema: text,
    meaning: 'npm run cluster: where to write its ports and process ids (tests)',
  },
  CLUSTER_STATIC_DIR: {
    schema: text,
    meaning: 'npm run bench: a folder nginx also serves as plain files (the comparison)',
  },
  CLUSTER_STATIC_PORT: {
    schema: count(0, { min: 0, max: 65535 }),
    meaning: 'npm run bench: the port of that plain-file server',
  },
} as const satisfies Record<string, { schema: z.ZodType; meaning: string; production?: boolean }>;

type Variables = typeof VARIABLES;
const envSchema = z.object(
  Object.fromEntries(Object.entries(VARIABLES).map(([name, v]) => [name, v.schema])) as {
    [K in keyof Variables]: Variables[K]['schema'];
  },
);
export type Env = z.output<typeof envSchema>;

/** The environment, parsed (cheap: a handful of fields; read fresh so tests can change it). */
export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  return envSchema.parse(source);
}

export const isProduction = () => readEnv().NODE_ENV === 'production';

/** Problems that must stop a production server; empty when all is well. */
export function productionEnvProblems(
  source: Record<string, string | undefined> = process.env,
): string[] {
  const env = readEnv(source);
  return Object.entries(VARIABLES)
    .filter(
      ([name, v]) => 'production' in v && v.production && env[name as keyof Env] === undefined,
    )
    .map(([name, v]) => `${name} is not set: ${v.meaning}`);
}

export function authSecret(): string {
  const secret = readEnv().NEXTAUTH_SECRET;
  if (secret) return secret;
  // `next build` loads server modules without serving anyone; the server start-up check
  // (instrumentation-node.ts) refuses to run production without a real secret.
  if (isProduction() && process.env.NEXT_PHASE !== 'phase-production-build') {
    throw new Error('NEXTAUTH_SECRET is not set');
  }
  return DEV_SECRET;
}

export const emailServer = () => readEnv().EMAIL_SERVER ?? null;
export const emailFrom = () => readEnv().EMAIL_FROM ?? 'Sojoourn <hello@sojoourn.localhost>';

export function staffEmailList(): string[] {
  return (readEnv().STAFF_EMAILS ?? '')
    .split(',')
    .map((email) => email.trim().toLowerCase())
    .filter(Boolean);
}

/** The site's public origin as configured (SITE_URL, else NEXTAUTH_URL, else local dev). */
export const configuredSiteUrl = () => {
  const env = readEnv();
  return env.SITE_URL ?? env.NEXTAUTH_URL ?? 'http://localhost:3000';
};

export const databaseUrl = () => readEnv().DATABASE_URL ?? null;

/** Sign-in link lifetime: 24 h at most. */
export const signInLinkMaxAgeSeconds = () =>
  Math.min(readEnv().SIGNIN_LINK_MAX_AGE_SECONDS, 24 * 3600);

export function signInLimits() {
  const env = readEnv();
  return {
    perEmail: env.SIGNIN_LIMIT_PER_EMAIL,
    perIp: env.SIGNIN_LIMIT_PER_IP,
    windowMs: 3600_000,
  };
}

/** CONTACT_LIMIT_PER_IP (default 5 an hour) and CONTACT_MIN_FILL_MS (default 3 s). */
export function contactSettings(source: Record<string, string | undefined> = process.env) {
  const env = readEnv(source);
  return {
    limitPerIp: env.CONTACT_LIMIT_PER_IP,
    windowMs: 3600_000,
    minFillMs: env.CONTACT_MIN_FILL_MS,
  };
}
export type ContactSettings = ReturnType<typeof contactSettings>;

/** Stripe keys as set (null when unset: lib/billing decides the development fallback). */
export function stripeEnv() {
  const env = readEnv();
  return {
    secretKey: env.STRIPE_SECRET_KEY ?? null,
    webhookSecret: env.STRIPE_WEBHOOK_SECRET ?? null,
    priceId: env.STRIPE_PRICE_ID ?? null,
    apiBase: env.STRIPE_API_BASE ?? null,
  };
}

/** Where PartirAssur referrals go, with a documented placeholder until the real one is set. */
export function partnerEnv() {
  const env = readEnv();
  return {
    partirassur: {
      destination: env.PARTIRASSUR_URL ?? PARTNER_URL_PLACEHOLDER,
      referralCode: env.PARTIRASSUR_REF ?? 'SOJOOURN',
    },
  };
}

/** How the server logs (lib/platform/log.ts). */
export function logSettings(source: Record<string, string | undefined> = process.env) {
  const env = readEnv(source);
  return {
    level: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    pretty: env.LOG_FORMAT ? env.LOG_FORMAT === 'pretty' : env.NODE_ENV !== 'production',
    port: env.PORT,
  };
}

/** On SIGTERM, how long an instance lets requests in flight finish (lib/platform/shutdown.ts). */
export const shutdownGraceMs = () => readEnv().SHUTDOWN_GRACE_MS;

/** `npm run cluster` (scripts/cluster.ts): its ports and instance count. */
export function clusterSettings(source: Record<string, string | undefined> = process.env) {
  const env = readEnv(source);
  const port = env.CLUSTER_PORT;
  return {
    port,
    instances: env.CLUSTER_INSTANCES,
    firstAppPort: env.CLUSTER_APP_PORT || port + 1,
    postgresPort: env.CLUSTER_PG_PORT || port + 100,
    forceBuild: env.CLUSTER_BUILD === '1',
    stateFile: env.CLUSTER_STATE_FILE,
    staticDir: env.CLUSTER_STATIC_DIR,
    staticPort: env.CLUSTER_STATIC_PORT || port + 1000,
  };
}
