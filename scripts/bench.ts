// `npm run bench`: throughput and latency of the Carte Vitale guide on a production build, for a
// reader (no cookie → prerendered copy) and a signed-in member (rendered per request), plus the
// server's memory. Loopback only, bounded (fixed durations), and it checks the targets below.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import autocannon from 'autocannon';
import { migrateToLatest, openDatabase } from '../lib/db/connect';
import {
  SEEDED_PRICE_ID,
  STANDIN_SECRET_KEY,
  STANDIN_WEBHOOK_SECRET,
} from '../tools/stripe-standin/defaults';
import { benchCluster, printClusterFigures, seedBenchMember } from './bench-cluster';

const PORT = Number(process.env.BENCH_PORT ?? 3900);
const BASE = `http://127.0.0.1:${PORT}`;
const PATH = '/guides/carte-vitale';
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 32;
const DB_FILE = 'data/bench.db';

/**
 * Targets on this 2-core machine (see README, "Performance"). Measured 2026-11-26: reader ≈ 380
 * req/s (p99 ≈ 130 ms), member ≈ 90 req/s (p99 0.5–1.3 s: the long guide rendered per request),
 * ≈ 380 MB RSS. The targets sit below those figures to catch regressions, not noise.
 */
const TARGETS = { readerRps: 300, readerP99Ms: 300, memberRps: 70, memberP99Ms: 2000, rssMb: 600 };

async function seedMember(): Promise<string> {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${DB_FILE}${suffix}`, { force: true });
  const db = openDatabase(`file:${DB_FILE}`);
  try {
    await migrateToLatest(db);
    return await seedBenchMember(db);
  } finally {
    await db.destroy();
  }
}

async function waitForServer() {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${BASE}/robots.txt`)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the server did not start within 60 s');
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

async function load(label: string, headers: Record<string, string>) {
  return runLoad(label, `${BASE}${PATH}`, headers);
}

export interface LoadResult {
  label: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function runLoad(
  label: string,
  url: string,
  headers: Record<string, string>,
): Promise<LoadResult> {
  await autocannon({ url, connections: 8, duration: 2, headers }); // warm-up
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    headers,
  });
  return {
    label,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

async function main() {
  if (process.argv.includes('--cluster-only')) {
    // `npm run bench -- --cluster-only`: the nginx / cluster figures alone.
    const misses = printClusterFigures(await benchCluster({ path: PATH, load: runLoad }));
    console.log(misses.length ? `\nTargets missed: ${misses.join('; ')}` : '\nAll targets met.');
    process.exitCode = misses.length ? 1 : 0;
    return;
  }
  const dist = process.env.NEXT_DIST_DIR || '.next';
  if (!existsSync(`${dist}/BUILD_ID`)) {
    console.log('No production build yet: running npm run build…');
    await new Promise<void>((resolve, reject) =>
      spawn('npm', ['run', 'build'], { stdio: 'inherit' }).on('exit', (code) =>
        code === 0 ? resolve() : reject(new Error('build failed')),
      ),
    );
  }
  const token = await seedMember();
  const server = spawn('npx', ['next', 'start', '-p', String(PORT), '-H', '127.0.0.1'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: `file:./${DB_FILE}`,
      NEXTAUTH_URL: BASE,
      NEXTAUTH_SECRET: 'bench-secret-not-for-production-0123456789',
      EMAIL_SERVER: 'smtp://127.0.0.1:9',
      EMAIL_FROM: 'bench@sojoourn.test',
      // The stand-in's test values, but no stand-in: nothing listens on port 9, so the price
      // lookup fails fast (as before) and the page shows no price.
      STRIPE_SECRET_KEY: STANDIN_SECRET_KEY,
      STRIPE_WEBHOOK_SECRET: STANDIN_WEBHOOK_SECRET,
      STRIPE_PRICE_ID: SEEDED_PRICE_ID,
      STRIPE_API_BASE: 'http://127.0.0.1:9',
      // A local benchmark: production's refusals of http and STRIPE_API_BASE, switched off on purpose.
      ALLOW_HTTP_FOR_LOCAL_TESTING: '1',
      ALLOW_STRIPE_API_BASE_IN_PRODUCTION: '1',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  try {
    await waitForServer();
    const cookie = { cookie: `next-auth.session-token=${token}` };
    const memberPage = await (await fetch(`${BASE}${PATH}`, { headers: cookie })).text();
    if (!memberPage.includes('data-members-section="open"'))
      throw new Error('the member session did not render the members’ section');
    const readerPage = await fetch(`${BASE}${PATH}`);
    if (
      !readerPage.headers.get('x-nextjs-cache') &&
      !readerPage.headers.get('x-nextjs-prerender')
    ) {
      throw new Error('the reader request was not served from the prerendered copy');
    }

    const reader = await load('reader (no session, prerendered)', {});
    const member = await load('member (session, per request)', cookie);
    const serverPid = Number(
      (await new Promise<string>((resolve) => {
        const ps = spawn('pgrep', ['-f', `next-server|next start -p ${PORT}`]);
        let out = '';
        ps.stdout.on('data', (chunk) => (out += chunk));
        ps.on('exit', () => resolve(out.trim().split('\n').at(-1) ?? ''));
      })) || server.pid,
    );
    const memory = rssMb(serverPid);

    console.log(`\nGET ${PATH}, ${CONNECTIONS} connections, ${DURATION_S} s each, loopback\n`);
    console.log('| viewer | req/s | p50 ms | p99 ms | errors |');
    console.log('|---|---|---|---|---|');
    for (const row of [reader, member])
      console.log(`| ${row.label} | ${row.rps} | ${row.p50} | ${row.p99} | ${row.errors} |`);
    console.log(`\nServer memory after the runs: ${memory} MB RSS`);

    const misses = [
      reader.rps < TARGETS.readerRps && `reader ${reader.rps} req/s < ${TARGETS.readerRps}`,
      reader.p99 > TARGETS.readerP99Ms && `reader p99 ${reader.p99} ms > ${TARGETS.readerP99Ms}`,
      member.rps < TARGETS.memberRps && `member ${member.rps} req/s < ${TARGETS.memberRps}`,
      member.p99 > TARGETS.memberP99Ms && `member p99 ${member.p99} ms > ${TARGETS.memberP99Ms}`,
      memory > TARGETS.rssMb && `memory ${memory} MB > ${TARGETS.rssMb}`,
      (reader.errors || member.errors) && 'some requests failed',
    ].filter((miss): miss is string => typeof miss === 'string');
    if (server.pid) process.kill(-server.pid, 'SIGTERM');

    // The same run, behind nginx: the cluster of `npm run cluster` (2 instances, Postgres).
    const cluster = await benchCluster({ path: PATH, load: runLoad });
    misses.push(...printClusterFigures(cluster));

    console.log(misses.length ? `\nTargets missed: ${misses.join('; ')}` : '\nAll targets met.');
    process.exitCode = misses.length ? 1 : 0;
  } finally {
    if (server.pid) {
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {
        /* already stopped */
      }
    }
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
