// `npm run reader:copies` (the build runs it after `next build`, before the search index): strips
// the framework's runtime and inline RSC payload from the readers' prerendered copies
// (app/reader/**, as Next wrote them under <dist>/server/app/reader*), keeping their HTML, and
// gives them one small script of ours, lib/enhance/reader-entry.ts, bundled here into
// <dist>/static/reader/ (served as /_next/static/reader/…, immutable). Next then serves the
// rewritten files: it reads a prerendered page from these files (and copies them into its route
// cache on first use). Next's originals are kept aside in <dist>/reader-originals/ for the spec
// that compares the two (e2e/specs/reader-copies.spec.ts), and <dist>/reader-copies.json says
// what was done to each page (lib/reader-copies/cache-handler.js reads it to strip the copies Next
// renders again at run time, the hourly events pages). Fails loudly when a copy is missing or does not look as expected.
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { READER_SCRIPT_DIR, stripRuntime } from '../lib/reader-copies/strip';
import {
  KEPT_WITH_RUNTIME,
  READER_COPIES_MANIFEST,
  READER_ORIGINALS_DIR,
  READER_SCRIPT_MAX_GZIP,
  type ReaderCopiesManifest,
  type ReaderCopy,
} from '../lib/reader-copies/copies';

const dist = process.env.NEXT_DIST_DIR || '.next';
const appDir = path.join(dist, 'server', 'app');

/** Every reader copy's HTML file, relative to server/app ('reader.html', 'reader/guides/x.html'). */
function readerFiles(): string[] {
  const found: string[] = [];
  const walk = (relative: string) => {
    for (const name of readdirSync(path.join(appDir, relative))) {
      const child = path.join(relative, name);
      if (statSync(path.join(appDir, child)).isDirectory()) walk(child);
      else if (name.endsWith('.html')) found.push(child);
    }
  };
  if (existsSync(path.join(appDir, 'reader.html'))) found.push('reader.html');
  if (existsSync(path.join(appDir, 'reader'))) walk('reader');
  return found.sort();
}

/** 'reader/guides/x.html' → '/guides/x' (the address a reader asks for). */
const addressOf = (file: string) =>
  file === 'reader.html' ? '/' : `/${file.replace(/^reader\//, '').replace(/\.html$/, '')}`;

async function bundleScript(): Promise<string> {
  const result = await build({
    entryPoints: ['lib/enhance/reader-entry.ts'],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    write: false,
    legalComments: 'none',
  });
  const code = result.outputFiles[0]?.contents;
  if (!code) throw new Error('esbuild wrote no readers’ script');
  const gzipped = gzipSync(code).length;
  if (gzipped > READER_SCRIPT_MAX_GZIP) {
    throw new Error(
      `the readers' script is ${gzipped} bytes gzipped (> ${READER_SCRIPT_MAX_GZIP})`,
    );
  }
  const name = `enhance-${createHash('sha256').update(code).digest('hex').slice(0, 12)}.js`;
  const dir = path.join(dist, READER_SCRIPT_DIR);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, name), code);
  return `/_next/${READER_SCRIPT_DIR}/${name}`;
}

async function main() {
  const files = readerFiles();
  const addresses = files.map(addressOf);
  // The pages every build has (the dynamic routes' own pages are checked by count below).
  for (const address of [
    '/',
    '/guides',
    '/events',
    '/partners/partirassur',
    ...KEPT_WITH_RUNTIME.map((k) => k.path),
  ]) {
    if (!addresses.includes(address)) {
      throw new Error(
        `no prerendered reader copy of ${address} in ${appDir}: run next build first`,
      );
    }
  }
  for (const prefix of ['/guides/tags/', '/events/']) {
    if (!addresses.some((address) => address.startsWith(prefix))) {
      throw new Error(`no prerendered reader copy under ${prefix} in ${appDir}`);
    }
  }
  const buildId = readFileSync(path.join(dist, 'BUILD_ID'), 'utf8').trim();
  const manifestFile = path.join(dist, READER_COPIES_MANIFEST);
  const originals = path.join(dist, READER_ORIGINALS_DIR);
  // Originals kept for another build are not this build's pages.
  const previous = existsSync(manifestFile)
    ? (JSON.parse(readFileSync(manifestFile, 'utf8')) as ReaderCopiesManifest).buildId
    : null;
  if (previous !== buildId) rmSync(originals, { recursive: true, force: true });
  const scriptSrc = await bundleScript();
  const copies: ReaderCopy[] = [];
  for (const file of files) {
    const address = addressOf(file);
    const original = path.join(originals, file);
    // Run twice on one build: start again from Next's original.
    if (!existsSync(original)) {
      mkdirSync(path.dirname(original), { recursive: true });
      cpSync(path.join(appDir, file), original);
    }
    const html = readFileSync(original, 'utf8');
    const kept = KEPT_WITH_RUNTIME.find((page) => page.path === address);
    if (kept) {
      copies.push({
        path: address,
        file,
        stripped: false,
        reason: kept.reason,
        bytes: html.length,
      });
      continue;
    }
    let stripped;
    try {
      stripped = stripRuntime(html, scriptSrc);
    } catch (error) {
      throw new Error(`${file}: ${(error as Error).message}`);
    }
    writeFileSync(path.join(appDir, file), stripped.html);
    copies.push({
      path: address,
      file,
      stripped: true,
      bytes: stripped.html.length,
      originalBytes: html.length,
    });
  }
  const manifest: ReaderCopiesManifest = { buildId, script: scriptSrc, copies };
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
  const done = copies.filter((copy) => copy.stripped);
  const before = done.reduce((sum, copy) => sum + (copy.originalBytes ?? 0), 0);
  const after = done.reduce((sum, copy) => sum + copy.bytes, 0);
  console.log(
    `reader:copies: ${done.length} reader copies without the runtime (${Math.round((100 * after) / before)} % of their HTML), ` +
      `${copies.length - done.length} kept with it (${copies
        .filter((c) => !c.stripped)
        .map((c) => c.path)
        .join(', ')}); script ${scriptSrc}`,
  );
}

main().catch((error: unknown) => {
  console.error(`reader:copies failed: ${(error as Error).message}`);
  process.exit(1);
});
