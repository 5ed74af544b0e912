// `npm run cluster`: the site as it runs once it outgrows one machine, on this machine: Postgres,
// CLUSTER_INSTANCES production instances (`next start`, default 2) on loopback ports and Debian's
// nginx with the reference config (deploy/nginx.conf) in front, on 127.0.0.1:CLUSTER_PORT (8080).
//
//   * builds first when there is no build (or when CLUSTER_BUILD=1);
//   * DATABASE_URL unset: a throwaway Postgres (scripts/pg-throwaway.sh) on CLUSTER_PG_PORT,
//     deleted on exit; set: used as it is (postgres://… or file:…);
//   * every other variable passes through to the instances unchanged. Only when unset, the offline
//     defaults of `npm run dev` apply: NEXTAUTH_URL = the cluster's URL, a random NEXTAUTH_SECRET
//     shared by the instances, the local Stripe stand-in (test mode) and a local SMTP capture whose
//     sign-in links are printed here;
//   * CLUSTER_DEBUG_HEADERS=1: nginx adds X-Cache-Status and X-Upstream (deploy/nginx.conf);
//   * prints the URL and each instance's port; Ctrl-C / SIGTERM stops everything it started.
//   * CLUSTER_STATE_FILE=path: writes {url, instances: [{port, pid}], logDir, …} there (tests use
//     it); logDir holds nginx's access and error logs and each instance's output (app-<port>.log).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chownSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { clusterSettings } from '../lib/platform/env';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** What the instances get: this process's environment, passed through unchanged. */
const env: NodeJS.ProcessEnv = { ...process.env };
const settings = clusterSettings(env);
const CLUSTER_PORT = settings.port;
const INSTANCES = settings.instances;
const FIRST_APP_PORT = settings.firstAppPort;
const PG_PORT = settings.postgresPort;
const URL_BASE = `http://127.0.0.1:${CLUSTER_PORT}`;
const DIST_DIR = env.NEXT_DIST_DIR || '.next';

const children: ChildProcess[] = [];
const cleanups: Array<() => Promise<void> | void> = [];
let stopping = false;

const say = (line: string) => console.log(`[cluster] ${line}`);

/** Prints the child's output here, each line labelled; with `logFile`, also keeps it there as is. */
function prefixed(child: ChildProcess, label: string, logFile?: string) {
  const kept = logFile ? createWriteStream(logFile, { flags: 'a' }) : null;
  for (const stream of [child.stdout, child.stderr]) {
    let buffer = '';
    stream?.on('data', (chunk: Buffer) => {
      kept?.write(chunk);
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) console.log(`[${label}] ${line}`);
    });
  }
}

function findNginx(): string {
  for (const candidate of [env.NGINX_BIN, '/usr/sbin/nginx', '/usr/local/sbin/nginx']) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  const which = spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) return which.stdout.trim();
  throw new Error(
    'nginx is not installed. On Debian/Ubuntu: sudo apt-get install nginx-light (or set NGINX_BIN).',
  );
}

async function ensureBuild() {
  if (!settings.forceBuild && existsSync(path.join(ROOT, DIST_DIR, 'BUILD_ID'))) return;
  say(`building (${DIST_DIR})…`);
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit', env });
  if (build.status !== 0) throw new Error('the build failed');
}

async function startPostgres(): Promise<string> {
  say(`no DATABASE_URL: starting a throwaway Postgres on 127.0.0.1:${PG_PORT}`);
  const started = spawnSync(
    'bash',
    [path.join(ROOT, 'scripts/pg-throwaway.sh'), 'start', String(PG_PORT)],
    {
      encoding: 'utf8',
    },
  );
  if (started.status !== 0) throw new Error(`Postgres did not start:\n${started.stderr}`);
  const [url, dir] = started.stdout.trim().split('\n');
  cleanups.push(() => {
    spawnSync('bash', [path.join(ROOT, 'scripts/pg-throwaway.sh'), 'stop', dir!], {
      stdio: 'ignore',
    });
  });
  return url!;
}

