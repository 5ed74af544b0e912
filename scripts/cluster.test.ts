// deploy/nginx.conf is the production reference and `npm run cluster` runs that same file with its
// own ports and paths: the rewrite keeps every rule and nginx accepts the result.
import { execFile, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { freeLocalPort } from '../test/support/free-port';
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
  // The debug headers exist, switched off.
  expect(reference).toMatch(/add_header X-Cache-Status \$sojoourn_x_cache_status always;/);
  expect(reference).toMatch(/add_header X-Upstream \$sojoourn_x_upstream always;/);
  expect(reference).toMatch(/map "" \$sojoourn_debug_headers \{\s*default 0;/);
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

/**
 * Runs nginx with the cluster config in front of one instance (`instancePort`: by default a port
 * nothing listens on, an instance that is down), lets `ask` ask it things, stops it (gracefully:
 * the buffered access log is written out) and returns what `ask` returned, and the logs.
 */
async function withNginx<T>(
  ask: (base: string) => Promise<T>,
  { debugHeaders = false, instancePort }: { debugHeaders?: boolean; instancePort?: number } = {},
) {
  const run = mkdtempSync(path.join(tmpdir(), 'sojoourn-nginx-run-test-'));
  try {
    // Run as root, nginx's workers are `nobody`: let them write the cache and temporary files.
    chmodSync(run, 0o755);
    for (const sub of ['log', 'lib', 'lib/sojoourn', 'cache', 'cache/sojoourn']) {
      mkdirSync(path.join(run, sub), { recursive: true });
      chmodSync(path.join(run, sub), 0o777);
    }
    const listen = await freeLocalPort();
    const instance = instancePort ?? (await freeLocalPort());
    const conf = path.join(run, 'nginx.conf');
    writeFileSync(
      conf,
      clusterNginxConfig(reference, { ports: [instance], listen, dir: run, debugHeaders }),
    );
    const server = spawn(
      nginx!,
      ['-p', run, '-c', conf, '-e', path.join(run, 'log/error.log'), '-g', 'daemon off;'],
      { stdio: 'ignore' },
    );
    const exited = new Promise((resolve) => server.once('exit', resolve));
    let result: T;
    try {
      let up = false;
      for (let i = 0; i < 40 && !up; i++) {
        up = await fetch(`http://127.0.0.1:${listen}/`).then(
          () => true,
          () => new Promise((resolve) => setTimeout(() => resolve(false), 100)) as Promise<false>,
        );
      }
      result = await ask(`http://127.0.0.1:${listen}`);
    } finally {
      server.kill('SIGQUIT');
      await exited;
    }
    return {
      result,
      access: readFileSync(path.join(run, 'log/sojoourn-access.log'), 'utf8'),
      errors: readFileSync(path.join(run, 'log/sojoourn-error.log'), 'utf8'),
    };
  } finally {
    rmSync(run, { recursive: true, force: true });
  }
}

/** Asks nginx (in front of an instance that is down) for `paths`: the answers' headers and the logs. */
async function throughNginx(paths: string[], { debugHeaders = false } = {}) {
  const { result: headers, ...logs } = await withNginx(
    async (base) => {
      const answers: Headers[] = [];
      for (const url of paths) answers.push((await fetch(`${base}${url}`)).headers);
      return answers;
    },
    { debugHeaders },
  );
  return { headers, ...logs };
}

it.runIf(nginx)(
  'the access and error logs hold no query value: no sign-in token, address or name',
  async () => {
    const secrets = ['Zq8xL2vR9tYb4NcW', 'ana.martin', 'example.com', 'Alice', 'Martin'];
    const { access, errors } = await throughNginx([
      '/signin/confirm?token=Zq8xL2vR9tYb4NcW&email=ana.martin%40example.com',
      '/api/auth/callback/email?callbackUrl=%2Fclub&token=Zq8xL2vR9tYb4NcW&email=ana.martin%40example.com',
      '/account/email/confirm?token=Zq8xL2vR9tYb4NcW',
      '/signin/check-email?email=ana.martin@example.com',
      '/guides/carte-vitale?mc_eid=x&utm_term=Alice+Martin',
      '/signin?ana.martin@example.com',
    ]);
    for (const secret of secrets) {
      expect(access, `access log: ${secret}`).not.toContain(secret);
      expect(errors, `error log: ${secret}`).not.toContain(secret);
    }
    // Each worker writes its own buffer: in any order.
    const logged = access
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { path: string; query: string })
      .filter(({ path }) => path !== '/')
      .map((line) => `${line.path}?${line.query}`);
    expect(logged.sort()).toEqual(
      [
        '/signin/confirm?token=*&email=*',
        '/api/auth/callback/email?callbackUrl=*&token=*&email=*',
        '/account/email/confirm?token=*',
        '/signin/check-email?email=*',
        '/guides/carte-vitale?mc_eid=*&utm_term=*',
        '/signin?[not logged]',
      ].sort(),
    );
  },
);

it.runIf(nginx)('the debug headers are off unless switched on', async () => {
  const debug = (headers: Headers[]) =>
    headers.map((h) => [h.get('x-upstream'), h.get('x-cache-status')]);
  const off = await throughNginx(['/guides', '/_next/static/x.js']);
  expect(debug(off.headers)).toEqual([
    [null, null],
    [null, null],
  ]);
  const on = await throughNginx(['/guides'], { debugHeaders: true });
  // The instance that did not answer, and a cache that was asked (and had nothing).
  expect(on.headers[0]?.get('x-upstream')).toMatch(/^127\.0\.0\.1:\d+$/);
  expect(on.headers[0]?.get('x-cache-status')).toMatch(/^(MISS|EXPIRED|STALE)$/);
});

const curl = spawnSync('curl', ['--version']).status === 0;
const execFileAsync = promisify(execFile);

it.runIf(nginx && curl)(
  'a cached page on a kept-alive connection comes at once, not after the reader’s delayed ACK',
  async () => {
    // An instance that answers like Next does for a reader's guide: public, s-maxage, HTML larger
    // than one loopback segment (64 KB), so that the answer leaves in several.
    const page = `<!DOCTYPE html><html><body>${'<p>Carte Vitale, step by step.</p>'.repeat(3000)}</body></html>`;
    const instance = createServer((_, response) => {
      response.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'public, max-age=0, s-maxage=60, stale-while-revalidate=600',
        vary: 'rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch',
      });
      response.end(page);
    });
    const instancePort = await freeLocalPort();
    await new Promise<void>((resolve) => instance.listen(instancePort, '127.0.0.1', resolve));
    try {
      const { result: answers } = await withNginx(
        async (base) => {
          // curl asks for the page 60 times on one kept-alive connection, as a load tool or a
          // reader's browser does (Node's own client happens to acknowledge at once). Linux
          // acknowledges the first 16 or so segments of a connection at once, the rest late.
          const args = [
            '-s',
            '-w',
            '%{http_code} %header{x-cache-status} %{size_download} %{num_connects} %{time_total}\\n',
          ];
          for (let i = 0; i < 60; i++) args.push(`${base}/guides/x`, '-o', '/dev/null');
          // Not spawnSync: the instance answers the first request from this very process.
          const { stdout } = await execFileAsync('curl', args, { encoding: 'utf8' });
          return stdout.trim().split('\n');
        },
        { debugHeaders: true, instancePort },
      );
      const repeats = answers.slice(1).map((line) => line.split(' '));
      // All from the cache, on the same connection.
      expect(repeats.map((fields) => fields.slice(0, 4).join(' '))).toEqual(
        repeats.map(() => `200 HIT ${page.length} 0`),
      );
      // A cached answer takes about a millisecond here. With `tcp_nopush on` nginx (on Linux)
      // never switches Nagle off on a kept-alive connection: the end of each cached page waited
      // for the reader's delayed ACK, 40 ms or more, once the connection's quick ACKs were used up.
      const seconds = repeats.map((fields) => Number(fields[4])).sort((a, b) => a - b);
      expect(seconds[Math.floor(seconds.length / 2)]).toBeLessThan(0.02);
    } finally {
      await new Promise((resolve) => instance.close(resolve));
    }
  },
);

