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
    exclude: ['node_modules/**', '.next*/**', '.bench-content/**', 'e2e/specs/**'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 20_000,
  },
});
