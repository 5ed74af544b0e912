// The cluster half of `npm run bench`: starts `npm run cluster` (2 instances, a throwaway Postgres,
// nginx with deploy/nginx.conf) and measures, on the same guide:
//   * a reader through nginx's cache, against nginx serving the same HTML as a plain file;
//   * a signed-in member through the cluster (never cached, rendered by either instance).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
}

export interface ClusterFigures {
  cached: LoadFigures;
  file: LoadFigures;
  member: LoadFigures;
  cacheStatus: string;
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
    // The plain file: exactly the HTML a reader gets for this guide.
    writeFileSync(path.join(dir, 'guide.html'), await (await fetch(url)).text());
    chmodSync(path.join(dir, 'guide.html'), 0o644);
    const cacheStatus = (await fetch(url)).headers.get('x-cache-status') ?? 'none';
    const upstreams = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const response = await fetch(url, { headers: cookie });
      const body = await response.text();
      if (!body.includes('data-members-section="open"'))
        throw new Error('the member session did not render the members’ section in the cluster');
      upstreams.add(response.headers.get('x-upstream') ?? '');
    }

    const cached = await load('reader via nginx cache', url, {});
    const file = await load(
      'reader, nginx plain file',
      `http://127.0.0.1:${STATIC_PORT}/guide.html`,
      {},
    );
    const member = await load('member via nginx, 2 instances', url, cookie);
    return { cached, file, member, cacheStatus, upstreams: [...upstreams].sort() };
  } finally {
    cluster.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Prints the figures; returns the targets missed. */
export function printClusterFigures(figures: ClusterFigures): string[] {
  const { cached, file, member } = figures;
  console.log('\nCluster (nginx + 2 instances + Postgres), same guide, same load\n');
  console.log('| request | req/s | p50 ms | p99 ms | errors |');
  console.log('|---|---|---|---|---|');
  for (const row of [cached, file, member])
    console.log(`| ${row.label} | ${row.rps} | ${row.p50} | ${row.p99} | ${row.errors} |`);
  const ratio = file.rps ? cached.rps / file.rps : 0;
  console.log(
    `\nCache vs plain file: ${ratio.toFixed(2)}× (X-Cache-Status on a repeat visit: ${figures.cacheStatus}; member answered by ${figures.upstreams.join(' and ')})`,
  );
  return [
    figures.cacheStatus !== 'HIT' && `a reader's repeat visit was ${figures.cacheStatus}, not HIT`,
    ratio < CLUSTER_TARGETS.cacheVsFile &&
      `cache ${ratio.toFixed(2)}× of a plain file < ${CLUSTER_TARGETS.cacheVsFile}×`,
    member.rps < CLUSTER_TARGETS.memberRps &&
      `cluster member ${member.rps} req/s < ${CLUSTER_TARGETS.memberRps}`,
    (cached.errors || file.errors || member.errors) && 'some cluster requests failed',
  ].filter((miss): miss is string => typeof miss === 'string');
}
