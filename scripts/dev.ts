// `npm run dev`: the whole site offline. Builds the content, starts the local Stripe stand-in when
// no Stripe key is set (shown as test mode), watches content/ and runs `next dev`, then builds the
// search index from the development server's guide pages. Sign-in links are printed to this
// console when no EMAIL_SERVER is set; the partner link's placeholder is said. Never used in
// production.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, watch, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { checkContentAndMdx } from './content-check';
import { buildDevSearchIndex, readerFetch } from './lib/dev-search';
import { contentlayerLineFilter, nextLineWithSiteAddress, partnerNote } from './lib/dev-terminal';
import { DEV_PROBLEMS_FILE } from '../lib/content/dev-problems-file';
import { devSearchIndexDir } from '../lib/search/index-files';
import {
  SEEDED_PRICE_ID,
  STANDIN_DEFAULT_PORT,
  STANDIN_SECRET_KEY,
  STANDIN_WEBHOOK_SECRET,
} from '../tools/stripe-standin/defaults';
import { startStripeStandin } from '../tools/stripe-standin/server';

const PORT = Number(process.env.PORT ?? 3000);
const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'development' };
env.NEXTAUTH_URL ??= `http://localhost:${PORT}`;
const HOST = env.HOST ?? '127.0.0.1';
/** Where `next dev` listens, and the address people open (sign-in links and cookies use it). */
const LISTEN_URL = `http://${HOST}:${PORT}`;
const SITE_URL = new URL(env.NEXTAUTH_URL).origin;
/** The same server under two names: the terminal names it as the site does. */
const SAME_SERVER =
  HOST === '127.0.0.1' &&
  new URL(SITE_URL).hostname === 'localhost' &&
  SITE_URL.endsWith(`:${PORT}`);
/** Staff in development when STAFF_EMAILS is not set: sign in with it to see /admin and drafts. */
const DEV_STAFF_EMAIL = 'staff@sojoourn.localhost';
const staffDefaulted = !env.STAFF_EMAILS?.trim();
if (staffDefaulted) env.STAFF_EMAILS = DEV_STAFF_EMAIL;

/** Prints a child's output line by line, each through `transform` (null: the line is left out). */
function pipeLines(
  stream: NodeJS.ReadableStream | null,
  out: NodeJS.WritableStream,
  transform: (line: string) => string | null,
) {
  if (!stream) return;
  createInterface({ input: stream }).on('line', (line) => {
    const shown = transform(line);
    if (shown !== null) out.write(`${shown}\n`);
  });
}

/** Contentlayer's output without its own problem report and noise (scripts/lib/dev-terminal.ts). */
function contentlayerOutput(): (line: string) => string | null {
  const keep = contentlayerLineFilter();
  return (line) => (keep(line) ? line : null);
}

const children: ChildProcess[] = [];
function run(
  command: string,
  args: string[],
  options: { wait?: boolean; lines?: () => (line: string) => string | null } = {},
): Promise<void> {
  const child = spawn(command, args, {
    stdio: options.lines ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    // Piped output keeps its colours when this terminal shows them.
    env: options.lines && process.stdout.isTTY ? { ...env, FORCE_COLOR: '1' } : env,
  });
  if (options.lines) {
    pipeLines(child.stdout, process.stdout, options.lines());
    pipeLines(child.stderr, process.stderr, options.lines());
  }
  children.push(child);
  if (!options.wait) return Promise.resolve();
  return new Promise((resolve, reject) =>
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`)),
    ),
  );
}

async function main() {
  if (!env.STRIPE_SECRET_KEY) {
    const standin = await startStripeStandin({
      port: Number(env.STANDIN_PORT ?? STANDIN_DEFAULT_PORT),
      webhookUrl: `http://127.0.0.1:${PORT}/api/stripe/webhook`,
      webhookSecret: STANDIN_WEBHOOK_SECRET,
      stateFile: 'data/stripe-standin.json',
    });
    Object.assign(env, {
      STRIPE_API_BASE: standin.url,
      STRIPE_SECRET_KEY: STANDIN_SECRET_KEY,
      STRIPE_WEBHOOK_SECRET: STANDIN_WEBHOOK_SECRET,
      STRIPE_PRICE_ID: SEEDED_PRICE_ID,
    });
    console.info(
      `💳 Stripe stand-in (TEST MODE, local only) at ${standin.url}: pay with 4242 4242 4242 4242`,
    );
  }
  if (!env.EMAIL_SERVER)
    console.info('📬 No EMAIL_SERVER set: sign-in links and e-mails are printed here.');
  console.info(
    staffDefaulted
      ? `🧑‍💼 Staff (development default): sign in as ${DEV_STAFF_EMAIL} to see /admin and drafts` +
          ' (set STAFF_EMAILS=you@example.com to choose your own).'
      : `🧑‍💼 Staff: ${env.STAFF_EMAILS} (from STAFF_EMAILS): sign in as one of them to see /admin.`,
  );

  const partner = partnerNote(env);
  if (partner) console.info(partner);

  // A broken file must not stop the site from starting: the check below says what is wrong.
  await run('npx', ['contentlayer2', 'build'], { wait: true, lines: contentlayerOutput }).catch(
    () => undefined,
  );
  await checkContentNow();
  watchContent();
  await run('npx', ['contentlayer2', 'dev'], { lines: contentlayerOutput });
  await run('npx', ['next', 'dev', '-p', String(PORT), '-H', HOST], { lines: () => nextOutput });
}

