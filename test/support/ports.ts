// Where the test servers listen (all on loopback). Shared by playwright.config.ts and the specs.
// scripts/e2e.sh sets them from E2E_PORT_BASE (default 3100: app 3100, SMTP 3101, mailbox 3102,
// Stripe stand-in 3103), so several runs can coexist on one machine.
export const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
export const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? APP_PORT + 1);
export const MAILBOX_PORT = Number(process.env.E2E_MAILBOX_PORT ?? APP_PORT + 2);
export const STANDIN_PORT = Number(process.env.E2E_STANDIN_PORT ?? APP_PORT + 3);

export const APP_URL = `http://127.0.0.1:${APP_PORT}`;
export const MAILBOX_URL = `http://127.0.0.1:${MAILBOX_PORT}`;
export const STANDIN_URL = `http://127.0.0.1:${STANDIN_PORT}`;
/**
 * The e2e run's own webhook secret, not the stand-in's default (tools/stripe-standin/defaults.ts):
 * the config hands it to both the app and the stand-in, so a run where either fell back to the
 * default would fail on every webhook instead of passing by chance.
 */
export const WEBHOOK_SECRET = 'whsec_sojoourn_e2e_secret';
export const STAFF_EMAIL = 'staff@sojoourn.test';
