// `npm start` without the production settings refuses before Next starts: the person sees what is
// missing, never Next's "Ready" followed by a refusal (issue 26, the first hour's terminal).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

it('npm start names every missing setting and exits before Next starts', () => {
  const run = spawnSync('npm', ['start'], {
    cwd: root,
    // A newcomer's shell: none of the production settings. A build directory that holds no build,
    // so that even a check that let it through could not serve anything.
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NEXT_TELEMETRY_DISABLED: '1',
      NEXT_DIST_DIR: '.next-start-check-none',
      PORT: '0',
      NODE_ENV: 'production',
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const output = `${run.stdout}${run.stderr}`;
  expect(run.status).not.toBe(0);
  expect(output).toContain('Sojoourn cannot start in production:');
  for (const name of ['NEXTAUTH_URL', 'NEXTAUTH_SECRET', 'EMAIL_SERVER', 'STRIPE_SECRET_KEY']) {
    expect(output).toContain(`${name} is not set`);
  }
  expect(output).toContain('See docs/operations.md, "Environment".');
  expect(output).not.toMatch(/Next\.js|Ready/);
}, 90_000);
