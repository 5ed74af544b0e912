import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      { find: 'contentlayer/generated', replacement: `${root}/.contentlayer/generated` },
      // `server-only` throws outside a React Server environment; unit tests run plain Node.
      { find: 'server-only', replacement: `${root}/test/support/server-only-stub.ts` },
    ],
  },
  test: {
    include: ['**/*.test.ts'],
    // .next-<port base>/ (scripts/e2e.sh builds) holds copies of external packages, tests included;
    // .bench-content/ is npm run bench:content's throwaway copy.
    exclude: ['node_modules/**', '.next*/**', '.bench-content/**', 'e2e/**'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 20_000,
    // Creating and dropping a Postgres database per test file (the second pass) takes a while on a
    // busy machine.
    hookTimeout: 60_000,
  },
});
