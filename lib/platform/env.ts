// Not marked server-only so that scripts (tsx) can read it too; the client boundary in
// eslint.config.mjs keeps it out of the browser.
// The settings lib/ reads, typed, from the environment contract (./env-variables.ts: every
// variable, its meaning and default) and the production start-up checks (./env-checks.ts), both
// re-exported here so that one import serves.
import { DEV_SECRET, PARTNER_URL_PLACEHOLDER, isProduction, readEnv } from './env-variables';

export { PARTNER_URL_PLACEHOLDER, isProduction, readEnv, type Env } from './env-variables';
export {
  MIN_SECRET_LENGTH,
  productionEnvProblems,
  productionEnvWarnings,
  productionStartRefusal,
} from './env-checks';

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

/** Links sent per hour: per address and client (strict), per address (ceiling), per client. */
export function signInLimits(source: Record<string, string | undefined> = process.env) {
  const env = readEnv(source);
  return {
    perEmailAndClient: env.SIGNIN_LIMIT_PER_EMAIL,
    perEmail: Math.max(env.SIGNIN_LIMIT_PER_EMAIL_TOTAL, env.SIGNIN_LIMIT_PER_EMAIL),
    perClient: env.SIGNIN_LIMIT_PER_IP,
    windowMs: 3600_000,
  };
}

/** Follow requests per address and per client, each an hour (FOLLOW_LIMIT_PER_EMAIL / _PER_IP). */
export function followLimits(source: Record<string, string | undefined> = process.env) {
  const env = readEnv(source);
  return {
    perEmail: env.FOLLOW_LIMIT_PER_EMAIL,
    perClient: env.FOLLOW_LIMIT_PER_IP,
    windowMs: 3600_000,
  };
}

/** The sign-in code's lifetime and the wrong tries allowed per day, over all codes. */
export function signInCodeSettings(source: Record<string, string | undefined> = process.env) {
  const env = readEnv(source);
  return {
    maxAgeMs: env.SIGNIN_CODE_MAX_AGE_SECONDS * 1000,
    failuresPerEmail: env.SIGNIN_CODE_FAILURES_PER_EMAIL,
    failuresPerClient: env.SIGNIN_CODE_FAILURES_PER_IP,
    windowMs: 24 * 3600_000,
  };
}

/** How many proxies append to X-Forwarded-For before the request reaches Next (default 1). */
export const trustedProxyHops = (source: Record<string, string | undefined> = process.env) =>
  readEnv(source).TRUSTED_PROXY_HOPS;

/** CONTACT_LIMIT_PER_IP (default 5 an hour) and CONTACT_MIN_FILL_MS (default 3 s). */
export function contactSettings(source: Record<string, string | undefined> = process.env) {
  const env = readEnv(source);
  return {
    limitPerIp: env.CONTACT_LIMIT_PER_IP,
    windowMs: 3600_000,
    minFillMs: env.CONTACT_MIN_FILL_MS,
    confirmationsPerEmail: env.CONTACT_CONFIRMATIONS_PER_EMAIL,
    confirmationWindowMs: 24 * 3600_000,
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

/** How the periodic housekeeping paces itself (lib/db/housekeeping-schedule.ts). */
export function housekeepingSettings() {
  const env = readEnv();
  return { batchRows: env.HOUSEKEEPING_BATCH_ROWS, restRatio: env.HOUSEKEEPING_REST_RATIO };
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
    debugHeaders: env.CLUSTER_DEBUG_HEADERS,
    stateFile: env.CLUSTER_STATE_FILE,
    staticDir: env.CLUSTER_STATIC_DIR,
    staticPort: env.CLUSTER_STATIC_PORT || port + 1000,
  };
}
