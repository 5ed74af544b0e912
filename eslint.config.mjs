import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

// Modules whose output holds members' text or secrets. A 'use client' file importing one of them
// would put that text into a public JS chunk, so the lint fails before the build does.
const SERVER_ONLY_MODULES = [
  /^contentlayer\/generated/,
  /(^|\/)\.contentlayer\//,
  /^@\/lib\/(content|db|billing|auth|access|mail)(\/|$)/,
  /^next-contentlayer2/,
];

const noServerDataInClient = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Client components must not import content bodies or server data modules',
    },
    schema: [],
  },
  create(context) {
    let isClient = false;
    return {
      Program(node) {
        isClient = node.body.some(
          (statement) =>
            statement.type === 'ExpressionStatement' && statement.directive === 'use client',
        );
      },
      ImportDeclaration(node) {
        if (!isClient || node.importKind === 'type') return;
        const source = String(node.source.value);
        if (SERVER_ONLY_MODULES.some((pattern) => pattern.test(source))) {
          context.report({
            node,
            message: `'use client' file imports ${source}: members' text or secrets would reach the browser. Pass only public props from a server component.`,
          });
        }
      },
    };
  },
};

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    plugins: { sojoourn: { rules: { 'no-server-data-in-client': noServerDataInClient } } },
    rules: {
      'sojoourn/no-server-data-in-client': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  globalIgnores([
    '.next*/**',
    '.contentlayer/**',
    'node_modules/**',
    'data/**',
    'test-results/**',
    'playwright-report/**',
    'next-env.d.ts',
  ]),
]);
