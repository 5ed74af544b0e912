// `npm run bench:data` (issue 27): does the club's cost stay flat as it grows? Seeds 100 / 10,000 /
// 200,000 people (2 sessions each, 30 % members, requests with their history, event registrations
// with one uncapped event that many attend, rate-limit windows, sent e-mails, Stripe events,
// referral clicks, members' files) into a temporary SQLite database and a throwaway Postgres
// (scripts/pg-throwaway.sh), starts a production build on each (loopback), and prints per size and
// database: the member guide's p50/p99 at 4 and 32 connections, /admin and its searches, an event
// page as staff, the export, deletion, housekeeping with and without a backlog and the event loop's
// longest block while it works, and the member guide's p99 while the server's own housekeeping
// works off a backlog (the runs' times read from the server's log), each beside the issue's target
// (met / not met). One size and one database per run keeps a locked job short:
//   npm run bench:data -- --sizes=100,10000 --db=sqlite      quick runs
//   npm run bench:data -- --seed-only --sizes=200000           seeding alone, timed (no build, no server)
//   npm run bench:data -- --db-only                           the database figures alone (no build, no server)
//   BENCH_KEEP_DB=1 npm run bench:data -- --seed-only …       the seeded database kept (its URL printed)
//   npm run bench:data -- --only=housekeeping,during          some rows alone (groups: guide, desk,
//                                                             queries, deletion, housekeeping, during)
//   … --only=desk --save-html=DIR                             and each desk page's HTML written to DIR
//   BENCH_SECONDS=10 BENCH_PORT=19100 BENCH_PG_PORT=15460     (defaults: 5 s runs, these ports)
//   BENCH_CPU_PROF=DIR                                        the server's CPU profile, written to DIR
// Wrap it in `flock /tmp/heavy.lock` on a shared machine: it builds (once) and loads the CPU.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { CompiledQuery, sql, type Insertable, type Kysely } from 'kysely';
import { seedBenchMember } from './bench-cluster';
import { distDir, ensureBuild, machineLoad, startServer, type ProdServer } from './lib/prod-server';
import { deleteAccountRows } from '../lib/account/store';
import { listAllAssistanceRequests } from '../lib/assistance/store';
import { listContactRequests } from '../lib/contact/store';
import { migrateToLatest, openDatabase } from '../lib/db/connect';
import { isPostgres } from '../lib/db/dialect';
import {
  housekeepingBatches,
  runHousekeeping,
  type HousekeepingReport,
} from '../lib/db/housekeeping';
import { hitItsCap } from '../lib/db/housekeeping-schedule';
import type { Database } from '../lib/db/schema';
import { INBOX_PAGE_SIZE } from '../lib/inbox/schema';
import type { Viewer } from '../lib/access';
import { assistanceInbox } from '../lib/assistance/service';
import { countMemberships } from '../lib/billing/membership-store';
import { contactInbox } from '../lib/contact/service';
import { fileCountsByStep, overdueFiles } from '../lib/file/service';
import { referralClicksByWeek } from '../lib/referrals/store';

const PORT = Number(process.env.BENCH_PORT ?? 19100);
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 15460);
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 5);
const STAFF_EMAIL = 'desk@sojoourn.test';
const GUIDE = '/guides/carte-vitale';
/** The uncapped event (no `capacity` in its frontmatter) that a share of everyone attends. */
const BIG_EVENT = '2026-10-health-cover-first-steps';
const CAPPED_EVENT = '2027-01-carte-vitale-questions-answered';
const DAY = 86400_000;

/** The issue's targets, at 200,000 people on this machine (issue 27, "Goal"). */
const TARGET = {
  adminMs: 40,
  searchMs: 40,
  eventPageMs: 60,
  idleHousekeepingMs: 5,
  longestBlockMs: 50,
  guideP99DuringVsWithout: 1.5,
};

const FIRST = [
  'Ana',
  'Bruno',
  'Chloé',
  'David',
  'Élodie',
  'Farid',
  'Greta',
  'Hugo',
  'Inès',
  'Jack',
];
const LAST = ['Dupont', 'Martin', 'Bernard', 'Smith', 'Nguyen', 'García', 'Rossi', 'Müller'];
/** A name shared by about 1 in 80 people, with a number so that a full name is rarer still. */
const nameOf = (i: number) =>
  `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]} ${i % 1000}`;
const emailOf = (i: number) => `person${i}@example.test`;

function argument(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}

const GROUPS = ['guide', 'desk', 'queries', 'deletion', 'housekeeping', 'during'] as const;
type Group = (typeof GROUPS)[number];
const only = argument('only')?.split(',') as Group[] | undefined;
if (only?.some((group) => !GROUPS.includes(group)))
  throw new Error(`usage: bench:data -- --only=<${GROUPS.join('|')},…>`);
/** Whether this run measures `group`'s rows (all of them without --only). */
const measures = (group: Group) => !only || only.includes(group);

