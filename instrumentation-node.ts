// Server start-up: refuse to run production with missing settings, migrate the database before the
// first request, then housekeeping (now and hourly) and a graceful, bounded shutdown on SIGTERM.
import { closeSharedDatabase, sharedDatabase } from './lib/db/connect';
import { scheduleHousekeeping } from './lib/db/housekeeping-schedule';
import { isProduction, productionEnvProblems } from '@/lib/platform/env';
import { installGracefulShutdown } from '@/lib/platform/shutdown';

if (isProduction()) {
  const problems = productionEnvProblems();
  if (problems.length) {
    console.error(
      `\nSojoourn cannot start in production:\n${problems.map((p) => `  • ${p}`).join('\n')}\nSee README.md, "Environment".\n`,
    );
    process.exit(1);
  }
}

const db = await sharedDatabase();
scheduleHousekeeping(() => db);
if (isProduction()) installGracefulShutdown({ close: closeSharedDatabase });