async function offlineDefaults() {
  if (!env.NEXTAUTH_URL) {
    env.NEXTAUTH_URL = URL_BASE;
    // The cluster's own loopback address is plain http: say so, or production refuses to start.
    env.ALLOW_HTTP_FOR_LOCAL_TESTING = '1';
  }
  env.NEXTAUTH_SECRET ??= randomBytes(32).toString('base64');
  env.EMAIL_FROM ??= 'Sojoourn <hello@sojoourn.localhost>';
  if (!env.STRIPE_SECRET_KEY) {
    const { startStripeStandin } = await import('../tools/stripe-standin/server');
    const { SEEDED_PRICE_ID, STANDIN_SECRET_KEY, STANDIN_WEBHOOK_SECRET } =
      await import('../tools/stripe-standin/defaults');
    const standin = await startStripeStandin({
      port: Number(env.STANDIN_PORT ?? CLUSTER_PORT + 101),
      webhookUrl: `${URL_BASE}/api/stripe/webhook`,
      webhookSecret: STANDIN_WEBHOOK_SECRET,
    });
    cleanups.push(() => standin.close());
    Object.assign(env, {
      STRIPE_API_BASE: standin.url,
      STRIPE_SECRET_KEY: STANDIN_SECRET_KEY,
      STRIPE_WEBHOOK_SECRET: STANDIN_WEBHOOK_SECRET,
      STRIPE_PRICE_ID: SEEDED_PRICE_ID,
      // The stand-in holds only its own test key: the production guard against STRIPE_API_BASE
      // protects a live key, which this run does not have.
      ALLOW_STRIPE_API_BASE_IN_PRODUCTION: '1',
    });
    say(`Stripe stand-in (TEST MODE, local only) at ${standin.url}: pay with 4242 4242 4242 4242`);
  }
  if (!env.EMAIL_SERVER) {
    const { startSmtpCapture } = await import('../test/support/smtp-capture');
    const smtpPort = Number(env.CLUSTER_SMTP_PORT ?? CLUSTER_PORT + 102);
    const capture = await startSmtpCapture({ smtpPort, httpPort: smtpPort + 1 });
    cleanups.push(() => capture.close());
    env.EMAIL_SERVER = `smtp://127.0.0.1:${smtpPort}`;
    let printed = 0;
    const timer = setInterval(() => {
      for (const mail of capture.messages.slice(printed)) {
        const link = mail.text.match(/https?:\/\/\S+\/signin\/confirm\S*/)?.[0];
        say(`📬 e-mail to ${mail.to.join(', ')}: ${mail.subject}${link ? `\n    ${link}` : ''}`);
      }
      printed = capture.messages.length;
    }, 500);
    timer.unref();
    say(`no EMAIL_SERVER: e-mails are captured locally and sign-in links printed here`);
  }
}

