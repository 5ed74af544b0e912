// Load check for the free-quote form: 200 concurrent valid submissions against a running
// production server on loopback, then counts that exactly 200 new requests were stored.
//
// It posts the way a browser without JavaScript does: GET /contact, copy the form's hidden
// `$ACTION_…` fields, then multipart POST /contact with the answers. Each post carries its own
// fill-time token (minted with the server's NEXTAUTH_SECRET, dated 10 s back so the minimum fill
// time holds) and its own X-Forwarded-For, so the per-IP limit is not what is measured.
//
//   npm run build
//   DATABASE_URL=file:./data/load.db NEXTAUTH_SECRET=load-secret-not-for-production-0123456789 \
//     NEXTAUTH_URL=http://127.0.0.1:3999 SITE_URL=http://127.0.0.1:3999 \
//     EMAIL_SERVER=smtp://127.0.0.1:2525 EMAIL_FROM='Sojoourn <hello@sojoourn.test>' \
//     STAFF_EMAILS=staff@sojoourn.test STRIPE_SECRET_KEY=sk_test_x STRIPE_WEBHOOK_SECRET=whsec_x \
//     STRIPE_PRICE_ID=price_x ALLOW_HTTP_FOR_LOCAL_TESTING=1 npx next start -p 3999 -H 127.0.0.1 &
//   E2E_SMTP_PORT=2525 npx tsx test/support/smtp-capture.ts &   # somewhere for the e-mails to go
//   DATABASE_URL=file:./data/load.db NEXTAUTH_SECRET=load-secret-not-for-production-0123456789 \
//     npx tsx scripts/load-contact.ts http://127.0.0.1:3999
//
// The server's own limits need not be raised: every post has its own address and a token dated
// back, so CONTACT_LIMIT_PER_IP (default 5) and CONTACT_MIN_FILL_MS (default 3000) can stay as they
// are. Exit code 0 when exactly 200 new requests are stored, 1 otherwise, 2 on a usage error.
// Bounded: 200 requests, 50 at a time, 60 s in all; it refuses any address that is not loopback.
// e2e/specs/contact-load.spec.ts runs the same check against the e2e server.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import { issueFormToken } from '../lib/contact/token';

export interface LoadOptions {
  baseUrl: string;
  secret: string;
  /** The server's SQLite file. */
  dbFile: string;
  total?: number;
  concurrency?: number;
  timeLimitMs?: number;
}

export interface LoadReport {
  total: number;
  statuses: Record<string, number>;
  stored: number;
  durationMs: number;
  p50Ms: number;
  p95Ms: number;
  errors: string[];
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function assertLoopback(raw: string): URL {
  const url = new URL(raw);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`Not an http URL: ${raw}`);
  if (!LOOPBACK_HOSTS.has(url.hostname) && !/^127\.\d+\.\d+\.\d+$/.test(url.hostname)) {
    throw new Error(`Refusing to load-test ${url.hostname}: only loopback addresses are allowed.`);
  }
  return url;
}

function decodeEntities(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The hidden `$ACTION_…` inputs Next renders into the no-JavaScript form. */
export function actionFields(html: string): [string, string][] {
  const fields: [string, string][] = [];
  for (const [tag] of html.matchAll(/<input\b[^>]*>/g)) {
    const attrs = Object.fromEntries(
      [...tag.matchAll(/([\w:-]+)="([^"]*)"/g)].map(([, key, value]) => [
        key,
        decodeEntities(value ?? ''),
      ]),
    );
    if (attrs.name?.startsWith('$ACTION')) fields.push([attrs.name, attrs.value ?? '']);
  }
  return fields;
}

