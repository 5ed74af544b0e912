// `npm run bench:content`: does the build scale with the number of guides? Copies the project's
// tracked files into a temporary folder inside the project (.bench-content/, so node_modules and the
// Turbopack root are the project's own), adds 500 synthetic guides (each with tags and a members'
// section), then times content:check, contentlayer and next build, and counts what the build made
// per guide (reader copies, tag pages, OG images, sitemap and feed entries): none may grow faster
// than the number of guides. The folder is removed at the end (BENCH_KEEP=1 keeps it).
//   BENCH_GUIDES=50 npm run bench:content      a smaller run
import { execFileSync, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { machineLoad } from './lib/prod-server';

const GUIDES = Number(process.env.BENCH_GUIDES ?? 500);
const WORK = '.bench-content';
const DIST = '.next-bench-content';
const TAG_POOL = 24;
const TARGETS = { contentCheckS: 5, wholeBuildS: 180 };

function synthetic(index: number): string {
  const n = String(index).padStart(4, '0');
  const tags = [`topic-${index % TAG_POOL}`, `topic-${(index * 7 + 3) % TAG_POOL}`, 'synthetic'];
  const paragraph = (k: number) =>
    `Paragraph ${k} of synthetic guide ${n}: the prefecture asks for proof of address, a passport and ` +
    `a recent photo; the CPAM answers within a few weeks and the *titre de séjour* must be valid. ` +
    `Keep a copy of everything you send, and write down the date you sent it.`;
  const sections = Array.from(
    { length: 4 },
    (_, s) => `## Step ${s + 1} for guide ${n}\n\n${paragraph(s * 2)}\n\n${paragraph(s * 2 + 1)}\n`,
  ).join('\n');
  return `---
title: "Synthetic guide ${n}"
summary: "A generated guide to time the build with many documents (${n})."
publishedAt: 2026-0${(index % 9) + 1}-1${index % 9}
reviewedAt: 2026-10-01
tags: [${[...new Set(tags)].join(', ')}]
access: public
officialLinks:
  - label: "Service-Public"
    url: "https://www.service-public.gouv.fr/particuliers/vosdroits/F${1000 + index}"
---

Introduction to synthetic guide ${n}. ${paragraph(0)}

${sections}
<MembersOnly id="members-tip-${n}" title="Members' tip for guide ${n}" teaser="A checklist for members, with what to say at the counter.">

Members' synthetic text ${n}: ask for the *attestation de droits* at the counter and keep it.

</MembersOnly>

## After that

${paragraph(9)}
`;
}

/** CPU seconds (user + system) of the children this process has waited for, from /proc. */
function childrenCpuSeconds(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
  // After the command name: cutime and cstime are fields 16 and 17 of stat, here 13 and 14.
  return (Number(fields[13] ?? 0) + Number(fields[14] ?? 0)) / 100;
}

async function timed(label: string, command: string, args: string[], env: NodeJS.ProcessEnv) {
  const start = Date.now();
  const cpuBefore = childrenCpuSeconds();
  const load = machineLoad();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { cwd: WORK, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${label} failed (exit ${code})`)),
    );
  });
  const seconds = (Date.now() - start) / 1000;
  // On a shared, loaded machine the wall clock mostly measures the others: CPU time says what the
  // step itself costs.
  const cpu = childrenCpuSeconds() - cpuBefore;
  console.log(`⏱ ${label}: ${seconds.toFixed(1)} s wall, ${cpu.toFixed(1)} s CPU (load ${load})`);
  return { label, seconds, cpu, load };
}

function countFiles(dir: string, pattern: RegExp): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) =>
    pattern.test(file),
  ).length;
}

async function main() {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK);
  const tracked = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' })
    .split('\0')
    .filter(Boolean)
    // No lockfile in the copy: the project folder stays the workspace root (its node_modules).
    .filter((file) => file !== 'package-lock.json' && !file.startsWith('e2e/'));
  for (const file of tracked) {
    if (!existsSync(file)) continue;
    mkdirSync(join(WORK, dirname(file)), { recursive: true });
    cpSync(file, join(WORK, file));
  }
  // Relative paths into node_modules (app/fonts.ts) must resolve in the copy too; the link stays
  // inside the Turbopack root (the project), which a link from the system's temp folder would not.
  symlinkSync('../node_modules', join(WORK, 'node_modules'));
  // Published guides only: a draft has no reader copy, OG image, sitemap or feed entry.
  const existing = readdirSync(join(WORK, 'content/guides')).filter(
    (file) => !/^draft:\s*true\s*$/m.test(readFileSync(join(WORK, 'content/guides', file), 'utf8')),
  ).length;
  for (let i = 1; i <= GUIDES; i++) {
    writeFileSync(
      join(WORK, 'content/guides', `synthetic-${String(i).padStart(4, '0')}.mdx`),
      synthetic(i),
    );
  }
  const guides = existing + GUIDES;
  console.log(
    `${guides} published guides (${GUIDES} synthetic) in ${WORK}; machine load ${machineLoad()}\n`,
  );

  const env = {
    ...process.env,
    NODE_ENV: 'production' as const,
    NEXT_DIST_DIR: DIST,
    SITE_URL: 'http://127.0.0.1:19050',
    NEXT_TELEMETRY_DISABLED: '1',
    // contentlayer2 works in INIT_CWD (set by npm to where `npm run` was typed), not in the cwd.
    INIT_CWD: resolve(WORK),
    PWD: resolve(WORK),
  };
  const tsx = join(process.cwd(), 'node_modules/.bin/tsx');
  const contentlayer = join(process.cwd(), 'node_modules/.bin/contentlayer2');
  const next = join(process.cwd(), 'node_modules/.bin/next');
  const steps = [
    await timed('content:check', tsx, ['scripts/content-check.ts'], env),
    await timed('contentlayer build', contentlayer, ['build'], env),
    await timed('next build', next, ['build'], env),
  ];
  const total = steps.reduce((sum, step) => sum + step.seconds, 0);

  // What the build made, against the number of guides.
  const app = join(WORK, DIST, 'server/app');
  const readerGuides = countFiles(join(app, 'reader/guides'), /^[a-z0-9-]+\.html$/);
  const tagPages = countFiles(join(app, 'reader/guides/tags'), /^[a-z0-9-]+\.html$/);
  const ogImages = countFiles(join(app, 'og/guides'), /^[a-z0-9-]+\.body$/);
  const read = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : '');
  const sitemap = read(join(app, 'sitemap.xml.body'));
  const feed = read(join(app, 'feed.xml.body'));
  const sitemapEntries = (sitemap.match(/<url>/g) ?? []).length;
  const feedEntries = (feed.match(/<item>/g) ?? []).length;
  const tags = TAG_POOL + 1 + 12; // synthetic tags + 'synthetic' + at most the real guides' tags

  const totalCpu = steps.reduce((sum, step) => sum + step.cpu, 0);
  console.log(`\n| step | wall s | CPU s | load avg before | target (wall) |`);
  console.log('|---|---|---|---|---|');
  for (const step of steps)
    console.log(
      `| ${step.label} | ${step.seconds.toFixed(1)} | ${step.cpu.toFixed(1)} | ${step.load} | ${step.label === 'content:check' ? `< ${TARGETS.contentCheckS}` : ''} |`,
    );
  console.log(
    `| whole build | ${total.toFixed(1)} | ${totalCpu.toFixed(1)} | | < ${TARGETS.wholeBuildS} |`,
  );
  console.log(`\n| output | count | bound (${guides} guides) |`);
  console.log('|---|---|---|');
  const outputs = [
    { name: 'reader guide copies', count: readerGuides, bound: guides },
    { name: 'tag pages', count: tagPages, bound: tags },
    { name: 'OG images (guides)', count: ogImages, bound: guides },
    { name: 'sitemap entries', count: sitemapEntries, bound: guides + tags + 30 },
    { name: 'feed entries', count: feedEntries, bound: guides },
  ];
  for (const o of outputs) console.log(`| ${o.name} | ${o.count} | ≤ ${o.bound} |`);
  const buildDir = join(WORK, DIST);
  const sizeMb = Number(execFileSync('du', ['-sm', buildDir], { encoding: 'utf8' }).split('\t')[0]);
  console.log(`\nBuild folder: ${sizeMb} MB (${(sizeMb / guides).toFixed(2)} MB per guide)`);

  const check = steps[0]?.seconds ?? 0;
  const misses = [
    check >= TARGETS.contentCheckS && `content:check took ${check.toFixed(1)} s`,
    total >= TARGETS.wholeBuildS && `the whole build took ${total.toFixed(0)} s`,
    ...outputs.filter((o) => o.count > o.bound).map((o) => `${o.name}: ${o.count} > ${o.bound}`),
    readerGuides < guides && `only ${readerGuides} reader copies for ${guides} guides`,
  ].filter(Boolean);
  console.log(
    misses.length
      ? `\nTargets missed: ${misses.join('; ')} (machine load now ${machineLoad()})`
      : '\nAll targets met.',
  );
  process.exitCode = misses.length ? 1 : 0;
  if (process.env.BENCH_KEEP !== '1') rmSync(WORK, { recursive: true, force: true });
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
