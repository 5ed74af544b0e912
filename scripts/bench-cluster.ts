// The cluster half of `npm run bench`: starts `npm run cluster` (2 instances, a throwaway Postgres,
// nginx with deploy/nginx.conf) and measures, on the same guide:
//   * a reader through nginx's cache, against nginx serving the same HTML as a plain file (the
//     very bytes the load tool gets from the cache: asked the same way, without Accept-Encoding);
//   * a signed-in member through the cluster (never cached, rendered by either instance).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { migrateToLatest, openDatabase } from '../lib/db/connect';
import type { Database } from '../lib/db/schema';

/** Targets: the cache ≥ 0.9× a plain file of the same bytes (issue 25); members as on one server. */
export const CLUSTER_TARGETS = { cacheVsFile: 0.9, memberRps: 70 };

const CLUSTER_PORT = Number(process.env.BENCH_CLUSTER_PORT ?? 15400);
const STATIC_PORT = CLUSTER_PORT + 60;

export interface LoadFigures {
  label: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** The machine's load average as the run started. */
  load: string;
}

/** A target of `npm run bench`: what was measured against what is wanted. */
export interface Target {
  what: string;
  measured: string;
  wanted: string;
  met: boolean;
}

/** Prints the targets, each met or not; returns those missed. */
export function printTargets(targets: Target[]): string[] {
  console.log('\nTargets\n');
  console.log('| target | measured | wanted | |');
  console.log('|---|---|---|---|');
  for (const t of targets)
    console.log(`| ${t.what} | ${t.measured} | ${t.wanted} | ${t.met ? 'met' : 'NOT MET'} |`);
  const misses = targets.filter((t) => !t.met).map((t) => `${t.what}: ${t.measured}`);
  console.log(misses.length ? `\nTargets missed: ${misses.join('; ')}` : '\nAll targets met.');
  return misses;
}

/** A GET as the load tool makes it (no Accept-Encoding, nothing but `headers`). */
function plainGet(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
    (resolve, reject) => {
      get(url, { headers, agent: false }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
      }).on('error', reject);
    },
  );
}

/** How often each cache state ($upstream_cache_status) answered `path` in nginx's JSON log lines. */
export function cacheStates(logLines: string, path: string): Record<string, number> {
  const states: Record<string, number> = {};
  for (const line of logLines.split('\n')) {
    if (!line.trim()) continue;
    const entry = JSON.parse(line) as { path: string; cache: string };
    if (entry.path === path) states[entry.cache || '-'] = (states[entry.cache || '-'] ?? 0) + 1;
  }
  return states;
}

type Load = (label: string, url: string, headers: Record<string, string>) => Promise<LoadFigures>;

/** A signed-in, paying member with a session; returns the session token. */
export async function seedBenchMember(db: Kysely<Database>): Promise<string> {
  const userId = randomUUID();
  const token = randomUUID();
  const now = Date.now();
  await db
    .insertInto('User')
    .values({
      id: userId,
      email: `bench-${userId}@sojoourn.test`,
      name: null,
      emailVerified: null,
      image: null,
    })
    .execute();
  const expires = new Date(now + 86400_000);
  await db
    .insertInto('Session')
    // next-auth keeps a Date on Postgres (timestamptz) and ISO text on SQLite.
    .values({ sessionToken: token, userId, expires: expires.toISOString() })
    .execute();
  await db
    .insertInto('membership')
    .values({
      user_id: userId,
      subscription_id: `sub_bench_${userId}`,
      customer_id: `cus_bench_${userId}`,
      status: 'active',
      current_period_start: new Date(now - 86400_000).toISOString(),
      current_period_end: new Date(now + 30 * 86400_000).toISOString(),
      cancel_at_period_end: 0,
      started_at: new Date(now - 86400_000).toISOString(),
      updated_at: new Date(now).toISOString(),
      stripe_seen_at: new Date(now).toISOString(),
    })
    .execute();
  return token;
}

interface ClusterState {
  url: string;
  instances: Array<{ port: number; pid: number }>;
  databaseUrl: string;
  logDir: string;
}

export interface ClusterFigures {
  cached: LoadFigures;
  file: LoadFigures;
  member: LoadFigures;
  cacheStatus: string;
  /** The cache states nginx logged for the guide during the reader's run (warm-up included). */
  statesUnderLoad: Record<string, number>;
  /** Bytes of the guide's HTML, from the cache and in the plain file (the same bytes). */
  htmlBytes: number;
  upstreams: string[];
}

