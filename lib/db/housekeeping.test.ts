import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { longestEventLoopBlock } from '@/test/support/event-loop';
import { insertUser, tempDatabase, testDialect, type TempDatabase } from '@/test/support/temp-db';
import {
  HOUSEKEEPING_BATCH_SIZE,
  HOUSEKEEPING_MAX_BATCHES,
  HOUSEKEEPING_REST_RATIO,
  restAfter,
  runHousekeeping,
} from './housekeeping';
import { hitItsCap, housekeepingPace } from './housekeeping-schedule';
import { CONFIRMATION_TTL_MS } from '../follow/schema';
import { MAX_ATTEMPTS } from '../platform/outbox';

const NOW = new Date('2026-12-10T12:00:00.000Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const HOUR = 3600_000;
const DAY = 24 * HOUR;

let temp: TempDatabase;
beforeAll(async () => {
  temp = await tempDatabase('housekeeping');
});
afterAll(() => temp.dispose());

/** What next-auth's adapter stores: a Date on Postgres, ISO text on SQLite. */
const stamp = (date: Date) => (testDialect() === 'postgres' ? date : date.toISOString());

it('prunes expired sessions and tokens, old rate-limit windows and old event ids, in batches', async () => {
  const { db } = temp;
  const user = await insertUser(db, 'keeper@example.test');
  const sessions = [
    { token: 'expired-1', expires: ago(HOUR) },
    { token: 'expired-2', expires: ago(40 * DAY) },
    { token: 'expired-3', expires: ago(1000) },
    { token: 'live', expires: new Date(NOW.getTime() + 29 * DAY) },
  ];
  await db
    .insertInto('Session')
    .values(
      sessions.map((s) => ({ sessionToken: s.token, userId: user, expires: stamp(s.expires) })),
    )
    .execute();
  await db
    .insertInto('VerificationToken')
    .values([
      { identifier: 'a@example.test', token: 'used-up', expires: stamp(ago(HOUR)) },
      {
        identifier: 'b@example.test',
        token: 'fresh',
        expires: stamp(new Date(NOW.getTime() + HOUR)),
      },
    ])
    .execute();
  await db
    .insertInto('rate_limit')
    .values([
      { bucket: 'signin', key: 'k1', window_start: ago(2 * DAY + HOUR).toISOString(), hits: 3 },
      { bucket: 'signin', key: 'k2', window_start: ago(49 * HOUR).toISOString(), hits: 1 },
      { bucket: 'contact', key: 'k1', window_start: ago(3 * DAY).toISOString(), hits: 9 },
      { bucket: 'signin', key: 'k1', window_start: ago(HOUR).toISOString(), hits: 2 },
    ])
    .execute();
  await db
    .insertInto('stripe_event')
    .values([
      { id: 'evt_old', type: 'invoice.paid', received_at: ago(31 * DAY).toISOString() },
      { id: 'evt_recent', type: 'invoice.paid', received_at: ago(29 * DAY).toISOString() },
    ])
    .execute();

  const report = await runHousekeeping(db, { now: NOW, batchSize: 2 });
  expect(report).toEqual({
    sessions: 3,
    verificationTokens: 1,
    rateLimits: 3,
    stripeEvents: 1,
    sentMail: 0,
    emailChangeTokens: 0,
    emailChangeUndos: 0,
    billingSyncLocks: 0,
    followConfirmations: 0,
    followRequests: 0,
  });

  expect(await db.selectFrom('Session').select('sessionToken').execute()).toEqual([
    { sessionToken: 'live' },
  ]);
  expect(await db.selectFrom('VerificationToken').select('token').execute()).toEqual([
    { token: 'fresh' },
  ]);
  expect(await db.selectFrom('rate_limit').select(['bucket', 'hits']).execute()).toEqual([
    { bucket: 'signin', hits: 2 },
  ]);
  expect(await db.selectFrom('stripe_event').select('id').execute()).toEqual([
    { id: 'evt_recent' },
  ]);
  // The user and a second run: nothing else goes.
  expect(await runHousekeeping(db, { now: NOW })).toEqual({
    sessions: 0,
    verificationTokens: 0,
    rateLimits: 0,
    stripeEvents: 0,
    sentMail: 0,
    emailChangeTokens: 0,
    emailChangeUndos: 0,
    billingSyncLocks: 0,
    followConfirmations: 0,
    followRequests: 0,
  });
  expect(await db.selectFrom('User').select('email').execute()).toEqual([
    { email: 'keeper@example.test' },
  ]);
});

it('stops after maxBatches and leaves the rest for the next run', async () => {
  const { db } = temp;
  await db
    .insertInto('stripe_event')
    .values(
      Array.from({ length: 7 }, (_, i) => ({
        id: `evt_bulk_${i}`,
        type: 'invoice.paid',
        received_at: ago(60 * DAY).toISOString(),
      })),
    )
    .execute();
  const first = await runHousekeeping(db, { now: NOW, batchSize: 2, maxBatches: 2 });
  expect(first.stripeEvents).toBe(4);
  const second = await runHousekeeping(db, { now: NOW, batchSize: 2, maxBatches: 10 });
  expect(second.stripeEvents).toBe(3);
  const left = await db
    .selectFrom('stripe_event')
    .select('id')
    .where('id', 'like', 'evt_bulk_%')
    .execute();
  expect(left).toEqual([]);
});

/** An outbox row as lib/platform/outbox.ts stores it. */
const outboxRow = (
  id: string,
  { created, sent, attempts = 1 }: { created: Date; sent: Date | null; attempts?: number },
) => ({
  id,
  created_at: created.toISOString(),
  purpose: `test:${id}`,
  recipients: JSON.stringify(['someone@example.test']),
  subject: 'Subject',
  text_body: 'Text with personal details',
  html_body: '<p>Text with personal details</p>',
  reply_to: null,
  attempts,
  next_attempt_at: created.toISOString(),
  last_error: sent ? null : 'SMTP said no',
  sent_at: sent?.toISOString() ?? null,
});

it('prunes e-mails sent (or given up on) more than 30 days ago, and keeps what may still go', async () => {
  const { db } = temp;
  await db
    .insertInto('mail_outbox')
    .values([
      outboxRow('sent-31-days-ago', { created: ago(31 * DAY), sent: ago(31 * DAY) }),
      outboxRow('sent-just-over-30-days-ago', { created: ago(40 * DAY), sent: ago(30 * DAY + 1) }),
      // Created long ago, sent recently (SMTP was down for weeks): kept 30 days from sending.
      outboxRow('sent-29-days-ago', { created: ago(60 * DAY), sent: ago(29 * DAY) }),
      outboxRow('sent-today', { created: ago(HOUR), sent: ago(HOUR) }),
      // Never sent: still being retried, however old, until the outbox gives up on it.
      outboxRow('retrying', { created: ago(90 * DAY), sent: null, attempts: 3 }),
      outboxRow('given-up-long-ago', {
        created: ago(31 * DAY),
        sent: null,
        attempts: MAX_ATTEMPTS,
      }),
      outboxRow('given-up-recently', { created: ago(3 * DAY), sent: null, attempts: MAX_ATTEMPTS }),
    ])
    .execute();

  const report = await runHousekeeping(db, { now: NOW, batchSize: 1 });
  expect(report.sentMail).toBe(3);
  const left = await db.selectFrom('mail_outbox').select('id').orderBy('id').execute();
  expect(left.map((row) => row.id)).toEqual([
    'given-up-recently',
    'retrying',
    'sent-29-days-ago',
    'sent-today',
  ]);

  // The clock moves on two days: the one sent 29 days ago is now past its 30.
  const later = await runHousekeeping(db, { now: new Date(NOW.getTime() + 2 * DAY) });
  expect(later.sentMail).toBe(1);
  expect(
    (await db.selectFrom('mail_outbox').select('id').orderBy('id').execute()).map((r) => r.id),
  ).toEqual(['given-up-recently', 'retrying', 'sent-today']);
  await db.deleteFrom('mail_outbox').execute();
});

it('prunes e-mail-change links a day after they expired, and keeps pending ones', async () => {
  const { db } = temp;
  const user = await insertUser(db, 'mover@example.test');
  const token = (hash: string, expires: Date) => ({
    token_hash: hash,
    user_id: user,
    new_email: `${hash}@example.test`,
    created_at: new Date(expires.getTime() - HOUR).toISOString(),
    expires_at: expires.toISOString(),
  });
  await db
    .insertInto('email_change_token')
    .values([
      token('expired-2-days-ago', ago(2 * DAY)),
      token('expired-25-hours-ago', ago(25 * HOUR)),
      // Expired, but a late click still gets "this link has expired" for a day.
      token('expired-an-hour-ago', ago(HOUR)),
      token('pending', new Date(NOW.getTime() + HOUR)),
    ])
    .execute();

  const report = await runHousekeeping(db, { now: NOW, batchSize: 1 });
  expect(report.emailChangeTokens).toBe(2);
  const left = async () =>
    (
      await db.selectFrom('email_change_token').select('token_hash').orderBy('token_hash').execute()
    ).map((row) => row.token_hash);
  expect(await left()).toEqual(['expired-an-hour-ago', 'pending']);

  // A day later the one that had just expired goes; the pending one expired under a day ago.
  const later = await runHousekeeping(db, { now: new Date(NOW.getTime() + DAY) });
  expect(later.emailChangeTokens).toBe(1);
  expect(await left()).toEqual(['pending']);
  // The user is untouched.
  expect(await db.selectFrom('User').select('email').where('id', '=', user).execute()).toEqual([
    { email: 'mover@example.test' },
  ]);
});

it('prunes undo links a day after they expired, and billing sync leases a day after they lapsed', async () => {
  const { db } = temp;
  const user = await insertUser(db, 'undoer@example.test');
  const undo = (hash: string, expires: Date) => ({
    token_hash: hash,
    user_id: user,
    old_email: 'undoer-before@example.test',
    new_email: 'undoer@example.test',
    created_at: new Date(expires.getTime() - 7 * DAY).toISOString(),
    expires_at: expires.toISOString(),
  });
  await db
    .insertInto('email_change_undo')
    .values([undo('expired-2-days-ago', ago(2 * DAY)), undo('live', new Date(NOW.getTime() + DAY))])
    .execute();
  const lease = (subscription: string, expires: Date) => ({
    subscription_id: subscription,
    holder: `holder-${subscription}`,
    expires_at: expires.toISOString(),
  });
  await db
    .insertInto('billing_sync_lock')
    .values([
      lease('sub_dead_holder', ago(2 * DAY)),
      // Lapsed a minute ago: the next sync of that subscription takes it over; not housekeeping's.
      lease('sub_just_lapsed', ago(60_000)),
      lease('sub_held', new Date(NOW.getTime() + 60_000)),
    ])
    .execute();

  const report = await runHousekeeping(db, { now: NOW });
  expect(report).toMatchObject({ emailChangeUndos: 1, billingSyncLocks: 1 });
  expect(await db.selectFrom('email_change_undo').select('token_hash').execute()).toEqual([
    { token_hash: 'live' },
  ]);
  expect(
    (
      await db
        .selectFrom('billing_sync_lock')
        .select('subscription_id')
        .orderBy('subscription_id')
        .execute()
    ).map((row) => row.subscription_id),
  ).toEqual(['sub_held', 'sub_just_lapsed']);
});

it('prunes follow requests never confirmed: expired links, and requests older than a link lives', async () => {
  const { db } = temp;
  const confirmation = (email: string, expires: Date) => ({
    email,
    token_hash: `hash-${email}`,
    mailed_at: new Date(expires.getTime() - CONFIRMATION_TTL_MS).toISOString(),
    expires_at: expires.toISOString(),
  });
  await db
    .insertInto('follow_confirmation')
    .values([
      confirmation('expired@example.test', ago(HOUR)),
      confirmation('long-expired@example.test', ago(20 * DAY)),
      confirmation('waiting@example.test', new Date(NOW.getTime() + HOUR)),
    ])
    .execute();
  const request = (email: string, guide: string, created: Date) => ({
    email,
    guide,
    created_at: created.toISOString(),
  });
  await db
    .insertInto('follow_pending')
    .values([
      request('expired@example.test', 'carte-vitale', ago(CONFIRMATION_TTL_MS + HOUR)),
      request('expired@example.test', '*', ago(CONFIRMATION_TTL_MS + 1000)),
      request('long-expired@example.test', 'carte-vitale', ago(22 * DAY)),
      // Asked an hour ago: its link still works.
      request('waiting@example.test', 'carte-vitale', ago(HOUR)),
    ])
    .execute();

  const report = await runHousekeeping(db, { now: NOW, batchSize: 2 });
  expect(report).toMatchObject({ followConfirmations: 2, followRequests: 3 });
  expect(await db.selectFrom('follow_confirmation').select('email').execute()).toEqual([
    { email: 'waiting@example.test' },
  ]);
  expect(await db.selectFrom('follow_pending').select(['email', 'guide']).execute()).toEqual([
    { email: 'waiting@example.test', guide: 'carte-vitale' },
  ]);

  // Two days on, the waiting one has expired too.
  const later = await runHousekeeping(db, { now: new Date(NOW.getTime() + 2 * DAY) });
  expect(later).toMatchObject({ followConfirmations: 1, followRequests: 1 });
  expect(await db.selectFrom('follow_pending').select('email').execute()).toEqual([]);
});

describe('a backlog', () => {
  let backlog: TempDatabase;
  beforeAll(async () => {
    backlog = await tempDatabase('housekeeping-backlog');
  });
  afterAll(() => backlog.dispose());

  /** `count` sessions that expired a day ago (and one that has not). */
  async function expiredSessions(count: number) {
    const { db } = backlog;
    const user = await insertUser(db, `backlog-${crypto.randomUUID()}@example.test`);
    const rows = Array.from({ length: count }, (_, i) => ({
      sessionToken: `expired-${crypto.randomUUID()}-${i}`,
      userId: user,
      expires: stamp(ago(DAY)),
    }));
    for (let start = 0; start < rows.length; start += 500) {
      await db
        .insertInto('Session')
        .values(rows.slice(start, start + 500))
        .execute();
    }
    await db
      .insertInto('Session')
      .values({ sessionToken: `live-${user}`, userId: user, expires: stamp(ago(-DAY)) })
      .execute();
  }

  /** What a run did, in order: each statement's deleted rows, and each pause between them. */
  function watch() {
    const steps: string[] = [];
    return {
      steps,
      pause: async () => {
        steps.push('pause');
        await new Promise((resolve) => setImmediate(resolve));
      },
      onBatch: (prune: string, deleted: number) => steps.push(`${prune}:${deleted}`),
    };
  }

  it('is worked off over several runs, in statements of batchSize rows with a pause after each', async () => {
    await expiredSessions(25);
    const runs = [];
    for (let run = 0; run < 3; run++) {
      const watched = watch();
      const report = await runHousekeeping(backlog.db, {
        now: NOW,
        batchSize: 4,
        maxBatches: 3,
        ...watched,
      });
      const sessionSteps = watched.steps.filter((step) => step.startsWith('sessions:'));
      runs.push({ deleted: report.sessions, statements: sessionSteps });
      // Every statement is followed by a pause: a request waits for one statement at most.
      watched.steps.forEach((step, index) => {
        expect(step === 'pause').toBe(index % 2 === 1);
      });
    }
    expect(runs).toEqual([
      // The cap: 3 statements of 4 rows, the rest left for the next run.
      { deleted: 12, statements: ['sessions:4', 'sessions:4', 'sessions:4'] },
      { deleted: 12, statements: ['sessions:4', 'sessions:4', 'sessions:4'] },
      // The last one: a statement that finds fewer than a batch ends the prune.
      { deleted: 1, statements: ['sessions:1'] },
    ]);
    expect(
      await backlog.db
        .selectFrom('Session')
        .select('sessionToken')
        .where('expires', '<', stamp(NOW))
        .execute(),
    ).toEqual([]);
    expect(await backlog.db.selectFrom('Session').select('sessionToken').execute()).toHaveLength(1);
  });

  it('copies the write-ahead log into the database after each batch that deleted rows (SQLite)', async () => {
    await expiredSessions(2 * HOUSEKEEPING_BATCH_SIZE + 3);
    const statements: string[] = [];
    // Every statement the run sends: DELETE, or the whole text of anything else.
    const recorded = backlog.db.withPlugin({
      transformQuery: ({ node }) => {
        const text = node.kind === 'RawNode' ? node.sqlFragments.join('?').trim() : node.kind;
        statements.push(text.startsWith('DELETE') ? 'DELETE' : text);
        return node;
      },
      transformResult: async ({ result }) => result,
    });
    const report = await runHousekeeping(recorded, { now: NOW });
    expect(report.sessions).toBe(2 * HOUSEKEEPING_BATCH_SIZE + 3);
    const checkpoint = 'PRAGMA wal_checkpoint(PASSIVE)';
    const afterEachBatch = testDialect() === 'sqlite' ? ['DELETE', checkpoint] : ['DELETE'];
    // The look-up of what is due, then 3 batches of sessions (each copied on SQLite); the other
    // prunes have nothing due and send nothing.
    expect(statements.map((text) => (text.startsWith('SELECT') ? 'LOOK-UP' : text))).toEqual([
      'LOOK-UP',
      ...afterEachBatch,
      ...afterEachBatch,
      ...afterEachBatch,
    ]);
  });

  it('costs one statement when there is nothing to delete', async () => {
    const watched = watch();
    const statements: string[] = [];
    const recorded = backlog.db.withPlugin({
      transformQuery: ({ node }) => {
        statements.push(backlog.db.getExecutor().compileQuery(node, { queryId: 'x' }).sql);
        return node;
      },
      transformResult: async ({ result }) => result,
    });
    const report = await runHousekeeping(recorded, { now: NOW, ...watched });
    expect(Object.values(report).every((deleted) => deleted === 0)).toBe(true);
    // One round trip: the look-up of every prune's first due row (lib/db/query-plans.test.ts:
    // each uses an index), no delete, no pause.
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/^SELECT \(SELECT 1 FROM/);
    expect(watched.steps).toEqual([]);
  });

  it('deletes only where something is due', async () => {
    const { db } = backlog;
    await db
      .insertInto('stripe_event')
      .values({ id: 'evt_due', type: 'invoice.paid', received_at: ago(40 * DAY).toISOString() })
      .execute();
    const watched = watch();
    const report = await runHousekeeping(db, { now: NOW, ...watched });
    expect(report.stripeEvents).toBe(1);
    expect(watched.steps).toEqual(['stripeEvents:1', 'pause']);
  });

  it('holds the event loop for one batch at a time with the default batch size', async () => {
    const backlogSize = 3 * HOUSEKEEPING_BATCH_SIZE + 7;
    await expiredSessions(backlogSize);
    const watched = watch();
    const { result, longestBlockMs, totalMs } = await longestEventLoopBlock(() =>
      runHousekeeping(backlog.db, { now: NOW, ...watched }),
    );
    expect(result.sessions).toBe(backlogSize);
    const sessionSteps = watched.steps.filter((step) => step.startsWith('sessions:'));
    expect(sessionSteps).toEqual([
      ...Array(3).fill(`sessions:${HOUSEKEEPING_BATCH_SIZE}`),
      'sessions:7',
    ]);
    // For the record (timings on a shared machine are not asserted): the longest block is one
    // statement's, not the run's.
    console.info(
      `housekeeping of ${backlogSize} sessions on ${testDialect()}: ${totalMs.toFixed(1)} ms in all, longest event-loop block ${longestBlockMs.toFixed(1)} ms`,
    );
  });

  it('rests HOUSEKEEPING_REST_RATIO times as long as a statement that deleted rows took, one turn after one that found none', async () => {
    vi.useFakeTimers();
    try {
      let rested = false;
      void restAfter(10, HOUSEKEEPING_BATCH_SIZE).then(() => (rested = true));
      expect(HOUSEKEEPING_REST_RATIO).toBe(6);
      await vi.advanceTimersByTimeAsync(59);
      expect(rested).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(rested).toBe(true);
      let turned = false;
      void restAfter(10, 0).then(() => (turned = true));
      await vi.advanceTimersByTimeAsync(0);
      expect(turned).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('rests as many times a statement as the ratio says, and keeps a run to the same rows at any batch size', async () => {
    vi.useFakeTimers();
    try {
      let rested = false;
      void restAfter(10, 5, 4).then(() => (rested = true));
      await vi.advanceTimersByTimeAsync(39);
      expect(rested).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(rested).toBe(true);
    } finally {
      vi.useRealTimers();
    }
    expect(housekeepingPace({ batchRows: 200, restRatio: 2 })).toEqual({
      batchSize: 200,
      maxBatches: HOUSEKEEPING_MAX_BATCHES,
      restRatio: 2,
    });
    const small = housekeepingPace({ batchRows: 50, restRatio: 4 });
    expect(small.batchSize * small.maxBatches).toBe(
      HOUSEKEEPING_BATCH_SIZE * HOUSEKEEPING_MAX_BATCHES,
    );
    expect(small.restRatio).toBe(4);
  });

  it('runs again a minute later when a run stopped at its cap, else in an hour', () => {
    const none = {
      sessions: 0,
      verificationTokens: 0,
      rateLimits: 0,
      stripeEvents: 0,
      sentMail: 0,
      emailChangeTokens: 0,
      emailChangeUndos: 0,
      billingSyncLocks: 0,
      followConfirmations: 0,
      followRequests: 0,
    };
    const cap = HOUSEKEEPING_BATCH_SIZE * HOUSEKEEPING_MAX_BATCHES;
    expect(hitItsCap(none)).toBe(false);
    expect(hitItsCap({ ...none, rateLimits: cap - 1 })).toBe(false);
    expect(hitItsCap({ ...none, rateLimits: cap })).toBe(true);
  });
});