/** Inserts `count` rows made by `row(i)` in statements of `chunk` rows. */
async function bulk<T extends keyof Database>(
  db: Kysely<Database>,
  table: T,
  count: number,
  row: (i: number) => Insertable<Database[T]>,
  chunk = 400,
): Promise<void> {
  for (let start = 0; start < count; start += chunk) {
    const rows = Array.from({ length: Math.min(chunk, count - start) }, (_, k) => row(start + k));
    // Kysely's insert types do not narrow through a generic table name.
    await db
      .insertInto(table)
      .values(rows as never)
      .execute();
  }
}

interface Seeded {
  people: number;
  /** People with requests, registrations and a file: the ones deletion and export work on. */
  busyUserIds: string[];
  memberToken: string;
  staffToken: string;
  rows: number;
}

/** The club at `people` people, as of `now`. Nothing in it is due for housekeeping. */
async function seed(db: Kysely<Database>, people: number, now: number): Promise<Seeded> {
  const iso = (ms: number) => new Date(ms).toISOString();
  const ids = Array.from({ length: people }, () => randomUUID());
  const id = (i: number) => ids[i] ?? '';
  let rows = 0;
  const add = async <T extends keyof Database>(
    table: T,
    count: number,
    row: (i: number) => Insertable<Database[T]>,
  ) => {
    // One transaction per table: SQLite writes its journal once, not per statement.
    await db.transaction().execute((trx) => bulk(trx, table, count, row));
    rows += count;
  };
  await add('User', people, (i) => ({
    id: id(i),
    email: emailOf(i),
    name: nameOf(i),
    emailVerified: null,
    image: null,
  }));
  await add('Session', people * 2, (i) => ({
    sessionToken: randomUUID(),
    userId: id(i >> 1),
    expires: iso(now + 20 * DAY),
    signedInAt: iso(now - DAY),
  }));
  const members = Math.floor(people * 0.3);
  await add('membership', members, (i) => ({
    user_id: id(i),
    subscription_id: `sub_${i}`,
    customer_id: `cus_${i}`,
    status: 'active',
    current_period_start: iso(now - 10 * DAY),
    current_period_end: iso(now + 20 * DAY),
    cancel_at_period_end: 0,
    started_at: iso(now - 40 * DAY),
    updated_at: iso(now - DAY),
    stripe_seen_at: iso(now - DAY),
  }));
  await add('stripe_event', members, (i) => ({
    id: `evt_${i}`,
    type: 'invoice.paid',
    received_at: iso(now - (i % 25) * DAY),
  }));
  // Requests: one member in 5 asked for assistance, one person in 10 for a quote; each has a history.
  const assistance = Math.max(1, Math.floor(members / 5));
  const assistanceIds = Array.from({ length: assistance }, () => randomUUID());
  const statuses = ['new', 'in_progress', 'answered', 'closed'];
  await add('assistance_request', assistance, (i) => ({
    id: assistanceIds[i] ?? '',
    user_id: id(i),
    created_at: iso(now - i * 60_000),
    updated_at: iso(now - i * 60_000),
    topic: 'health-insurance',
    description: 'I arrived in March and would like help with my Carte Vitale application.',
    contact_method: 'email',
    phone: null,
    language: 'en',
    status: statuses[i % 4] ?? 'new',
  }));
  await add('request_event', assistance, (i) => ({
    id: randomUUID(),
    request_kind: 'assistance',
    request_id: assistanceIds[i] ?? '',
    created_at: iso(now - i * 60_000 + 1000),
    actor_email: STAFF_EMAIL,
    field: 'status',
    from_value: 'new',
    to_value: statuses[i % 4] ?? 'new',
  }));
  const quotes = Math.max(1, Math.floor(people / 10));
  await add('contact_request', quotes, (i) => ({
    id: randomUUID(),
    created_at: iso(now - i * 90_000),
    name: nameOf(people - 1 - i),
    email: emailOf(people - 1 - i),
    phone: null,
    situation: 'arriving',
    nationality: 'uk',
    stay_length: '3-12-months',
    procedures: '["health-insurance"]',
    message: 'Could you send me a quote for help with the paperwork?',
    language: 'en',
    consented_at: iso(now - i * 90_000),
    form_nonce: randomUUID(),
    status: statuses[i % 4] ?? 'new',
  }));
  // Registrations: 6 % of everyone at the uncapped event, the capped one full with a waiting list.
  const attendees = Math.max(1, Math.floor(people * 0.06));
  await add('event_registration', attendees, (i) => ({
    id: randomUUID(),
    event_slug: BIG_EVENT,
    user_id: id(i),
    status: 'going',
    created_at: iso(now - 30 * DAY + i * 1000),
    updated_at: iso(now - 30 * DAY + i * 1000),
  }));
  await add('event_registration', Math.min(40, people), (i) => ({
    id: randomUUID(),
    event_slug: CAPPED_EVENT,
    user_id: id(i),
    status: i < 30 ? 'going' : 'waiting',
    created_at: iso(now - 5 * DAY + i * 1000),
    updated_at: iso(now - 5 * DAY + i * 1000),
  }));
  // Today's rate-limit windows, e-mails sent this month, referral clicks of the last 8 weeks.
  await add('rate_limit', people, (i) => ({
    bucket: 'signin',
    key: emailOf(i),
    window_start: iso(now - (i % 3600) * 1000),
    hits: 1,
  }));
  await add('mail_outbox', people, (i) => ({
    id: randomUUID(),
    created_at: iso(now - (i % 20) * DAY),
    purpose: `signin:${i}`,
    recipients: JSON.stringify([emailOf(i)]),
    subject: 'Your sign-in link',
    text_body: 'Here is your link.',
    html_body: '<p>Here is your link.</p>',
    reply_to: null,
    extras: null,
    attempts: 1,
    next_attempt_at: iso(now - (i % 20) * DAY),
    last_error: null,
    sent_at: iso(now - (i % 20) * DAY),
  }));
  await add('referral_click', Math.floor(people / 2), (i) => ({
    id: randomUUID(),
    partner: 'partirassur',
    source_path: GUIDE,
    created_at: iso(now - (i % 56) * DAY),
  }));
  // Members' files: one member in 10, two steps each.
  const files = Math.max(1, Math.floor(members / 10));
  const fileIds = Array.from({ length: files }, () => randomUUID());
  await add('member_file', files, (i) => ({
    id: fileIds[i] ?? '',
    user_id: id(i),
    answers: '{"situation":"employed"}',
    route_id: 'employed',
    created_at: iso(now - 20 * DAY),
    updated_at: iso(now - 20 * DAY),
  }));
  await add('member_file_step', files * 2, (i) => ({
    file_id: fileIds[i >> 1] ?? '',
    step_id: i % 2 ? 'register-cpam' : 'get-s1106',
    done_on: i % 2 ? null : iso(now - 10 * DAY).slice(0, 10),
    done_by: i % 2 ? null : 'member',
    done_by_name: null,
    note: null,
    updated_at: iso(now - 10 * DAY),
  }));

  const staffToken = randomUUID();
  const staffId = randomUUID();
  await db
    .insertInto('User')
    .values({ id: staffId, email: STAFF_EMAIL, name: 'Desk', emailVerified: null, image: null })
    .execute();
  await db
    .insertInto('Session')
    .values({
      sessionToken: staffToken,
      userId: staffId,
      expires: iso(now + DAY),
      signedInAt: null,
    })
    .execute();
  const memberToken = await seedBenchMember(db);
  // Postgres: statistics and the GIN indexes' pending entries, as autovacuum leaves them on a
  // server that has been running; SQLite has no statistics until someone runs ANALYZE (none does).
  if (isPostgres(db)) await sql`vacuum analyze`.execute(db);
  const busyUserIds = Array.from({ length: Math.min(5, files) }, (_, i) => id(i));
  return { people, busyUserIds, memberToken, staffToken, rows };
}