export async function benchCluster({
  path: guidePath,
  load,
}: {
  path: string;
  load: Load;
}): Promise<ClusterFigures> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sojoourn-bench-'));
  const stateFile = path.join(dir, 'cluster.json');
  // nginx's workers (www-data when started as root) read the plain-file copy from here.
  chmodSync(dir, 0o755);
  const base = `http://127.0.0.1:${CLUSTER_PORT}`;
  const cluster = spawn(process.execPath, ['--import', 'tsx', 'scripts/cluster.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: '',
      CLUSTER_PORT: String(CLUSTER_PORT),
      CLUSTER_PG_PORT: String(CLUSTER_PORT + 50),
      STANDIN_PORT: String(CLUSTER_PORT + 51),
      CLUSTER_SMTP_PORT: String(CLUSTER_PORT + 52),
      CLUSTER_INSTANCES: '2',
      CLUSTER_STATE_FILE: stateFile,
      CLUSTER_STATIC_DIR: dir,
      CLUSTER_STATIC_PORT: String(STATIC_PORT),
      // The bench reports the cache's state and which instance answered.
      CLUSTER_DEBUG_HEADERS: '1',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => cluster.once('exit', () => resolve()));
  try {
    const deadline = Date.now() + 180_000;
    while (!existsSync(stateFile)) {
      if (cluster.exitCode !== null) throw new Error('npm run cluster stopped before it was ready');
      if (Date.now() > deadline) throw new Error('the cluster did not start within 180 s');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    while (
      !(await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      ))
    ) {
      if (Date.now() > deadline) throw new Error('the cluster did not start within 180 s');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const state = JSON.parse(readFileSync(stateFile, 'utf8')) as ClusterState;
    const db = openDatabase(state.databaseUrl);
    let token: string;
    try {
      await migrateToLatest(db);
      token = await seedBenchMember(db);
    } finally {
      await db.destroy();
    }
    const cookie = { cookie: `next-auth.session-token=${token}` };

    const url = `${base}${guidePath}`;
    // The plain file: exactly the bytes the load tool gets from the cache for this guide.
    const first = await plainGet(url);
    if (first.status !== 200)
      throw new Error(`${guidePath} answered ${first.status} in the cluster`);
    writeFileSync(path.join(dir, 'guide.html'), first.body);
    chmodSync(path.join(dir, 'guide.html'), 0o644);
    const repeat = await plainGet(url);
    const cacheStatus = String(repeat.headers['x-cache-status'] ?? 'none');
    if (!repeat.body.equals(first.body))
      throw new Error('the cache answered the guide with other bytes on a repeat visit');
    const upstreams = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const response = await fetch(url, { headers: cookie });
      const body = await response.text();
      if (!body.includes('data-members-section="open"'))
        throw new Error('the member session did not render the members’ section in the cluster');
      upstreams.add(response.headers.get('x-upstream') ?? '');
    }

    // The cache states of the reader's run, from nginx's access log; nginx writes it out every
    // second (buffer=64k flush=1s), in whole lines.
    const accessLog = path.join(state.logDir, 'sojoourn-access.log');
    const flushed = () => new Promise((resolve) => setTimeout(resolve, 1500));
    await flushed();
    const logStart = statSync(accessLog).size;
    const cached = await load('reader via nginx cache', url, {});
    await flushed();
    const statesUnderLoad = cacheStates(
      readFileSync(accessLog).subarray(logStart).toString('utf8'),
      guidePath,
    );
    const file = await load(
      'reader, nginx plain file',
      `http://127.0.0.1:${STATIC_PORT}/guide.html`,
      {},
    );
    const member = await load('member via nginx, 2 instances', url, cookie);
    return {
      cached,
      file,
      member,
      cacheStatus,
      statesUnderLoad,
      htmlBytes: first.body.length,
      upstreams: [...upstreams].sort(),
    };
  } finally {
    cluster.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Prints the figures; returns the cluster's targets. */
export function printClusterFigures(figures: ClusterFigures): Target[] {
  const { cached, file, member } = figures;
  console.log('\nCluster (nginx + 2 instances + Postgres), same guide, same load\n');
  console.log('| request | req/s | p50 ms | p99 ms | errors | load avg |');
  console.log('|---|---|---|---|---|---|');
  for (const row of [cached, file, member])
    console.log(
      `| ${row.label} | ${row.rps} | ${row.p50} | ${row.p99} | ${row.errors} | ${row.load} |`,
    );
  const ratio = file.rps ? cached.rps / file.rps : 0;
  const states = Object.entries(figures.statesUnderLoad)
    .sort(([, a], [, b]) => b - a)
    .map(([state, count]) => `${state} ${count}`)
    .join(', ');
  console.log(
    `\nCache vs plain file: ${ratio.toFixed(2)}× (${figures.htmlBytes} bytes of HTML each; X-Cache-Status on a repeat visit: ${figures.cacheStatus}; cache states logged during the reader's run: ${states}; member answered by ${figures.upstreams.join(' and ')})`,
  );
  return [
    {
      what: "a reader's repeat visit comes from the cache",
      measured: figures.cacheStatus,
      wanted: 'HIT',
      met: figures.cacheStatus === 'HIT',
    },
    {
      what: "reader's guide from nginx's cache vs the same bytes from a file (req/s)",
      measured: `${ratio.toFixed(2)}×`,
      wanted: `≥ ${CLUSTER_TARGETS.cacheVsFile}×`,
      met: ratio >= CLUSTER_TARGETS.cacheVsFile,
    },
    {
      what: 'member through the cluster, 32 connections (req/s)',
      measured: String(member.rps),
      wanted: `≥ ${CLUSTER_TARGETS.memberRps}`,
      met: member.rps >= CLUSTER_TARGETS.memberRps,
    },
    {
      what: 'cluster requests that failed',
      measured: String(cached.errors + file.errors + member.errors),
      wanted: '0',
      met: !(cached.errors || file.errors || member.errors),
    },
  ];
}
