import 'server-only';
// The Stripe SDK, pointed at STRIPE_API_BASE when set (the local stand-in in dev and tests).
import Stripe from 'stripe';
import {
  SEEDED_PRICE_ID,
  STANDIN_DEFAULT_URL,
  STANDIN_SECRET_KEY,
  STANDIN_WEBHOOK_SECRET,
} from '../../tools/stripe-standin/defaults';
import { isProduction, stripeEnv } from '../platform/env';
import type { StripeReader } from './sync';

/** What `npm run dev` and the tests use when no Stripe keys are given: the local stand-in. */
export const LOCAL_STANDIN = {
  apiBase: STANDIN_DEFAULT_URL,
  secretKey: STANDIN_SECRET_KEY,
  webhookSecret: STANDIN_WEBHOOK_SECRET,
  priceId: SEEDED_PRICE_ID,
} as const;

const SETTING_NAMES = {
  secretKey: 'STRIPE_SECRET_KEY',
  webhookSecret: 'STRIPE_WEBHOOK_SECRET',
  priceId: 'STRIPE_PRICE_ID',
} as const;

function setting(key: keyof typeof SETTING_NAMES): string {
  const value = stripeEnv()[key];
  if (value) return value;
  if (isProduction()) throw new Error(`${SETTING_NAMES[key]} is not set`);
  return LOCAL_STANDIN[key];
}

export const stripeSettings = {
  secretKey: () => setting('secretKey'),
  webhookSecret: () => setting('webhookSecret'),
  priceId: () => setting('priceId'),
  apiBase: () => {
    const env = stripeEnv();
    return env.apiBase ?? (env.secretKey ? null : LOCAL_STANDIN.apiBase);
  },
};

/** Test mode: a test key, or the local stand-in. The club page shows a badge then. */
export function isTestMode(): boolean {
  return stripeSettings.secretKey().startsWith('sk_test_') || stripeSettings.apiBase() !== null;
}

let client: Stripe | null = null;

export function stripe(): Stripe {
  if (client) return client;
  const base = stripeSettings.apiBase();
  const endpoint = base ? new URL(base) : null;
  client = new Stripe(stripeSettings.secretKey(), {
    maxNetworkRetries: 2,
    timeout: 15_000,
    telemetry: false,
    appInfo: { name: 'sojoourn-site' },
    ...(endpoint
      ? {
          host: endpoint.hostname,
          port: Number(endpoint.port || (endpoint.protocol === 'https:' ? 443 : 80)),
          protocol: endpoint.protocol === 'https:' ? 'https' : 'http',
        }
      : {}),
  });
  return client;
}

/** What the sync uses of Stripe: the SDK's subscriptions, and the club's price. */
export function stripeReader(): StripeReader {
  return { clubPriceId: stripeSettings.priceId(), subscriptions: stripe().subscriptions };
}
