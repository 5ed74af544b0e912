// `npm run dev`: the whole site offline. Builds the content, starts the local Stripe stand-in when
// no Stripe key is set (shown as test mode), watches content/ and runs `next dev`. Sign-in links
// are printed to this console when no EMAIL_SERVER is set. Never used in production.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, watch, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { checkContentAndMdx } from './content-check';
import { DEV_PROBLEMS_FILE } from '../lib/content/dev-problems-file';
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
/** Staff in development when STAFF_EMAILS is not set: sign in with it to see /admin and drafts. */
const DEV_STAFF_EMAIL = 'staff@sojoourn.localhost';
const staffDefaulted = !env.STAFF_EMAILS?.trim();
if (staffDefaulted) env.STAFF_EMAILS = DEV_STAFF_EMAIL;

/**
 * Lines of contentlayer's output that say nothing to a person writing a guide: its "possibly a bug
 * in Contentlayer, please open an issue" for every MDX syntax error, its internal error objects,
 * the bundler's temporary file names and code frames. Our own check (below) names the file, the line and the field instead.
 */
const CONTENTLAYER_NOISE =
  /possibly a bug in Contentlayer|Please open an issue|_mdx_bundler_entry_point|UnexpectedMDXError|Cannot process MDX file with esbuild|\[plugin:? @mdx-js\/esbuild\]|SourceFetchDataError|HandledFetchDataError|^\s*[{}]\s*$|^\s*\d+\s*│|^\s*╵|^\s*$/;

function pipeFiltered(stream: NodeJS.ReadableStream | null, out: NodeJS.WritableStream) {
  if (!stream) return;
  createInterface({ input: stream }).on('line', (line) => {
    if (!CONTENTLAYER_NOISE.test(line.replace(/\u001b\[[0-9;]*m/g, ''))) out.write(`${line}\n`);
  });
}

const children: ChildProcess[] = [];
function run(
  command: string,
  args: string[],
  options: { wait?: boolean; filter?: boolean } = {},
): Promise<void> {
  const child = spawn(command, args, {
    stdio: options.filter ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    env,
  });
  if (options.filter) {
    pipeFiltered(child.stdout, process.stdout);
    pipeFiltered(child.stderr, process.stderr);
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

  // A broken file must not stop the site from starting: the check below says what is wrong.
  await run('npx', ['contentlayer2', 'build'], { wait: true, filter: true }).catch(() => undefined);
  await checkContentNow();
  watchContent();
  await run('npx', ['contentlayer2', 'dev'], { filter: true });
  await run('npx', ['next', 'dev', '-p', String(PORT), '-H', env.HOST ?? '127.0.0.1']);
  console.info(`\n🌍 Sojoourn: http://localhost:${PORT}\n`);
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
