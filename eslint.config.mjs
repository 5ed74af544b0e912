import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

// What a 'use client' file may import from lib/: the client-safe modules only. Everything else in
// lib/ may hold members' text or secrets, and importing it would put that into a public JS chunk.
// Server actions ('use server' files named actions.ts) reach the browser only as references; rules.ts
// files are pure decisions over public data (the planner); lib/enhance is the pages' browser code
// (the readers' script is built from it), which reads only the DOM it is given.
const CLIENT_SAFE_LIB = [
  /^@\/lib\/config$/,
  /^@\/lib\/enhance(\/|$)/,
  /^@\/lib\/forms(\/|$)/,
  /^@\/lib\/[a-z-]+\/(schema|actions|rules)$/,
];
const SERVER_ONLY_PACKAGES = [
  /^contentlayer\/generated/,
  /(^|\/)\.contentlayer\//,
  /^next-contentlayer2/,
];

function clientMayImport(source) {
  if (SERVER_ONLY_PACKAGES.some((pattern) => pattern.test(source))) return false;
  if (source.startsWith('@/lib/') || /(^|\/)lib\//.test(source)) {
    return CLIENT_SAFE_LIB.some((pattern) => pattern.test(source));
  }
  return true;
}

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
        if (!clientMayImport(source)) {
          context.report({
            node,
            message: `'use client' file imports ${source}: only lib/config, lib/forms and lib/<domain>/schema|actions|rules are client-safe; anything else could put members' text or secrets in the browser. Pass only public props from a server component.`,
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
    '.bench-content/**',
  ]),
]);
