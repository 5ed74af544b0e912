// What production must not start with (problems) and should not run with for long (warnings), read
// from the variables table (./env-variables.ts). instrumentation-node.ts checks them at start-up.
import { DEV_SECRET, PARTNER_URL_PLACEHOLDER, VARIABLES, readEnv, type Env } from './env-variables';

/** Shortest NEXTAUTH_SECRET production accepts (it keys sessions, tokens and rate-limit hashes). */
export const MIN_SECRET_LENGTH = 32;

function isHttps(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/** Problems that must stop a production server; empty when all is well. */
export function productionEnvProblems(
  source: Record<string, string | undefined> = process.env,
): string[] {
  const env = readEnv(source);
  const problems = Object.entries(VARIABLES)
    .filter(
      ([name, v]) => 'production' in v && v.production && env[name as keyof Env] === undefined,
    )
    .map(([name, v]) => `${name} is not set: ${v.meaning}`);
  const secret = env.NEXTAUTH_SECRET;
  if (secret === DEV_SECRET) {
    problems.push('NEXTAUTH_SECRET is the development secret: set a long random one');
  } else if (secret !== undefined && secret.length < MIN_SECRET_LENGTH) {
    problems.push(
      `NEXTAUTH_SECRET is shorter than ${MIN_SECRET_LENGTH} characters: use openssl rand -base64 32`,
    );
  }
  if (!env.ALLOW_HTTP_FOR_LOCAL_TESTING) {
    for (const name of ['NEXTAUTH_URL', 'SITE_URL'] as const) {
      const url = env[name];
      if (url !== undefined && !isHttps(url)) {
        problems.push(
          `${name} is not an https:// URL (${url}); only a local test may set ALLOW_HTTP_FOR_LOCAL_TESTING=1`,
        );
      }
    }
  }
  if (env.STRIPE_API_BASE !== undefined && !env.ALLOW_STRIPE_API_BASE_IN_PRODUCTION) {
    problems.push(
      `STRIPE_API_BASE is set (${env.STRIPE_API_BASE}): production would send the Stripe secret key there; unset it (tests opt in with ALLOW_STRIPE_API_BASE_IN_PRODUCTION=1)`,
    );
  }
  return problems;
}

/** Settings production runs with but should not for long; printed at start-up. */
export function productionEnvWarnings(
  source: Record<string, string | undefined> = process.env,
): string[] {
  const env = readEnv(source);
  const warnings: string[] = [];
  if ((env.PARTIRASSUR_URL ?? PARTNER_URL_PLACEHOLDER) === PARTNER_URL_PLACEHOLDER) {
    warnings.push(
      `PARTIRASSUR_URL is the placeholder (${PARTNER_URL_PLACEHOLDER}): /go/partirassur leads nowhere real`,
    );
  }
  return warnings;
}

/**
 * What a production server says when it refuses to start (null: it may start). Printed by
 * `npm start`'s check before Next starts (scripts/start-check.ts) and again by every server as it
 * starts (instrumentation-node.ts), whatever started it.
 */
export function productionStartRefusal(
  source: Record<string, string | undefined> = process.env,
): string | null {
  const problems = productionEnvProblems(source);
  if (!problems.length) return null;
  return [
    'Sojoourn cannot start in production:',
    ...problems.map((problem) => `  • ${problem}`),
    'See docs/operations.md, "Environment".',
  ].join('\n');
}