/** Rows housekeeping must delete: about 0.7 per person, as in the issue's 139k at 200k. */
async function addBacklog(db: Kysely<Database>, people: number, now: number): Promise<number> {
  const iso = (ms: number) => new Date(ms).toISOString();
  const each = Math.max(10, Math.floor((people * 0.7) / 4));
  const userIds = (
    await db.selectFrom('User').select('id').limit(Math.min(people, 1000)).execute()
  ).map((row) => row.id);
  await db.transaction().execute(async (trx) => {
    await bulk(trx, 'Session', each, (i) => ({
      sessionToken: randomUUID(),
      userId: userIds[i % userIds.length] ?? '',
      expires: iso(now - DAY - i * 1000),
      signedInAt: null,
    }));
    await bulk(trx, 'rate_limit', each, (i) => ({
      bucket: 'contact',
      key: `old-${i}-${randomUUID()}`,
      window_start: iso(now - 5 * DAY - i * 1000),
      hits: 3,
    }));
    await bulk(trx, 'stripe_event', each, (i) => ({
      id: `evt_old_${randomUUID()}`,
      type: 'invoice.paid',
      received_at: iso(now - 60 * DAY - i * 1000),
    }));
    await bulk(trx, 'VerificationToken', each, (i) => ({
      identifier: emailOf(i),
      token: randomUUID(),
      expires: iso(now - DAY - i * 1000),
    }));
  });
  if (isPostgres(db)) await sql`analyze`.execute(db);
  return each * 4;
}

/**
 * The tables a housekeeping delete reads whole, by its plan on this database: SQLite's
 * `SCAN <table>` without an index, Postgres's `Seq Scan on <table>`.
 */
