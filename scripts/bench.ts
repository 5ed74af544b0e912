// `npm run bench`: the Carte Vitale guide on a production build, loopback only, bounded durations.
// - throughput and latency for a reader (no cookie → prerendered copy) and a signed-in member
//   (the members' edition, lib/content/editions.ts: access checked per request, the page rendered
//   once), at 4 and 32 connections, with the server's memory;
// - what the page costs a browser, for a reader (the stripped prerendered copy,
//   scripts/reader-copies.ts), for the same copy as Next rendered it (kept aside by that step) and
//   for a member (the full app): HTML and script bytes, raw and gzipped, and the inline RSC payload.
// - the same guide behind nginx: the cluster of `npm run cluster` (scripts/bench-cluster.ts).
// It checks the targets below and says which were missed (exit code 1): a figure for the note,
// not a CI step (the machine's load moves it; the load is printed).
//   BENCH_SECONDS=5 npm run bench          shorter runs
//   BENCH_CPU_PROF=reports/cpu npm run bench   the server writes a V8 CPU profile there on exit
//   npm run bench -- --cluster-only        the nginx / cluster figures alone
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { migrateToLatest, openDatabase } from '../lib/db/connect';
import {
  benchCluster,
  printClusterFigures,
  printTargets,
  seedBenchMember,
  type LoadFigures,
  type Target,
} from './bench-cluster';
import {
  READER_COPIES_MANIFEST,
  READER_ORIGINALS_DIR,
  type ReaderCopy,
} from '../lib/reader-copies/copies';
import { distDir, ensureBuild, machineLoad, rssMb, startServer } from './lib/prod-server';

const PORT = Number(process.env.BENCH_PORT ?? 19000);
const PATH = '/guides/carte-vitale';
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const DB_FILE = 'data/bench.db';

/**
 * Targets, same run, loopback (issue 12): at 4 connections the member's p50 ≤ 2× the reader's; at
 * 32 the member's throughput ≥ 0.5× the reader's. Issue 25: a reader's guide loads ≤ 10 KB of
 * JavaScript (gzip) and ≤ 60 % of the HTML bytes Next rendered. Plus regression floors from before
 * (2026-11-26: reader ≈ 380 req/s, member ≈ 90, ≈ 380 MB RSS).
 */
const TARGETS = {
  memberP50VsReaderAt4: 2,
  memberRpsVsReaderAt32: 0.5,
  readerJsKbGzip: 10,
  readerHtmlVsNext: 0.6,
  readerRps: 150,
  memberP99Ms: 2000,
  rssMb: 600,
};

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

interface Row extends LoadFigures {
  connections: number;
}

/** One autocannon run after a short warm-up (which the figures leave out). */
async function measure(
  label: string,
  url: string,
  connections: number,
  headers: Record<string, string>,
  warmUpConnections: number,
): Promise<Row> {
  await autocannon({ url, connections: warmUpConnections, duration: 2, headers });
  const load = machineLoad();
  const result = await autocannon({ url, connections, duration: DURATION_S, headers });
  return {
    label,
    connections,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    load,
  };
}

/** The cluster's runs: 32 connections on any URL (bench-cluster.ts). */
const clusterLoad = (label: string, url: string, headers: Record<string, string>) =>
  measure(label, url, 32, headers, 8);

const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;

