// Server start-up: refuse to run production with missing settings, and migrate the database
// before the first request.
import { sharedDatabase } from './lib/db/connect';
import { isProduction, productionEnvProblems, productionEnvWarnings } from '@/lib/platform/env';

if (isProduction()) {
  const problems = productionEnvProblems();
  if (problems.length) {
    console.error(
      `\nSojoourn cannot start in production:\n${problems.map((p) => `  • ${p}`).join('\n')}\nSee README.md, "Environment".\n`,
    );
    process.exit(1);
  }
  for (const warning of productionEnvWarnings()) console.warn(`[sojoourn] warning: ${warning}`);
}

await sharedDatabase();