async function housekeepingScans(db: Kysely<Database>): Promise<string[]> {
  const scans: string[] = [];
  for (const { prune, name, batch } of housekeepingBatches(new Date())) {
    const query = batch(200, db).compile(db);
    const lines = isPostgres(db)
      ? (
          await db.executeQuery<{ 'QUERY PLAN': string }>(
            CompiledQuery.raw(`EXPLAIN ${query.sql}`, [...query.parameters]),
          )
        ).rows.map((row) => row['QUERY PLAN'])
      : (
          await db.executeQuery<{ detail: string }>(
            CompiledQuery.raw(`EXPLAIN QUERY PLAN ${query.sql}`, [...query.parameters]),
          )
        ).rows.map((row) => row.detail);
    for (const line of lines) {
      const scan = /Seq Scan on "?(\w+)"?/.exec(line) ?? /^\s*SCAN (\w+)$/.exec(line);
      // A scan of an empty table (the bench leaves some empty) reads nothing.
      if (scan && (await hasRows(db, scan[1] ?? ''))) scans.push(`${name ?? prune} (${scan[1]})`);
    }
  }
  return scans;
}

async function hasRows(db: Kysely<Database>, table: string): Promise<boolean> {
  const { rows } = await sql`SELECT 1 FROM ${sql.table(table)} LIMIT 1`.execute(db);
  return rows.length > 0;
}

interface Figure {
  label: string;
  value: string;
  target?: string;
  met?: boolean;
}

/** A list of figures that also shows each one on stderr as it is measured (a long run's progress). */
function shownAsTheyCome(prefix: string): Figure[] {
  const list: Figure[] = [];
  const push = list.push.bind(list);
  list.push = (...items: Figure[]) => {
    for (const item of items)
      console.error(
        `[bench:data ${prefix} ${new Date().toISOString().slice(11, 19)}] ${item.label}: ${item.value}`,
      );
    return push(...items);
  };
  return list;
}

/**
 * The median of `times` one-at-a-time requests after 3 warm-ups, and the body's size. A slow page
 * gets fewer (one warm-up, then as many as fit in 5 s, at least 3), so that a run stays short.
 */
async function timed(url: string, cookie: string, times = 15) {
  const samples: number[] = [];
  let bytes = 0;
  let html = '';
  let status = 0;
  let warmUps = 3;
  let sampled = 0;
  for (let i = 0; samples.length < times; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers: { cookie } });
    const body = await response.text();
    const elapsed = performance.now() - started;
    status = response.status;
    bytes = body.length;
    html = body;
    if (i >= warmUps) {
      samples.push(elapsed);
      sampled += elapsed;
      if (sampled > 5000 && samples.length >= 3) break;
    } else if (elapsed > 1000) warmUps = i + 1;
  }
  samples.sort((a, b) => a - b);
  return {
    p50: samples[Math.floor(samples.length / 2)] ?? 0,
    status,
    bytes,
    html,
    count: samples.length,
  };
}

async function load(url: string, cookie: string, connections: number, seconds = DURATION_S) {
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    headers: { cookie },
  });
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    rps: Math.round(result.requests.average),
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

/**
 * Runs `work` while a timer ticks as often as it can: its duration and the longest gap between two
 * ticks (or from the last tick to the end), i.e. the longest time nothing else could have run.
 */
async function withLoopWatch<T>(work: () => Promise<T>) {
  const started = performance.now();
  let last = started;
  let longest = 0;
  let running = true;
  const tick = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (running) setTimeout(tick, 0);
  };
  setTimeout(tick, 0);
  const result = await work();
  running = false;
  const ended = performance.now();
  return { result, ms: ended - started, longestBlockMs: Math.max(longest, ended - last) };
}

/** One housekeeping run of the server, from its log line (lib/db/housekeeping-schedule.ts). */
interface ServerRun {
  startedAt: number;
  endedAt: number;
  ms: number;
  loopDelayMaxMs: number;
  deleted: number;
  capped: boolean;
}

const PRUNES = [
  'sessions',
  'verificationTokens',
  'rateLimits',
  'stripeEvents',
  'sentMail',
  'emailChangeTokens',
  'emailChangeUndos',
  'billingSyncLocks',
  'followConfirmations',
  'followRequests',
] as const satisfies ReadonlyArray<keyof HousekeepingReport>;