/** A build file named by its URL path (/_next/static/…): raw and gzipped bytes. */
function assetBytes(dist: string, src: string): { raw: number; gzip: number } {
  const file = join(dist, src.replace(/^\/_next\//, '').split('?')[0] ?? '');
  if (!existsSync(file)) throw new Error(`${src} is not in ${dist}`);
  const bytes = readFileSync(file);
  return { raw: bytes.length, gzip: gzipSync(bytes).length };
}

/**
 * The scripts a browser downloads for a page: every <script src>, but `noModule` ones (Next's
 * legacy polyfills, which only browsers without ES modules fetch).
 */
const pageScripts = (html: string) =>
  [...html.matchAll(/<script\b([^>]*)>/g)]
    .map((m) => m[1] ?? '')
    .filter((attributes) => !/\bnomodule\b/i.test(attributes))
    .map((attributes) => /\bsrc="([^"]+\.js)[^"]*"/.exec(attributes)?.[1])
    .filter((src): src is string => Boolean(src));

/** What a page costs a browser: its HTML and the scripts it loads, raw and gzipped. */
function pageWeight(dist: string, html: string) {
  const scripts = pageScripts(html).map((src) => assetBytes(dist, src));
  const inline = [...html.matchAll(/self\.__next_f\.push\(\[1,("(?:[^"\\]|\\.)*")\]\)/g)]
    .map((m) => m[1]?.length ?? 0)
    .reduce((a, b) => a + b, 0);
  return {
    html: Buffer.byteLength(html),
    htmlGzip: gzipSync(html).length,
    rscInline: inline,
    scripts: scripts.length,
    js: scripts.reduce((total, file) => total + file.raw, 0),
    jsGzip: scripts.reduce((total, file) => total + file.gzip, 0),
  };
}

/** Next's own rendering of the reader copy at `path`, kept aside by scripts/reader-copies.ts. */
function nextOriginal(dist: string, path: string): string {
  const manifest = JSON.parse(readFileSync(join(dist, READER_COPIES_MANIFEST), 'utf8')) as {
    copies: ReaderCopy[];
  };
  const copy = manifest.copies.find((c) => c.path === path);
  if (!copy) throw new Error(`no reader copy of ${path} in ${dist}/${READER_COPIES_MANIFEST}`);
  return readFileSync(join(dist, READER_ORIGINALS_DIR, copy.file), 'utf8');
}

async function main() {
  if (process.argv.includes('--cluster-only')) {
    const targets = printClusterFigures(await benchCluster({ path: PATH, load: clusterLoad }));
    process.exitCode = printTargets(targets).length ? 1 : 0;
    return;
  }
  const dist = distDir();
  await ensureBuild(dist, `http://127.0.0.1:${PORT}`);
  const token = await seedMember();
  const profileDir = process.env.BENCH_CPU_PROF;
  const server = await startServer({
    port: PORT,
    dist,
    databaseFile: DB_FILE,
    nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : undefined,
  });
  const base = server.base;
  try {
    const cookie = { cookie: `next-auth.session-token=${token}` };
    const memberPage = await (await fetch(`${base}${PATH}`, { headers: cookie })).text();
    if (!memberPage.includes('data-members-section="open"'))
      throw new Error('the member session did not render the members’ section');
    const readerResponse = await fetch(`${base}${PATH}`);
    if (
      !readerResponse.headers.get('x-nextjs-cache') &&
      !readerResponse.headers.get('x-nextjs-prerender')
    ) {
      throw new Error('the reader request was not served from the prerendered copy');
    }
    const reader = pageWeight(dist, await readerResponse.text());
    const original = pageWeight(dist, nextOriginal(dist, PATH));
    const member = pageWeight(dist, memberPage);

    const rows: Row[] = [];
    for (const connections of [4, 32]) {
      rows.push(await measure('reader (prerendered)', `${base}${PATH}`, connections, {}, 4));
      rows.push(await measure('member (edition)', `${base}${PATH}`, connections, cookie, 4));
    }
    const memory = rssMb(await server.serverPid());
    const row = (label: string, connections: number) =>
      rows.find((r) => r.label.startsWith(label) && r.connections === connections)!;

    console.log(`\nGET ${PATH}, ${DURATION_S} s per run, loopback\n`);
    console.log('| viewer | connections | req/s | p50 ms | p99 ms | errors | load avg |');
    console.log('|---|---|---|---|---|---|---|');
    for (const r of rows)
      console.log(
        `| ${r.label} | ${r.connections} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.load} |`,
      );
    console.log(`\nServer memory after the runs: ${memory} MB RSS`);

    const p50Ratio = row('member', 4).p50 / Math.max(row('reader', 4).p50, 1);
    const rpsRatio = row('member', 32).rps / Math.max(row('reader', 32).rps, 1);
    const htmlShare = reader.html / Math.max(original.html, 1);
    console.log(`\nWhat ${PATH} costs a browser (KB; gzip in brackets):\n`);
    console.log('| page | HTML | of which inline RSC | scripts | JS |');
    console.log('|---|---|---|---|---|');
    for (const [label, w] of [
      ['reader (stripped copy)', reader],
      ['reader copy as Next rendered it', original],
      ['member (full app)', member],
    ] as const) {
      console.log(
        `| ${label} | ${kb(w.html)} (${kb(w.htmlGzip)}) | ${kb(w.rscInline)} | ${w.scripts} | ${kb(w.js)} (${kb(w.jsGzip)}) |`,
      );
    }
    const readerAt32 = row('reader', 32);
    const memberAt32 = row('member', 32);
    const errors = rows.reduce((total, r) => total + r.errors, 0);
    const targets: Target[] = [
      {
        what: "member p50 / reader's, 4 connections",
        measured: p50Ratio.toFixed(2),
        wanted: `≤ ${TARGETS.memberP50VsReaderAt4}`,
        met: p50Ratio <= TARGETS.memberP50VsReaderAt4,
      },
      {
        what: "member req/s / reader's, 32 connections",
        measured: rpsRatio.toFixed(2),
        wanted: `≥ ${TARGETS.memberRpsVsReaderAt32}`,
        met: rpsRatio >= TARGETS.memberRpsVsReaderAt32,
      },
      {
        what: "reader's guide: JavaScript (gzip)",
        measured: `${kb(reader.jsGzip)} KB`,
        wanted: `≤ ${TARGETS.readerJsKbGzip} KB`,
        met: reader.jsGzip <= TARGETS.readerJsKbGzip * 1024,
      },
      {
        what: "reader's guide: HTML bytes, share of Next's",
        measured: `${Math.round(htmlShare * 100)} %`,
        wanted: `≤ ${TARGETS.readerHtmlVsNext * 100} %`,
        met: htmlShare <= TARGETS.readerHtmlVsNext,
      },
      {
        what: 'reader req/s, 32 connections',
        measured: String(readerAt32.rps),
        wanted: `≥ ${TARGETS.readerRps}`,
        met: readerAt32.rps >= TARGETS.readerRps,
      },
      {
        what: 'member p99, 32 connections',
        measured: `${memberAt32.p99} ms`,
        wanted: `≤ ${TARGETS.memberP99Ms} ms`,
        met: memberAt32.p99 <= TARGETS.memberP99Ms,
      },
      {
        what: 'server memory after the runs',
        measured: `${memory} MB`,
        wanted: `≤ ${TARGETS.rssMb} MB`,
        met: memory <= TARGETS.rssMb,
      },
      {
        what: 'requests that failed',
        measured: String(errors),
        wanted: '0',
        met: errors === 0,
      },
    ];
    server.stop();

    // The same guide behind nginx: the cluster of `npm run cluster` (2 instances, Postgres).
    targets.push(...printClusterFigures(await benchCluster({ path: PATH, load: clusterLoad })));
    process.exitCode = printTargets(targets).length ? 1 : 0;
  } finally {
    server.stop();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