async function waitFor(url: string, what: string, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (stopping) throw new Error('stopping');
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what} did not answer ${url} within ${timeoutMs / 1000} s`);
}

/** This run's directory: nginx's configuration, cache and logs, and each instance's log (log/). */
let runDir = '';

function startInstance(port: number): ChildProcess {
  const child = spawn(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/next/dist/bin/next'),
      'start',
      '-p',
      String(port),
      '-H',
      '127.0.0.1',
    ],
    {
      cwd: ROOT,
      // nginx compresses in front of them (deploy/nginx.conf, decision 0022).
      env: { ...env, NODE_ENV: 'production', PORT: String(port), COMPRESSION_BY_PROXY: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  prefixed(child, `app:${port}`, path.join(runDir, 'log', `app-${port}.log`));
  child.on('exit', (code, signal) => {
    if (!stopping)
      say(`instance :${port} exited (${signal ?? code}); nginx sends its requests elsewhere`);
  });
  return child;
}

/** deploy/nginx.conf with this run's instances, port and paths. */
export function clusterNginxConfig(
  reference: string,
  {
    ports,
    listen,
    dir,
    staticDir,
    staticPort,
    debugHeaders = false,
  }: {
    ports: number[];
    listen: number;
    dir: string;
    staticDir?: string;
    staticPort?: number;
    debugHeaders?: boolean;
  },
): string {
  let config = reference
    .replace(
      /(upstream sojoourn_app \{\n(?:\s*#.*\n)*)((?:\s*server 127\.0\.0\.1:\d+[^\n]*\n)+)/,
      (_, head: string) =>
        `${head}${ports.map((port) => `    server 127.0.0.1:${port} max_fails=1 fail_timeout=5s;\n`).join('')}`,
    )
    .replace(/listen 127\.0\.0\.1:\d+;/, `listen 127.0.0.1:${listen};`)
    .replace(/\/var\/(log|lib|cache)\/nginx\//g, `${dir}/$1/`)
    .replace(/\/run\//g, `${dir}/`)
    .replace(
      /(map "" \$sojoourn_debug_headers \{\s*default )0;/,
      (_, head: string) => `${head}${debugHeaders ? 1 : 0};`,
    );
  if (staticDir) {
    // For `npm run bench`: the same HTML served as a plain file, to compare with the cache.
    config = config.replace(
      /\n\}\s*$/,
      `\n  server {\n    listen 127.0.0.1:${staticPort ?? listen + 1000};\n    location / { root ${staticDir}; default_type text/html; }\n  }\n}\n`,
    );
  }
  return config;
}

async function startNginx(ports: number[]) {
  const nginx = findNginx();
  const dir = runDir;
  for (const sub of ['log', 'lib/sojoourn', 'cache/sojoourn'])
    mkdirSync(path.join(dir, sub), { recursive: true });
  let workerUser = '';
  if (process.getuid?.() === 0) {
    // As root, nginx's workers run as an unprivileged user (www-data on Debian): let them write
    // their temporary files and the cache.
    const id = spawnSync('id', ['-u', 'www-data'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'www-data'], { encoding: 'utf8' });
    if (id.status === 0) {
      workerUser = 'www-data www-data';
      for (const sub of ['', 'log', 'lib', 'lib/sojoourn', 'cache', 'cache/sojoourn']) {
        chownSync(path.join(dir, sub), Number(id.stdout), Number(gid.stdout));
      }
    }
  }
  const reference = readFileSync(path.join(ROOT, 'deploy/nginx.conf'), 'utf8');
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    (workerUser ? `user ${workerUser};\n` : '') +
      clusterNginxConfig(reference, {
        ports,
        listen: CLUSTER_PORT,
        dir,
        staticDir: settings.staticDir,
        staticPort: settings.staticPort,
        debugHeaders: settings.debugHeaders,
      }),
  );
  const test = spawnSync(
    nginx,
    ['-t', '-q', '-p', dir, '-c', conf, '-e', path.join(dir, 'log/error.log')],
    {
      encoding: 'utf8',
    },
  );
  if (test.status !== 0) throw new Error(`nginx refused the configuration:\n${test.stderr}`);
  const child = spawn(
    nginx,
    ['-p', dir, '-c', conf, '-e', path.join(dir, 'log/error.log'), '-g', 'daemon off;'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  prefixed(child, 'nginx');
  child.on('exit', (code) => {
    if (!stopping) {
      say(`nginx exited (${code}); stopping`);
      void stop(1);
    }
  });
  return { child, dir };
}

async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  // nginx first (graceful), then the instances drain (SIGTERM), then the database and the rest.
  const exits = children
    .filter((child) => child.exitCode === null && child.signalCode === null)
    .map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          const isNginx = child.spawnfile.endsWith('nginx');
          child.kill(isNginx ? 'SIGQUIT' : 'SIGTERM');
          setTimeout(() => {
            child.kill('SIGKILL');
            resolve();
          }, 15_000).unref();
        }),
    );
  await Promise.all(exits);
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup();
    } catch (error) {
      console.error(error);
    }
  }
  if (settings.stateFile) rmSync(settings.stateFile, { force: true });
  process.exit(code);
}

async function main() {
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  // Whoever started us (npm, a shell) may be stopped without passing the signal on: when our parent
  // goes away, stop too rather than leave instances, nginx and Postgres running.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) {
      say('the process that started the cluster is gone');
      void stop(0);
    }
  }, 1000).unref();
  findNginx(); // a clear message before anything is built or started
  await ensureBuild();
  env.DATABASE_URL ||= await startPostgres();
  await offlineDefaults();

  runDir = mkdtempSync(path.join(tmpdir(), 'sojoourn-nginx-'));
  mkdirSync(path.join(runDir, 'log'));
  cleanups.push(() => rmSync(runDir, { recursive: true, force: true }));
  const ports = Array.from({ length: INSTANCES }, (_, i) => FIRST_APP_PORT + i);
  say(`starting ${INSTANCES} instances on ${ports.map((p) => `:${p}`).join(', ')}`);
  // All at once, on purpose: the migrations run once (lib/db/connect.ts takes a lock).
  const instances = ports.map((port) => ({ port, child: startInstance(port) }));
  await Promise.all(
    ports.map((port) => waitFor(`http://127.0.0.1:${port}/api/health`, `instance :${port}`)),
  );
  const nginx = await startNginx(ports);
  if (settings.stateFile) {
    mkdirSync(path.dirname(path.resolve(settings.stateFile)), { recursive: true });
    writeFileSync(
      settings.stateFile,
      JSON.stringify(
        {
          url: URL_BASE,
          instances: instances.map(({ port, child }) => ({ port, pid: child.pid })),
          nginx: { pid: nginx.child.pid, dir: nginx.dir },
          logDir: path.join(nginx.dir, 'log'),
          databaseUrl: env.DATABASE_URL,
        },
        null,
        2,
      ),
    );
  }
  await waitFor(`${URL_BASE}/api/health`, 'nginx');

  const database = env.DATABASE_URL.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@');
  console.log(
    `\n🌍 Sojoourn cluster: ${URL_BASE}\n` +
      instances
        .map(({ port, child }) => `   instance http://127.0.0.1:${port} (pid ${child.pid})`)
        .join('\n') +
      `\n   nginx ${nginx.dir}/nginx.conf (logs in ${nginx.dir}/log)\n   database ${database}\n   Ctrl-C stops everything.\n`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((error: Error) => {
    console.error(`[cluster] ${error.message}`);
    void stop(1);
  });
}