function serverRunOf(line: string): ServerRun | undefined {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (entry.event !== 'housekeeping.done' || typeof entry.time !== 'string') return undefined;
  const report = Object.fromEntries(
    PRUNES.map((prune) => [prune, Number(entry[prune] ?? 0)]),
  ) as unknown as HousekeepingReport;
  const endedAt = Date.parse(entry.time);
  const runMs = Number(entry.ms ?? 0);
  return {
    startedAt: endedAt - runMs,
    endedAt,
    ms: runMs,
    loopDelayMaxMs: Number(entry.loopDelayMaxMs ?? 0),
    deleted: Object.values(report).reduce((a, b) => a + b, 0),
    capped: hitItsCap(report),
  };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

/**
 * The member guide at 4 connections from now until the server's housekeeping has run with enough
 * requests beside it: the start-up run, and when that one stopped at its cap (more to do) the
 * next, a minute later. Each response's timing is kept; those that overlap a run (logged by the
 * server with its duration) make the figure, the others the same load's figure outside the runs.
 */
async function guideDuringHousekeeping(url: string, cookie: string, runs: ServerRun[]) {
  const responses: Array<{ start: number; end: number; latency: number }> = [];
  const loadStarted = Date.now();
  const deadline = loadStarted + 150_000;
  const instance = autocannon(
    { url, connections: 4, duration: 160, headers: { cookie } },
    () => {},
  );
  instance.on('response', (_client, _status, _bytes, latency: number) => {
    const end = Date.now();
    responses.push({ start: end - latency, end, latency });
  });
  const overlaps = (run: ServerRun) =>
    responses.filter((r) => r.end >= run.startedAt && r.start <= run.endedAt);
  const seen = () => runs.filter((run) => run.endedAt >= loadStarted);
  const enough = () => {
    const latest = runs.at(-1);
    if (!latest) return false; // the start-up run has not ended yet
    const counted = seen().reduce((sum, run) => sum + overlaps(run).length, 0);
    // Another run comes a minute after a capped one: wait for it if too few requests overlapped.
    return counted >= 100 || !latest.capped;
  };
  while (Date.now() < deadline && !enough()) await new Promise((r) => setTimeout(r, 250));
  await new Promise((r) => setTimeout(r, 500));
  instance.stop();
  const counted = seen();
  const inside = new Set(counted.flatMap(overlaps));
  const during = [...inside].map((r) => r.latency).sort((a, b) => a - b);
  const outside = responses
    .filter((r) => !inside.has(r))
    .map((r) => r.latency)
    .sort((a, b) => a - b);
  return {
    runs: counted,
    count: during.length,
    p99: percentile(during, 0.99),
    max: during.at(-1) ?? 0,
    outsideP99: percentile(outside, 0.99),
  };
}

/** A median, with how many requests it is of when a slow page got fewer than the usual 15. */
const medianOf = (run: { p50: number; count: number }) =>
  run.count < 10 ? `${ms(run.p50)} (median of ${run.count})` : ms(run.p50);
const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;
const atMost = (label: string, value: number, target: number): Figure => ({
  label,
  value: ms(value),
  target: `≤ ${target} ms`,
  met: value <= target,
});

/** The median time of 15 calls of `call`, after 3 that warm it up. */
async function medianCall(call: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 18; i++) {
    const started = performance.now();
    await call();
    if (i >= 3) samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? 0;
}

/** Each of /admin's own reads (no search), median of 15 after 3: what is not rendering. */
async function deskReads(db: Kysely<Database>): Promise<Figure[]> {
  const staff: Viewer = {
    kind: 'user',
    userId: 'bench-staff',
    email: STAFF_EMAIL,
    isStaff: true,
    membership: null,
  };
  const limit = INBOX_PAGE_SIZE + 1;
  const reads: Array<[string, () => Promise<unknown>]> = [
    ['desk read: assistance inbox', () => assistanceInbox(staff, { db, limit })],
    ['desk read: quote inbox', () => contactInbox(staff, { db, limit })],
    ['desk read: member counts', () => countMemberships(db)],
    ['desk read: referral clicks', () => referralClicksByWeek(db, 'partirassur', { weeks: 8 })],
    ['desk read: file counts', () => fileCountsByStep(staff, { db })],
    ['desk read: overdue files', () => overdueFiles(staff, { db })],
  ];
  const figures: Figure[] = [];
  for (const [label, read] of reads) figures.push({ label, value: ms(await medianCall(read)) });
  return figures;
}

/** Stops the server and waits until it is gone (its port is free for the next one). */
async function stopServer(server: ProdServer | undefined): Promise<void> {
  if (!server || server.process.exitCode !== null) return;
  const gone = new Promise((resolve) => server.process.once('exit', resolve));
  server.stop();
  await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 15_000))]);
}

/** The club size the issue's targets are for. */
const TARGET_PEOPLE = 200_000;

/** Rounds of every desk page before any is measured (see deskPages). */
const DESK_WARM_UP_ROUNDS = 5;