/** Next's output, naming the site's address; once it is ready, the banner and the search index. */
function nextOutput(line: string): string {
  const shown = SAME_SERVER ? nextLineWithSiteAddress(line, LISTEN_URL, SITE_URL) : line;
  if (!nextReady && /Ready in/.test(line)) {
    nextReady = true;
    setImmediate(() => {
      console.info(`\n🌍 Sojoourn: ${SITE_URL}\n`);
      scheduleSearchIndex(0);
    });
  }
  return shown;
}
let nextReady = false;

/**
 * The search index of `npm run dev` (scripts/lib/dev-search.ts): built once Next is ready, and
 * again a few seconds after content changes (contentlayer regenerates first). One build at a time.
 */
let searchTimer: NodeJS.Timeout | undefined;
let searchRunning = false;
let searchAgain = false;
function scheduleSearchIndex(delayMs: number) {
  if (!nextReady) return;
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => void buildSearchIndex(), delayMs);
}
async function buildSearchIndex() {
  if (searchRunning) {
    searchAgain = true;
    return;
  }
  searchRunning = true;
  try {
    const indexed = await buildDevSearchIndex({
      contentDir: path.resolve('content'),
      out: devSearchIndexDir(),
      fetchPage: readerFetch(LISTEN_URL),
    });
    console.info(`🔎 Search: ${indexed.length} guide(s) indexed from this development server.`);
  } catch (error) {
    console.error(`🔎 Search index not built: ${(error as Error).message}`);
  } finally {
    searchRunning = false;
    if (searchAgain) {
      searchAgain = false;
      scheduleSearchIndex(0);
    }
  }
}

/**
 * Runs `content:check`'s rules (frontmatter and MDX syntax) and writes what it found for the
 * browser (lib/content/dev-problems.ts shows it above every page in development), and prints it
 * here in plain words: the file, the field or line, what to do.
 */
let lastReport: string | undefined;
async function checkContentNow() {
  const { problems } = await checkContentAndMdx(path.resolve('content'));
  mkdirSync(path.dirname(DEV_PROBLEMS_FILE), { recursive: true });
  writeFileSync(DEV_PROBLEMS_FILE, JSON.stringify({ problems }, null, 2));
  const report = problems.join('\n');
  if (report === lastReport) return;
  lastReport = report;
  if (problems.length) {
    console.error(
      `\n📝 Content problem${problems.length === 1 ? '' : 's'} (also shown in the browser):`,
    );
    for (const problem of problems) console.error(`  ✗ ${problem}`);
    console.error(
      '  Until a file is fixed the site shows its last version that built (a new file stays out).\n',
    );
  } else {
    console.info('📝 Content OK.');
  }
}

function watchContent() {
  let timer: NodeJS.Timeout | undefined;
  watch('content', { recursive: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(
      () => void checkContentNow().catch((e: Error) => console.error(e.message)),
      200,
    );
    scheduleSearchIndex(3000);
  });
}

function stop() {
  for (const child of children) child.kill('SIGTERM');
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

main().catch((error: Error) => {
  console.error(error.message);
  stop();
});
