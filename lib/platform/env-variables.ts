// Not marked server-only so that scripts (tsx) can read it too; the client boundary in
// eslint.config.mjs keeps it out of the browser.
// The environment contract (docs/operations.md, "Environment") as one zod schema: every variable the server
// reads, its meaning, its default in development, and whether production requires it. lib/ reads
// its settings through ./env.ts (typed accessors); ./env-checks.ts lists production problems from
// this same table.
import * as z from '../forms/zod';
import { switchIsOn } from './switch.js';

export const DEV_SECRET = 'sojoourn-development-secret-do-not-use-in-production';
export const PARTNER_URL_PLACEHOLDER = 'https://partirassur.example/';

/** An unset or blank variable is "not set". */
const text = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
  z.string().trim().optional(),
);
/** A number setting: an unusable value falls back to the default rather than stopping the site. */
const count = (fallback: number, { min = 1, max = Number.MAX_SAFE_INTEGER } = {}) =>
  z.coerce.number().int().min(min).max(max).catch(fallback).default(fallback);
/** An explicit switch: on only for `1` or `true`; anything else (or unset) is off. */
const flag = z.preprocess(switchIsOn, z.boolean());

/** Each variable: its schema, what it means, and whether production refuses to start without it. */
export const VARIABLES = {
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
  SIGNIN_LIMIT_PER_EMAIL: {
    schema: count(5),
    meaning: 'sign-in links sent to one address for one client per hour',
  },
  SIGNIN_LIMIT_PER_EMAIL_TOTAL: {
    schema: count(20),
    meaning: 'sign-in links sent to one address per hour, all clients together',
  },
  SIGNIN_LIMIT_PER_IP: { schema: count(20), meaning: 'sign-in links sent per client per hour' },
  FOLLOW_LIMIT_PER_EMAIL: {
    schema: count(5),
    meaning: 'follow requests per address per hour (all clients together)',
  },
  FOLLOW_LIMIT_PER_IP: { schema: count(20), meaning: 'follow requests per client per hour' },
  SIGNIN_CODE_MAX_AGE_SECONDS: {
    schema: count(600, { max: 3600 }),
    meaning: 'lifetime of the code in a sign-in e-mail (10 minutes)',
  },
  SIGNIN_CODE_FAILURES_PER_EMAIL: {
    schema: count(20),
    meaning: 'wrong sign-in codes typed for one address per day, over all its codes',
  },
  SIGNIN_CODE_FAILURES_PER_IP: {
    schema: count(50),
    meaning: 'wrong sign-in codes typed from one client per day, over all addresses',
  },
  CONTACT_LIMIT_PER_IP: { schema: count(5), meaning: 'free-quote requests per IP per hour' },
  CONTACT_CONFIRMATIONS_PER_EMAIL: {
    schema: count(3, { min: 0 }),
    meaning: 'free-quote confirmations mailed to one address per day',
  },
  TRUSTED_PROXY_HOPS: {
    schema: count(1, { min: 0, max: 10 }),
    meaning: 'how many proxies in front of the site append to X-Forwarded-For',
  },
  ALLOW_HTTP_FOR_LOCAL_TESTING: {
    schema: flag,
    meaning: 'set to 1 to run production on an http:// URL (local tests only)',
  },
  ALLOW_STRIPE_API_BASE_IN_PRODUCTION: {
    schema: flag,
    meaning: 'set to 1 to let production use STRIPE_API_BASE (the stand-in, tests only)',
  },
  CONTACT_MIN_FILL_MS: { schema: count(3000, { min: 0 }), meaning: 'fastest plausible human fill' },
  REMINDERS_EVERY_MINUTES: {
    schema: count(60, { min: 0, max: 1440 }),
    meaning:
      "how often each instance sends the file reminders that are due (0: never; run 'npm run reminders' from cron instead)",
  },
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
  HOUSEKEEPING_BATCH_ROWS: {
    schema: count(200, { max: 5000 }),
    meaning:
      'rows each housekeeping statement deletes (smaller: shorter waits for requests, more statements)',
  },
  HOUSEKEEPING_REST_RATIO: {
    schema: count(6, { min: 0, max: 100 }),
    meaning:
      'after a housekeeping statement that deleted rows, the rest before the next, in multiples of its time',
  },
  COMPRESSION_BY_PROXY: {
    schema: flag,
    meaning:
      '1 when the proxy in front compresses responses (deploy/nginx.conf does): the app then sends them as they are, sparing its event loop (decision 0022)',
  },
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
  CLUSTER_DEBUG_HEADERS: {
    schema: flag,
    meaning: 'npm run cluster: 1 to have nginx add X-Cache-Status and X-Upstream (off by default)',
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
