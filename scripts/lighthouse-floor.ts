// `npm run lighthouse:floor`: what Total Blocking Time the machine and the browser produce alone,
// against which `npm run lighthouse`'s figures for the readers' pages are read. Runs Lighthouse
// (the same version, settings and Chromium as `npm run lighthouse`) on a trivial page (no
// stylesheet, no font, no script; also with Next's response headers) and on variants of reader
// copies: as served, without the stylesheet, the web font, our script, Cross-Origin-Opener-Policy
// or any of Next's response headers. The variants are served from memory, gzipped and with Next's
// response headers, by a small server in front of the production build (everything else, the
// stylesheet and the font, comes from the build); the copies are also measured straight from the
// build. Rounds go over every page in turn, so a change in the machine's load falls on all. For
// each run it prints the score, TBT and FCP, and the main thread's long tasks, simulated and
// real, with what they were spent on.
//   FLOOR_PAGES=/,/guides/carte-vitale   the reader copies to vary (default: these two)
//   FLOOR_VARIANTS=trivial,as-served,...  only these variants (default: all): trivial,
//                                         trivial-with-headers, as-served, no-stylesheet, no-font,
//                                         no-script, without-coop, no-headers
//   FLOOR_STYLESHEETS=pruned=/tmp/a.css   also a variant per stylesheet file, in place of the
//                                         page's own (to measure a cut before building it)
//   FLOOR_TRACE_CATEGORIES=fonts          more trace categories (Chromium's font look-ups then
//                                         show as FontCache::GetFontPlatformData in the tasks)
//   LH_RUNS=3, LH_PORT, LH_DEBUG_PORT, NEXT_DIST_DIR as for `npm run lighthouse`
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import lighthouse from 'lighthouse';
import { startChromium } from './lib/lighthouse-chromium';
import { distDir, ensureBuild, machineLoad, startServer } from './lib/prod-server';

const PORT = Number(process.env.LH_PORT ?? 19010);
const DEBUG_PORT = Number(process.env.LH_DEBUG_PORT ?? 19011);
const VARIANT_PORT = Number(process.env.FLOOR_PORT ?? PORT + 2);
const RUNS = Math.max(1, Number(process.env.LH_RUNS ?? 3));
const PAGES = (process.env.FLOOR_PAGES ?? '/,/guides/carte-vitale').split(',').filter(Boolean);

