// deploy/nginx.conf is the production reference and `npm run cluster` runs that same file with its
// own ports and paths: the rewrite keeps every rule and nginx accepts the result.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { clusterNginxConfig } from './cluster';

const reference = readFileSync(path.join(import.meta.dirname, '../deploy/nginx.conf'), 'utf8');
/** The directives, without comments. */
const directives = (text: string) => text.replace(/#.*$/gm, '');
const dir = mkdtempSync(path.join(tmpdir(), 'sojoourn-nginx-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('the reference config states the cache rules the README promises', () => {
  expect(reference).toMatch(/proxy_cache_bypass \$sojoourn_session;/);
  expect(reference).toMatch(/proxy_no_cache \$sojoourn_session;/);
  expect(reference).toMatch(/"~\(\^\|;\)\\s\*\(__Secure-\)\?next-auth\\\.session-token=" 1;/);
  expect(directives(reference)).not.toMatch(/proxy_ignore_headers/);
  expect(reference).toMatch(/add_header X-Cache-Status \$upstream_cache_status always;/);
  expect(reference).toMatch(/add_header X-Upstream \$upstream_addr always;/);
  expect(reference).toMatch(/proxy_next_upstream error timeout/);
});

it('the cluster runs the reference with its own instances, port and paths', () => {
  const config = clusterNginxConfig(reference, {
    ports: [4101, 4102, 4103],
    listen: 4100,
    dir,
    staticDir: '/srv/bench',
    staticPort: 4200,
  });
  const upstream = /upstream sojoourn_app \{[^}]*\}/.exec(config)?.[0] ?? '';
  expect([...upstream.matchAll(/server (127\.0\.0\.1:\d+)/g)].map((m) => m[1])).toEqual([
    '127.0.0.1:4101',
    '127.0.0.1:4102',
    '127.0.0.1:4103',
  ]);
  expect(config).toContain('listen 127.0.0.1:4100;');
  expect(config).toContain('listen 127.0.0.1:4200;');
  expect(directives(config)).not.toMatch(/\/var\/|\/run\//);
  expect(config).toContain(`proxy_cache_path ${dir}/cache/sojoourn `);
  // Everything else is the reference, line for line.
  const rules = (text: string) =>
    text
      .split('\n')
      .filter((line) => /proxy_cache(?!_path)|proxy_no_cache|add_header|map /.test(line));
  expect(rules(config)).toEqual(rules(reference));
});

const nginx = ['/usr/sbin/nginx', '/usr/local/sbin/nginx'].find((bin) => existsSync(bin));

it.runIf(nginx)('nginx accepts the cluster config', () => {
  for (const sub of ['log', 'lib/sojoourn', 'cache/sojoourn']) {
    mkdirSync(path.join(dir, sub), { recursive: true });
  }
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(conf, clusterNginxConfig(reference, { ports: [4101, 4102], listen: 4100, dir }));
  const result = spawnSync(
    nginx!,
    ['-t', '-p', dir, '-c', conf, '-e', path.join(dir, 'log/error.log')],
    { encoding: 'utf8' },
  );
  expect(result.stderr).toContain('test is successful');
});
