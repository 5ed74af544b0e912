import { defineConfig, type PlaywrightTestConfig } from '@playwright/test';
import {
  APP_PORT,
  APP_URL,
  MAILBOX_PORT,
  MAILBOX_URL,
  SMTP_PORT,
  STAFF_EMAILS,
  STANDIN_PORT,
  STANDIN_URL,
  WEBHOOK_SECRET,
} from '@/test/support/ports';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '@/test/support/chromium';
import { SEEDED_PRICE_ID, STANDIN_SECRET_KEY } from '@/tools/stripe-standin/defaults';

/** The production server under test: every external service is a local stand-in on loopback. */
export const appEnv = {
  NODE_ENV: 'production',
  DATABASE_URL: `file:./data/e2e-${APP_PORT}.db`,
  NEXTAUTH_URL: APP_URL,
  SITE_URL: APP_URL,
  NEXTAUTH_SECRET: 'e2e-secret-not-for-production-0123456789',
  EMAIL_SERVER: `smtp://127.0.0.1:${SMTP_PORT}`,
  EMAIL_FROM: 'Sojoourn <hello@sojoourn.test>',
  STAFF_EMAILS,
  STRIPE_SECRET_KEY: STANDIN_SECRET_KEY,
  STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
  STRIPE_PRICE_ID: SEEDED_PRICE_ID,
  STRIPE_API_BASE: STANDIN_URL,
  // Production refuses both (lib/platform/env.ts) unless a test says so explicitly.
  ALLOW_HTTP_FOR_LOCAL_TESTING: '1',
  ALLOW_STRIPE_API_BASE_IN_PRODUCTION: '1',
  PARTIRASSUR_URL: 'https://partirassur.example/devis',
  PARTIRASSUR_REF: 'SOJ-E2E',
  // Every spec signs in from 127.0.0.1; the per-address limits stay at their real values.
  SIGNIN_LIMIT_PER_IP: '100000',
  SIGNIN_CODE_FAILURES_PER_IP: '100000',
  // The contact specs give each test its own X-Forwarded-For, so the real limit can stay.
  CONTACT_LIMIT_PER_IP: '5',
  CONTACT_MIN_FILL_MS: '1000',
  // File reminders only when a spec runs `npm run reminders`: the server's own periodic job would
  // otherwise send them at a moment no spec chooses.
  REMINDERS_EVERY_MINUTES: '0',
};

type WebServer = Extract<NonNullable<PlaywrightTestConfig['webServer']>, unknown[]>[number];

/** The stand-ins every run needs: SMTP capture (with its mailbox API) and the Stripe stand-in. */
export const localServices: WebServer[] = [
  {
    command: 'npx tsx test/support/smtp-capture.ts',
    url: `${MAILBOX_URL}/health`,
    env: { E2E_SMTP_PORT: String(SMTP_PORT), E2E_MAILBOX_PORT: String(MAILBOX_PORT) },
    reuseExistingServer: false,
    stdout: 'ignore',
  },
  {
    command: 'npx tsx tools/stripe-standin/server.ts',
    url: `${STANDIN_URL}/_standin/events`,
    env: {
      STANDIN_PORT: String(STANDIN_PORT),
      STANDIN_WEBHOOK_URL: `${APP_URL}/api/stripe/webhook`,
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    },
    reuseExistingServer: false,
    stdout: 'ignore',
  },
];

export default defineConfig({
  testDir: 'e2e/specs',
  // Per port base: a run beside another one (scripts/e2e.sh) must not wipe its traces.
  outputDir: `test-results/${APP_PORT}`,
  fullyParallel: true,
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // No retries, in CI or not: a test that passes on a second try is a flaky test to fix, not a pass.
  retries: 0,
  // CI (and npm test) set CI: a stray test.only there fails the run instead of skipping the rest.
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['json', { outputFile: 'reports/e2e.json' }]],
  use: {
    baseURL: APP_URL,
    trace: 'retain-on-failure',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: [
    ...localServices,
    {
      // A fresh database per run; the app migrates it on start.
      command: `rm -f data/e2e-${APP_PORT}.db* && npx next start -p ${APP_PORT} -H 127.0.0.1`,
      url: `${APP_URL}/robots.txt`,
      env: appEnv,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
    },
  ],
});