it.runIf(nginx)(
  'nginx compresses what the instances send as it is, from the cache too, for whoever asks',
  async () => {
    // An instance as the app answers behind nginx (COMPRESSION_BY_PROXY=1): a reader's page,
    // uncompressed, cacheable.
    const page = `<!DOCTYPE html><html><body>${'<p>Ameli, step by step.</p>'.repeat(400)}</body></html>`;
    let asked = 0;
    const instance = createServer((request, response) => {
      if (request.url === '/guides/x') asked++;
      response.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'public, max-age=0, s-maxage=60',
      });
      response.end(page);
    });
    const instancePort = await freeLocalPort();
    await new Promise<void>((resolve) => instance.listen(instancePort, '127.0.0.1', resolve));
    try {
      const { result } = await withNginx(
        async (base) => {
          const answers: Array<{ encoding: string | null; vary: string | null; body: string }> = [];
          for (const encoding of ['gzip', 'gzip', 'identity']) {
            // Node's fetch would unpack gzip by itself: its raw bytes are read with node:http.
            answers.push(await rawGet(`${base}/guides/x`, encoding));
          }
          return answers;
        },
        { instancePort },
      );
      expect(result.map((answer) => answer.encoding)).toEqual(['gzip', 'gzip', null]);
      for (const answer of result) {
        expect(answer.body).toBe(page);
        expect(answer.vary).toBe('Accept-Encoding');
      }
      // One copy in the cache serves both kinds of reader.
      expect(asked).toBe(1);
    } finally {
      instance.close();
    }
  },
);

/** A GET with `accept-encoding`, its body unpacked here when nginx gzipped it. */
async function rawGet(url: string, acceptEncoding: string) {
  const { get } = await import('node:http');
  const { gunzipSync } = await import('node:zlib');
  return new Promise<{ encoding: string | null; vary: string | null; body: string }>(
    (resolve, reject) => {
      get(url, { headers: { 'accept-encoding': acceptEncoding } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const raw = Buffer.concat(chunks);
          const encoding = response.headers['content-encoding'] ?? null;
          resolve({
            encoding,
            vary: (response.headers['vary'] as string | undefined) ?? null,
            body: (encoding === 'gzip' ? gunzipSync(raw) : raw).toString('utf8'),
          });
        });
      }).on('error', reject);
    },
  );
}