function countRows(dbFile: string, marker: string): number {
  const db = new SQLite(dbFile, { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare('SELECT count(*) AS n FROM contact_request WHERE email LIKE ?')
      .get(`load-${marker}-%`) as { n: number };
    return row.n;
  } finally {
    db.close();
  }
}

/** The outcome of one post: its status and where it redirected ("303 → /contact/thanks"). */
export interface PostOutcome {
  status: number;
  location: string;
}

/**
 * Reads the /contact form once, then posts valid quote requests the way a browser without
 * JavaScript does. Each post has its own fill-time token and X-Forwarded-For (an IPv6 /64 of its
 * own, from `network`), so the per-IP limit is not what is measured.
 */
export async function contactFormPoster(baseUrl: string, secret: string, signal?: AbortSignal) {
  const base = assertLoopback(baseUrl);
  const contactUrl = new URL('/contact', base).toString();
  const page = await fetch(contactUrl, { signal });
  if (!page.ok) throw new Error(`GET /contact answered ${page.status}`);
  const hidden = actionFields(await page.text());
  if (!hidden.length) throw new Error('No $ACTION fields found in the /contact form');

  /** Posts request `index` from `email`; throws when the connection fails. */
  return async function post(index: number, email: string, network: string): Promise<PostOutcome> {
    const form = new FormData();
    for (const [name, value] of hidden) form.append(name, value);
    const answers: [string, string][] = [
      ['name', `Load Test ${index}`],
      ['email', email],
      ['phone', ''],
      ['situation', 'arriving'],
      ['nationality', 'other'],
      ['stay', '3-12-months'],
      ['procedures', 'health-insurance'],
      ['procedures', 'bank-account'],
      ['message', `Load test request ${index}.`],
      ['language', 'en'],
      ['consent', 'yes'],
      ['website', ''],
      ['formToken', issueFormToken(secret, { now: Date.now() - 10_000 })],
    ];
    for (const [name, value] of answers) form.append(name, value);
    const response = await fetch(contactUrl, {
      method: 'POST',
      body: form,
      redirect: 'manual',
      signal,
      headers: {
        origin: base.origin,
        accept: 'text/html',
        // A distinct documentation network per request (2001:db8::/32; the app keys IPv6 by /64).
        'x-forwarded-for': `2001:db8:${network}:${index.toString(16)}::1`,
      },
    });
    await response.arrayBuffer();
    return { status: response.status, location: response.headers.get('location') ?? '' };
  };
}

export async function runContactLoad({
  baseUrl,
  secret,
  dbFile,
  total = 200,
  concurrency = 50,
  timeLimitMs = 60_000,
}: LoadOptions): Promise<LoadReport> {
  const deadline = AbortSignal.timeout(timeLimitMs);
  const started = performance.now();
  const post = await contactFormPoster(baseUrl, secret, deadline);

  // Rows of this run are told apart by their e-mail address, so other traffic does not count.
  const marker = randomUUID().slice(0, 8);
  const before = countRows(dbFile, marker);
  const statuses: Record<string, number> = {};
  const errors: string[] = [];
  const latencies: number[] = [];

  async function submit(index: number) {
    const t0 = performance.now();
    try {
      const { status, location } = await post(
        index,
        `load-${marker}-${index}@example.test`,
        marker.slice(0, 4),
      );
      const key = `${status}${location ? ` → ${location}` : ''}`;
      statuses[key] = (statuses[key] ?? 0) + 1;
      if (status !== 303 || !location.endsWith('/contact/thanks')) errors.push(`#${index}: ${key}`);
    } catch (error) {
      errors.push(`#${index}: ${(error as Error).message}`);
      statuses.error = (statuses.error ?? 0) + 1;
    } finally {
      latencies.push(performance.now() - t0);
    }
  }

  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, total) }, async () => {
      while (next < total && !deadline.aborted) await submit(next++);
    }),
  );

  const stored = countRows(dbFile, marker) - before;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  return {
    total,
    statuses,
    stored,
    durationMs: Math.round(performance.now() - started),
    p50Ms: at(0.5),
    p95Ms: at(0.95),
    errors: errors.slice(0, 20),
  };
}

function dbFileFromEnv(): string {
  const url = process.env.DATABASE_URL;
  if (!url?.startsWith('file:'))
    throw new Error('Set DATABASE_URL to the server’s file:… SQLite database');
  return path.resolve(url.slice('file:'.length));
}

const isMain = process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]));
if (isMain) {
  const target = process.argv[2];
  const secret = process.env.NEXTAUTH_SECRET;
  if (!target || !secret) {
    console.error(
      'Usage: DATABASE_URL=file:… NEXTAUTH_SECRET=… npx tsx scripts/load-contact.ts http://127.0.0.1:<port>',
    );
    process.exit(2);
  }
  try {
    const report = await runContactLoad({ baseUrl: target, secret, dbFile: dbFileFromEnv() });
    console.log(JSON.stringify(report, null, 2));
    const ok = report.stored === report.total && report.errors.length === 0;
    console.log(
      ok
        ? `OK: ${report.stored} requests stored.`
        : `FAILED: ${report.stored} of ${report.total} stored.`,
    );
    process.exit(ok ? 0 : 1);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
}
