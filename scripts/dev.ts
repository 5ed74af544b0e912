// `npm run dev`: the whole site offline. Builds the content, starts the local Stripe stand-in when
// no Stripe key is set (shown as test mode), watches content/ and runs `next dev`. Sign-in links
// are printed to this console when no EMAIL_SERVER is set. Never used in production.
import { spawn, type ChildProcess } from 'node:child_process';
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

const children: ChildProcess[] = [];
function run(command: string, args: string[], options: { wait?: boolean } = {}): Promise<void> {
  const child = spawn(command, args, { stdio: 'inherit', env });
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

  await run('npx', ['contentlayer2', 'build'], { wait: true });
  await run('npx', ['contentlayer2', 'dev']);
  await run('npx', ['next', 'dev', '-p', String(PORT), '-H', env.HOST ?? '127.0.0.1']);
  console.info(`\n🌍 Sojoourn: http://localhost:${PORT}\n`);
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