const TRIVIAL = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>A trivial page</title><meta name="description" content="The floor: no stylesheet, no font, no script."></head><body><main><h1>A trivial page</h1><p>One paragraph of text, nothing else: no stylesheet, no web font, no script.</p></main></body></html>`;

const STYLESHEET = /<link\b[^>]*\brel="stylesheet"[^>]*>/g;
const STYLE_PRELOAD = /<link\b[^>]*\bas="style"[^>]*>/g;
const FONT_PRELOAD = /<link\b[^>]*\bas="font"[^>]*>/g;
const OUR_SCRIPT = /<script\b[^>]*\bsrc="\/_next\/static\/reader\/[^"]*"[^>]*><\/script>/g;

/** Each variant of a reader copy's HTML, by name. */
const VARIANTS: Record<string, (html: string) => string> = {
  'as-served': (html) => html,
  'no-stylesheet': (html) => html.replace(STYLESHEET, '').replace(STYLE_PRELOAD, ''),
  // The font's preload goes, and so does the class on <html> that names the family
  // (next/font's `variable`): the stylesheet's font-family then has no web font to ask for.
  'no-font': (html) =>
    html.replace(FONT_PRELOAD, '').replace(/(<html\b[^>]*\bclass=")[^"]*"/, '$1"'),
  'no-script': (html) => html.replace(OUR_SCRIPT, ''),
};

interface LongTask {
  start: number;
  real: number;
  /** The heaviest events inside the task (nested ones included), ms. */
  inside: string;
}

/** The page's main thread's tasks of ≥ 10 ms real time, from the Lighthouse trace. */
function longTasks(trace: { traceEvents: TraceEvent[] }, url: string): LongTask[] {
  const events = trace.traceEvents;
  const parse = events.find(
    (e) => e.name === 'ParseHTML' && String(e.args?.beginData?.url ?? '').startsWith(url),
  );
  if (!parse) return [];
  const { pid, tid } = parse;
  const own = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X');
  const navigation = events.find(
    (e) => e.name === 'navigationStart' && e.pid === pid && e.args?.data?.documentLoaderURL,
  );
  const origin = navigation?.ts ?? Math.min(...own.map((e) => e.ts));
  return own
    .filter((e) => e.name === 'RunTask' && (e.dur ?? 0) >= 10_000)
    .map((task) => {
      const end = task.ts + (task.dur ?? 0);
      const byName = new Map<string, number>();
      for (const e of own) {
        if (e === task || e.ts < task.ts || e.ts >= end || e.name === 'RunTask') continue;
        byName.set(e.name, Math.max(byName.get(e.name) ?? 0, e.dur ?? 0));
      }
      // Chromium's font look-ups (traced with FLOOR_TRACE_CATEGORIES=fonts), summed.
      const fontLookups = own
        .filter((e) => e.name === 'FontCache::GetFontPlatformData' && e.ts >= task.ts && e.ts < end)
        .reduce((sum, e) => sum + (e.dur ?? 0), 0);
      if (fontLookups) byName.set('font look-ups (sum)', fontLookups);
      const inside = [...byName]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5)
        .map(([name, dur]) => `${name} ${(dur / 1000).toFixed(1)}`)
        .join(', ');
      return {
        start: Math.round((task.ts - origin) / 1000),
        real: Math.round((task.dur ?? 0) / 1000),
        inside,
      };
    });
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  // Trace event arguments are free-form JSON, different for each event name.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  args?: any;
}

async function main() {
  const dist = distDir('.next-lighthouse');
  await ensureBuild(dist, `http://127.0.0.1:${PORT}`);
  mkdirSync('data', { recursive: true });
  const server = await startServer({ port: PORT, dist, databaseFile: 'data/lighthouse.db' });
  const pages: Record<string, { html: string; headers: Record<string, string> }> = {
    '/trivial': { html: TRIVIAL, headers: {} },
  };
  const stylesheets: Record<string, string> = {};
  const wanted = process.env.FLOOR_VARIANTS?.split(',');
  for (const path of PAGES) {
    const answer = await fetch(`${server.base}${path}`);
    const html = await answer.text();
    // Next's own response headers (security headers, caching), the transfer ones aside.
    const nextHeaders = Object.fromEntries(
      [...answer.headers].filter(
        ([name]) =>
          !/^(content-encoding|content-length|transfer-encoding|connection|keep-alive|date)$/.test(
            name,
          ),
      ),
    );
    const { 'cross-origin-opener-policy': coop, ...withoutCoop } = nextHeaders;
    if (!coop) throw new Error(`${path}: no Cross-Origin-Opener-Policy to leave out`);
    // The trivial page with the first copy's response headers (COOP, CSP…): what they cost alone.
    if ((!wanted || wanted.includes('trivial-with-headers')) && !pages['/trivial/with-headers']) {
      pages['/trivial/with-headers'] = { html: TRIVIAL, headers: nextHeaders };
    }
    const headerVariants: Record<string, Record<string, string>> = {
      'without-coop': withoutCoop,
      'no-headers': {},
    };
    for (const [name, vary] of Object.entries(VARIANTS)) {
      if (wanted && !wanted.includes(name)) continue;
      const varied = vary(html);
      if (name !== 'as-served' && varied === html) throw new Error(`${name} changed nothing`);
      pages[`/floor${path === '/' ? '/home' : path}/${name}`] = {
        html: varied,
        headers: nextHeaders,
      };
    }
    for (const spec of process.env.FLOOR_STYLESHEETS?.split(',') ?? []) {
      const [name, file] = spec.split('=');
      if (!name || !file) throw new Error(`FLOOR_STYLESHEETS: "${spec}" is not name=file`);
      const href = `/floor-stylesheets/${name}.css`;
      stylesheets[href] = readFileSync(file, 'utf8');
      const varied = html.replace(
        /(<link\b[^>]*\brel="stylesheet"[^>]*\bhref=")[^"]*"/,
        `$1${href}"`,
      );
      if (varied === html) throw new Error('no stylesheet link to replace');
      pages[`/floor${path === '/' ? '/home' : path}/stylesheet-${name}`] = {
        html: varied,
        headers: nextHeaders,
      };
    }
    for (const [name, headers] of Object.entries(headerVariants)) {
      if (wanted && !wanted.includes(name)) continue;
      pages[`/floor${path === '/' ? '/home' : path}/${name}`] = { html, headers };
    }
  }
  if (wanted && !wanted.includes('trivial')) delete pages['/trivial'];
  // Gzipped as Next sends them: the bytes on the wire move the simulated paint, and with it
  // which tasks count as blocking.
  const send = (
    response: ServerResponse,
    status: number,
    headers: Record<string, string>,
    body: Buffer,
  ) => {
    response.writeHead(status, { ...headers, 'Content-Encoding': 'gzip' });
    response.end(gzipSync(body));
  };
  const variants = createServer(async (request, response) => {
    const page = pages[request.url ?? ''];
    if (page !== undefined) {
      send(
        response,
        200,
        { 'Content-Type': 'text/html; charset=utf-8', ...page.headers },
        Buffer.from(page.html),
      );
      return;
    }
    const stylesheet = stylesheets[request.url ?? ''];
    if (stylesheet !== undefined) {
      send(response, 200, { 'Content-Type': 'text/css; charset=utf-8' }, Buffer.from(stylesheet));
      return;
    }
    const upstream = await fetch(`${server.base}${request.url}`);
    const headers: Record<string, string> = {};
    for (const name of ['content-type', 'cache-control']) {
      const value = upstream.headers.get(name);
      if (value) headers[name] = value;
    }
    send(response, upstream.status, headers, Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise<void>((resolve) => variants.listen(VARIANT_PORT, '127.0.0.1', resolve));
  const targets = [
    ...Object.keys(pages).map((path) => `http://127.0.0.1:${VARIANT_PORT}${path}`),
    // The copies as the production server sends them, for comparison.
    ...PAGES.map((path) => `${server.base}${path}`),
  ];
  const chromium = await startChromium(DEBUG_PORT);
  const rows: string[] = [];
  try {
    // Round after round over every page, so that a change in the machine's load falls on all.
    for (let run = 1; run <= RUNS; run++)
      for (const url of targets) {
        await fetch(url);
        const load = machineLoad();
        const report = await lighthouse(url, {
          port: DEBUG_PORT,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance'],
          additionalTraceCategories: process.env.FLOOR_TRACE_CATEGORIES ?? null,
        });
        if (!report) throw new Error(`lighthouse returned nothing for ${url}`);
        const { lhr } = report;
        const audit = (id: string) => Math.round(Number(lhr.audits[id]?.numericValue ?? NaN));
        const simulated = (
          (lhr.audits['long-tasks']?.details as { items?: { duration: number }[] } | undefined)
            ?.items ?? []
        )
          .map((item) => Math.round(item.duration))
          .join(' + ');
        const real = longTasks(report.artifacts.Trace as { traceEvents: TraceEvent[] }, url)
          .map((task) => `@${task.start} ${task.real} ms (${task.inside})`)
          .join('; ');
        const name = url.replace(/^http:\/\/127\.0\.0\.1:\d+/, '');
        const where = url.startsWith(server.base) ? 'next' : 'floor server';
        const row = `| ${name} | ${where} | ${run} | ${Math.round((lhr.categories.performance?.score ?? 0) * 100)} | ${audit('total-blocking-time')} | ${audit('first-contentful-paint')} | ${simulated || '–'} | ${real || '–'} | ${load} |`;
        rows.push(row);
        console.log(row);
      }
  } finally {
    await chromium.stop();
    variants.close();
    server.stop();
  }
  const table = [
    '| page | served by | run | perf | TBT ms | FCP ms | long tasks, simulated ms | main-thread tasks ≥ 10 ms real (start ms after navigation) | load |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
  console.log(`\nLighthouse floor, mobile defaults, loopback\n\n${table}`);
  mkdirSync('reports', { recursive: true });
  writeFileSync('reports/lighthouse-floor.md', `${table}\n`);
  console.log('\nWritten to reports/lighthouse-floor.md');
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