/** /admin and its searches, an event page as staff, and the export, as pages. */
async function deskPages(
  base: string,
  staff: string,
  member: string,
  people: number,
  figures: Figure[],
  saved: (name: string, html: string) => void,
): Promise<void> {
  const pick = Math.floor(people / 3);
  const searches: Array<[string, string]> = [
    ['/admin?aq=<full name>', `aq=${encodeURIComponent(nameOf(pick))}`],
    ['/admin?aq=<e-mail>', `aq=${encodeURIComponent(`${emailOf(pick)}`)}`],
    ['/admin?aq=<surname> (1 in 8)', `aq=${encodeURIComponent(LAST[1] ?? '')}`],
    ['/admin?qq=<full name> (quotes)', `qq=${encodeURIComponent(nameOf(people - 1))}`],
    ['/admin?aq=<2 letters> (a rare pair)', 'aq=zq'],
    ['/admin?aq=<1 letter> (a rare one)', 'aq=q'],
  ];
  // A server in service has rendered the desk before: its first renders after a start run code
  // that V8 has not optimised yet, which the first page measured paid alone (42 ms, then 33–37 ms
  // for the same page measured again). Every desk page is asked for a few times, in turn, first.
  for (let round = 0; round < DESK_WARM_UP_ROUNDS; round++) {
    for (const query of ['', ...searches.map(([, query]) => `?${query}`)]) {
      await (await fetch(`${base}/admin${query}`, { headers: { cookie: staff } })).text();
    }
  }
  const admin = await timed(`${base}/admin`, staff);
  saved('admin', admin.html);
  figures.push({
    ...atMost('/admin', admin.p50, TARGET.adminMs),
    value: `${medianOf(admin)} (${Math.round(admin.bytes / 1024)} KB)`,
  });
  for (const [label, query] of searches) {
    const run = await timed(`${base}/admin?${query}`, staff);
    if (run.status !== 200) throw new Error(`${label} answered ${run.status}`);
    saved(query.replace(/[^a-z0-9]+/gi, '_').slice(0, 40), run.html);
    figures.push({
      ...atMost(label, run.p50, TARGET.searchMs),
      value: `${medianOf(run)} (${Math.round(run.bytes / 1024)} KB)`,
    });
  }
  const event = await timed(`${base}/events/${BIG_EVENT}`, staff);
  if (event.status !== 200) throw new Error(`the event page answered ${event.status}`);
  figures.push({
    ...atMost('uncapped event page as staff', event.p50, TARGET.eventPageMs),
    value: `${medianOf(event)} (${Math.round(event.bytes / 1024)} KB)`,
  });
  const exported = await timed(`${base}/account/export`, member, 10);
  figures.push({ label: 'export (GET /account/export)', value: medianOf(exported) });
}

const session = (token: string) => `next-auth.session-token=${token}`;

