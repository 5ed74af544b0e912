// The local Stripe stand-in's defaults, in one place: what `npm run dev`, the stand-in's CLI, the
// app's dev fallback (lib/billing/stripe.ts) and the tests use when no Stripe keys are given.
// Constants only, and no imports: lib/billing imports this file, so it must not pull the stand-in
// server into the app. Test mode only; never a production value.

/** Where the stand-in listens by default (loopback only). */
export const STANDIN_DEFAULT_PORT = 12111;
export const STANDIN_DEFAULT_URL = `http://127.0.0.1:${STANDIN_DEFAULT_PORT}`;

/** The stand-in accepts any `sk_test_…` key; this is the one dev and the tests send. */
export const STANDIN_SECRET_KEY = 'sk_test_sojoourn_local_standin';

/** The secret the stand-in signs webhooks with when none is given. */
export const STANDIN_WEBHOOK_SECRET = 'whsec_sojoourn_local_standin';

/** The product and monthly price the stand-in seeds (and keeps across resets). */
export const SEEDED_PRODUCT_ID = 'prod_sojoourn_club';
export const SEEDED_PRICE_ID = 'price_sojoourn_club_monthly';
/** unit_amount of the seeded price, in minor units, and its currency. */
export const SEEDED_PRICE_AMOUNT = 900;
export const SEEDED_CURRENCY = 'eur';
