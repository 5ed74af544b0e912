// A production server of this project on loopback, for the measuring scripts (bench, lighthouse).
// Builds first when the build directory holds no build of this source. Every external service is
// pointed at a closed loopback port: nothing leaves the machine.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import {
  SEEDED_PRICE_ID,
  STANDIN_SECRET_KEY,
  STANDIN_WEBHOOK_SECRET,
} from '../../tools/stripe-standin/defaults';

export interface ProdServer {
  base: string;
  process: ChildProcess;
  /** The next-server process (the one doing the work), for its memory or a profile. */
  serverPid(): Promise<number>;
  stop(): void;
}

export function distDir(fallback = '.next'): string {
  return process.env.NEXT_DIST_DIR || fallback;
}

/**
 * What a build is made from: the commit, every change not committed yet (tracked and untracked
 * files) and the site's URL. Null outside a git checkout, where any build is taken as current.
 */
function sourceStamp(siteUrl: string): string | null {
  const git = (...args: string[]) =>
    execFileSync('git', args, { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  try {
    const hash = createHash('sha256');
    // Not the two files `next build` itself rewrites (per build directory).
    const diff = git('diff', 'HEAD', '--binary', '--', '.', ':!tsconfig.json', ':!next-env.d.ts');
    hash.update(`${git('rev-parse', 'HEAD')}\n${siteUrl}\n${diff}`);
    for (const file of git('ls-files', '--others', '--exclude-standard', '-z').split('\0')) {
      if (file) hash.update(`\0${file}\0`).update(readFileSync(file));
    }
    return hash.digest('hex');
  } catch {
    return null;
  }
}

/**
 * Builds into `dist` unless it holds a build of this very source (a stamp written beside it): a
 * measurement of an older build, or of the end-to-end suite's build with its fixture guides, would
 * measure other code.
 */
export async function ensureBuild(dist: string, siteUrl: string): Promise<void> {
  const stamp = sourceStamp(siteUrl);
  const stampFile = path.join(dist, 'sojoourn-source-stamp');
  if (existsSync(`${dist}/BUILD_ID`)) {
    const built = existsSync(stampFile) ? readFileSync(stampFile, 'utf8') : null;
    if (stamp === null || built === stamp) return;
    console.log(`The build in ${dist} is not of this source and URL: running npm run build…`);
  } else {
    console.log(`No production build in ${dist} yet: running npm run build…`);
  }
  await new Promise<void>((resolve, reject) =>
    spawn('npm', ['run', 'build'], {
      stdio: 'inherit',
      env: { ...process.env, NEXT_DIST_DIR: dist, SITE_URL: siteUrl, NEXTAUTH_URL: siteUrl },
    }).on('exit', (code) => (code === 0 ? resolve() : reject(new Error('build failed')))),
  );
  if (stamp) writeFileSync(stampFile, stamp);
}

async function waitFor(base: string) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${base}/robots.txt`)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the server did not start within 90 s');
}

export async function startServer(options: {
  port: number;
  dist: string;
  /** A SQLite file under the tree, or `databaseUrl` for any database (bench:data's). */
  databaseFile?: string;
  databaseUrl?: string;
  /** More environment for the server (STAFF_EMAILS…). */
  env?: Record<string, string>;
  /** Node flags for the server process (--cpu-prof is refused in NODE_OPTIONS). */
  nodeArgs?: string[];
  /** Told each line the server writes to stdout (its JSON log lines); else stdout is dropped. */
  onStdoutLine?: (line: string) => void;
}): Promise<ProdServer> {
  const base = `http://127.0.0.1:${options.port}`;
  const child = spawn(
    process.execPath,
    [
      ...(options.nodeArgs ?? []),
      'node_modules/next/dist/bin/next',
      'start',
      '-p',
      String(options.port),
      '-H',
      '127.0.0.1',
    ],
    {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        NEXT_DIST_DIR: options.dist,
        DATABASE_URL: options.databaseUrl ?? `file:./${options.databaseFile}`,
        SITE_URL: base,
        NEXTAUTH_URL: base,
        NEXTAUTH_SECRET: 'bench-secret-not-for-production-0123456789',
        EMAIL_SERVER: 'smtp://127.0.0.1:9',
        EMAIL_FROM: 'bench@sojoourn.test',
        // The stand-in's test values, but no stand-in: nothing listens on port 9, so a price
        // lookup fails fast and the page shows no price.
        STRIPE_SECRET_KEY: STANDIN_SECRET_KEY,
        STRIPE_WEBHOOK_SECRET: STANDIN_WEBHOOK_SECRET,
        STRIPE_PRICE_ID: SEEDED_PRICE_ID,
        STRIPE_API_BASE: 'http://127.0.0.1:9',
        // A local measurement: production's refusals of http and STRIPE_API_BASE, off on purpose.
        ALLOW_HTTP_FOR_LOCAL_TESTING: '1',
        ALLOW_STRIPE_API_BASE_IN_PRODUCTION: '1',
        ...options.env,
      },
      stdio: ['ignore', options.onStdoutLine ? 'pipe' : 'ignore', 'inherit'],
      detached: true,
    },
  );
  if (options.onStdoutLine && child.stdout) {
    createInterface({ input: child.stdout }).on('line', options.onStdoutLine);
  }
  const stopGroup = () => {
    if (child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    }
  };
  try {
    await waitFor(base);
  } catch (error) {
    // A server that never answered must not stay behind holding its port for the next run.
    stopGroup();
    throw error;
  }
  return {
    base,
    process: child,
    async serverPid() {
      // `next start` runs the server in a child process; find it among our own descendants.
      const out = await new Promise<string>((resolve) => {
        const ps = spawn('pgrep', ['-P', String(child.pid)]);
        let text = '';
        ps.stdout.on('data', (chunk) => (text += chunk));
        ps.on('exit', () => resolve(text.trim()));
      });
      const candidates = out.split('\n').filter(Boolean).map(Number);
      return candidates.at(-1) ?? child.pid ?? 0;
    },
    stop: stopGroup,
  };
}

export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

export function machineLoad(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}