async function benchOne(kind: 'sqlite' | 'postgres', people: number, dist: string) {
  const now = Date.now();
  let url: string;
  let cleanup: () => void;
  if (kind === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'sojoourn-bench-data-'));
    url = `file:${path.join(dir, 'bench.db')}`;
    cleanup = () => rmSync(dir, { recursive: true, force: true });
  } else {
    const out = execFileSync('bash', ['scripts/pg-throwaway.sh', 'start', String(PG_PORT)], {
      encoding: 'utf8',
    }).trim();
    const [pgUrl = '', pgDir = ''] = out.split('\n');
    url = pgUrl;
    cleanup = () => execFileSync('bash', ['scripts/pg-throwaway.sh', 'stop', pgDir]);
  }
  const figures = shownAsTheyCome(`${people} ${kind}`);
  let server: ProdServer | undefined;
  const db = openDatabase(url);
  try {
    await migrateToLatest(db);
    const seedStarted = performance.now();
    const seeded = await seed(db, people, now);
    const seedS = (performance.now() - seedStarted) / 1000;
    figures.push({ label: 'seeded', value: `${seeded.rows} rows in ${seedS.toFixed(1)} s` });
    if (process.argv.includes('--seed-only')) return figures;

    const withServer =
      !process.argv.includes('--db-only') &&
      (measures('guide') || measures('desk') || measures('during'));
    const saveHtml = argument('save-html');
    const saved = (name: string, html: string) => {
      if (saveHtml) writeFileSync(path.join(saveHtml, `${kind}-${name}.html`), html);
    };
    // As deployed (deploy/nginx.conf): nginx compresses, the instance does not (decision 0022).
    // `compressing`: a single instance with no proxy, which compresses itself.
    const serve = (onStdoutLine?: (line: string) => void, { compressing = false } = {}) =>
      startServer({
        port: PORT,
        dist,
        databaseUrl: url,
        env: { STAFF_EMAILS: STAFF_EMAIL, COMPRESSION_BY_PROXY: compressing ? '0' : '1' },
        onStdoutLine,
        // BENCH_CPU_PROF=<dir>: the server's CPU profile, written there when it stops.
        nodeArgs: process.env.BENCH_CPU_PROF
          ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
          : undefined,
      });
    const member = session(seeded.memberToken);
    const guideAt: Record<number, Awaited<ReturnType<typeof load>>> = {};
    if (withServer) {
      server = await serve();
      const base = server.base;
      const staff = session(seeded.staffToken);
      const guide = await fetch(`${base}${GUIDE}`, { headers: { cookie: member } });
      if (!(await guide.text()).includes('data-members-section="open"'))
        throw new Error('the member session did not render the members’ section');
      const desk = await fetch(`${base}/admin`, { headers: { cookie: staff } });
      if (desk.status !== 200) throw new Error(`/admin answered ${desk.status} to staff`);

      for (const connections of measures('guide') ? [4, 32] : [4]) {
        await load(`${base}${GUIDE}`, member, 4, 2); // warm-up
        const run = await load(`${base}${GUIDE}`, member, connections);
        guideAt[connections] = run;
        figures.push({
          label: `member guide, ${connections} connections`,
          value: `p50 ${run.p50} ms, p99 ${run.p99} ms (${run.rps} req/s, ${run.errors} errors)`,
        });
      }

      if (measures('desk')) {
        await deskPages(base, staff, member, people, figures, saved);
        figures.push(...(await deskReads(db)));
      }
      if (measures('desk')) {
        // For comparison, no target: the same page from an instance that gzips it itself.
        await stopServer(server);
        server = await serve(undefined, { compressing: true });
        const admin = await timed(`${server.base}/admin`, staff);
        figures.push({
          label: '/admin from a lone instance that compresses itself (no proxy)',
          value: medianOf(admin),
        });
      }
    }

    // The searches' own database time (the page's time above is mostly rendering the two lists):
    // the inbox's query for one page, as /admin runs it.
    const pick = Math.floor(people / 3);
    const page = INBOX_PAGE_SIZE + 1;
    const queries: Array<[string, () => Promise<unknown>]> = [
      [
        'assistance search query, full name',
        () => listAllAssistanceRequests(db, page, { search: nameOf(pick) }),
      ],
      [
        'assistance search query, e-mail',
        () => listAllAssistanceRequests(db, page, { search: emailOf(pick) }),
      ],
      [
        'assistance search query, surname (1 in 8)',
        () => listAllAssistanceRequests(db, page, { search: LAST[1] ?? '' }),
      ],
      [
        'assistance search query, 2 letters (a rare pair)',
        () => listAllAssistanceRequests(db, page, { search: 'zq' }),
      ],
      [
        'assistance search query, 1 letter (a rare one)',
        () => listAllAssistanceRequests(db, page, { search: 'q' }),
      ],
      [
        'assistance search query, 2 letters (a common pair)',
        () => listAllAssistanceRequests(db, page, { search: 'du' }),
      ],
      [
        'quote search query, full name',
        () => listContactRequests(db, page, { search: nameOf(people - 1) }),
      ],
    ];
    for (const [label, query] of measures('queries') ? queries : [])
      figures.push({ label, value: ms(await medianCall(query)) });

    // Deletion's database work: every row of a person with requests, registrations and a file.
    const deletions: number[] = [];
    for (const userId of measures('deletion') ? seeded.busyUserIds : []) {
      const email =
        (await db.selectFrom('User').select('email').where('id', '=', userId).executeTakeFirst())
          ?.email ?? '';
      const started = performance.now();
      await deleteAccountRows(db, userId, [email]);
      deletions.push(performance.now() - started);
    }
    deletions.sort((a, b) => a - b);
    if (deletions.length)
      figures.push({
        label: 'deletion (deleteAccountRows, median)',
        value: ms(deletions[Math.floor(deletions.length / 2)] ?? 0),
      });

    if (measures('housekeeping')) {
      // Housekeeping, in this process on the same database (the server's own run at start-up found
      // nothing): idle, then over a backlog with the event loop watched.
      const idle: number[] = [];
      for (let i = 0; i < 5; i++) idle.push((await withLoopWatch(() => runHousekeeping(db))).ms);
      idle.sort((a, b) => a - b);
      figures.push(
        atMost('housekeeping, nothing to delete', idle[2] ?? 0, TARGET.idleHousekeepingMs),
      );
      // Each delete's plan at this size, with a backlog in place (after ANALYZE on Postgres, as
      // autovacuum leaves it): a scan of a whole table fails the line.
      const backlog = await addBacklog(db, people, Date.now());
      const scans = await housekeepingScans(db);
      figures.push({
        label: 'housekeeping plans (each delete, with the backlog in place)',
        value: scans.length ? `scans: ${scans.join(', ')}` : 'every delete uses an index',
        target: 'no scan',
        met: scans.length === 0,
      });
      // A backlog, worked off run after run as the schedule would (a capped run is followed by
      // another; here without the minute between them), the event loop watched throughout.
      const runs: Array<{ ms: number; deleted: number; longestBlockMs: number }> = [];
      while (runs.length < 20) {
        const run = await withLoopWatch(() => runHousekeeping(db));
        const deleted = Object.values(run.result).reduce((a, b) => a + b, 0);
        runs.push({ ms: run.ms, deleted, longestBlockMs: run.longestBlockMs });
        if (!hitItsCap(run.result)) break;
      }
      const first = runs[0] ?? { ms: 0, deleted: 0, longestBlockMs: 0 };
      const deletedInAll = runs.reduce((sum, run) => sum + run.deleted, 0);
      figures.push({
        label: `housekeeping, backlog of ${backlog} rows`,
        value: `${runs.length} run(s), ${deletedInAll} deleted; first run ${ms(first.ms)} (${first.deleted} rows), all ${ms(runs.reduce((sum, run) => sum + run.ms, 0))}`,
      });
      figures.push(
        atMost(
          'longest event-loop block, backlog runs',
          Math.max(...runs.map((run) => run.longestBlockMs)),
          TARGET.longestBlockMs,
        ),
      );
    }

    if (withServer && measures('during')) {
      // The member guide while the server's own housekeeping works off a fresh backlog: the runs'
      // times come from its log, and only the requests that overlap a run count.
      await stopServer(server);
      await addBacklog(db, people, Date.now());
      const serverRuns: ServerRun[] = [];
      server = await serve((line) => {
        const run = serverRunOf(line);
        if (run) serverRuns.push(run);
      });
      // A few requests first so that the figure is not the fresh process's first render.
      for (let i = 0; i < 3; i++)
        await (await fetch(`${server.base}${GUIDE}`, { headers: { cookie: member } })).text();
      const during = await guideDuringHousekeeping(`${server.base}${GUIDE}`, member, serverRuns);
      const without = guideAt[4]?.p99 ?? 0;
      const limit = Math.max(1, without) * TARGET.guideP99DuringVsWithout;
      const overlapped = serverRuns.filter((run) => during.runs.includes(run));
      const described = overlapped.map((run) => `${ms(run.ms)} deleting ${run.deleted}`).join(', ');
      if (during.count === 0) {
        figures.push({
          label: 'member guide p99 during housekeeping (4 conn.)',
          value: `not measured: no request overlapped a run (${serverRuns.map((run) => `${ms(run.ms)} run`).join(', ') || 'no run logged'})`,
          target: `≤ ${limit.toFixed(0)} ms (1.5×)`,
        });
      } else {
        figures.push({
          label: 'member guide p99 during housekeeping (4 conn.)',
          value: `p99 ${ms(during.p99)} (max ${ms(during.max)}, ${during.count} requests in ${overlapped.length} run(s): ${described}) vs ${without} ms without; same load outside the runs p99 ${ms(during.outsideP99)}`,
          target: `≤ ${limit.toFixed(0)} ms (1.5×)`,
          met: during.p99 <= limit,
        });
        figures.push({
          label: 'server event loop, longest delay during those runs',
          value: ms(Math.max(...overlapped.map((run) => run.loopDelayMaxMs))),
        });
      }
    }
  } finally {
    await stopServer(server);
    await db.destroy();
    // BENCH_KEEP_DB=1: the seeded database stays, to look at its plans by hand.
    if (process.env.BENCH_KEEP_DB === '1') console.log(`kept: ${url}`);
    else cleanup();
  }
  return figures;
}

