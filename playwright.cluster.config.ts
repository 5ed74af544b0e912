// The cluster spec (e2e/cluster): Postgres, two production instances and nginx with
// deploy/nginx.conf, all started by `npm run cluster` (scripts/cluster.ts). Run it with
// scripts/e2e-cluster.sh, which sets the ports; APP_URL is nginx's address.
import { defineConfig } from '@playwright/test';
import { appEnv, localServices } from './playwright.config';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './test/support/chromium';
import { APP_PORT, APP_URL } from './test/support/ports';

export const CLUSTER_STATE_FILE = `test-results/cluster-${APP_PORT}.json`;

// The instances get what the single-server specs give theirs, minus the SQLite file: the cluster
// starts a throwaway Postgres.
const clusterEnv: Record<string, string> = { ...appEnv };
delete clusterEnv.DATABASE_URL;

export default defineConfig({
  testDir: 'e2e/cluster',
  outputDir: `test-results/cluster-${APP_PORT}`,
  fullyParallel: false,
  workers: 1,
  timeout: 180_000,
  expect: { timeout: 15_000 },
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['json', { outputFile: 'reports/e2e-cluster.json' }]],
  use: {
    baseURL: APP_URL,
    trace: 'retain-on-failure',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: [
    // SMTP capture and the Stripe stand-in, whose webhooks go through nginx (APP_URL): they land
    // on whichever instance it picks.
    ...localServices,
    {
      // Our own process (no npx in between), so it gets the time to stop what it started.
      command: 'node --import tsx scripts/cluster.ts',
      url: `${APP_URL}/api/health`,
      env: {
        ...clusterEnv,
        CLUSTER_PORT: String(APP_PORT),
        CLUSTER_APP_PORT: String(APP_PORT + 1),
        CLUSTER_PG_PORT: String(APP_PORT + 10),
        CLUSTER_INSTANCES: '2',
        // The spec reads which instance answered and the cache's state.
        CLUSTER_DEBUG_HEADERS: '1',
        CLUSTER_STATE_FILE,
        SHUTDOWN_GRACE_MS: '8000',
      },
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
    },
  ],
});