async function main() {
  const sizes = (argument('sizes') ?? '100,10000,200000').split(',').map(Number);
  const dbs = (argument('db') ?? 'sqlite,postgres').split(',') as Array<'sqlite' | 'postgres'>;
  if (
    sizes.some((n) => !Number.isInteger(n) || n < 10) ||
    dbs.some((d) => !/^(sqlite|postgres)$/.test(d))
  )
    throw new Error(
      'usage: bench:data -- [--sizes=100,10000,200000] [--db=sqlite|postgres] [--seed-only|--db-only] [--only=guide,desk,queries,deletion,housekeeping,during] [--save-html=DIR]',
    );
  const dist = distDir();
  if (!process.argv.some((arg) => arg === '--seed-only' || arg === '--db-only'))
    await ensureBuild(dist, `http://127.0.0.1:${PORT}`);
  let missed = 0;
  for (const people of sizes) {
    for (const kind of dbs) {
      const load = machineLoad();
      const figures = await benchOne(kind, people, dist);
      console.log(`\n### ${people.toLocaleString('en')} people, ${kind} (load ${load})\n`);
      console.log('| measure | figure | target | |');
      console.log('|---|---|---|---|');
      // The issue's targets are for 200,000 people: a smaller club's figures are compared with
      // them, not judged (on a 100-row table Postgres rightly prefers reading it whole).
      const judged = people >= TARGET_PEOPLE;
      for (const f of figures) {
        const verdict =
          f.met === undefined
            ? ''
            : judged
              ? f.met
                ? 'met'
                : '**not met**'
              : f.met
                ? '(within)'
                : '(over)';
        if (f.met === false && judged) missed++;
        console.log(`| ${f.label} | ${f.value} | ${f.target ?? '—'} | ${verdict} |`);
      }
    }
  }
  console.log(
    `\nTargets are the issue's, for ${TARGET_PEOPLE.toLocaleString('en')} people, and judged there only; server times are one request at a time on loopback (median of 15). ${!sizes.some((people) => people >= TARGET_PEOPLE) ? 'No size judged.' : missed ? `${missed} not met.` : 'All met.'}`,
  );
  process.exitCode = missed ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
