// The per-subscription sync lease on a real database (SQLite, and Postgres via
// scripts/test-postgres.sh): one holder at a time, a dead holder's lease lapses, a sync that
// outlived its lease stores nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDatabase, type TempDatabase } from '@/test/support/temp-db';
import { SyncLockTimeout, withSubscriptionLock } from './sync-lock';

let temp: TempDatabase;
beforeAll(async () => {
  temp = await tempDatabase('sync_lock');
});
afterAll(async () => {
  await temp.dispose();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('withSubscriptionLock', () => {
  it('runs one holder at a time per subscription, and others in parallel', async () => {
    const timeline: string[] = [];
    const hold = (id: string, label: string, during: () => Promise<unknown>) =>
      withSubscriptionLock(temp.db, id, async () => {
        timeline.push(`${label} in`);
        await during();
        timeline.push(`${label} out`);
      });

    // a2 asks while a1 holds the same subscription: it waits for a1 to finish.
    let a1Holds = () => {};
    const a1Entered = new Promise<void>((resolve) => (a1Holds = resolve));
    const a1 = hold('sub_a', 'a1', async () => {
      a1Holds();
      await sleep(150);
    });
    await a1Entered;
    await Promise.all([a1, hold('sub_a', 'a2', async () => {})]);
    expect(timeline).toEqual(['a1 in', 'a1 out', 'a2 in', 'a2 out']);

    // b holds until c, on another subscription, has been in and out (a shared lock would make b
    // wait for c and c for b, until c gave up).
    timeline.length = 0;
    let cDone = () => {};
    const cFinished = new Promise<void>((resolve) => (cDone = resolve));
    let bHolds = () => {};
    const bEntered = new Promise<void>((resolve) => (bHolds = resolve));
    const b = hold('sub_b', 'b', async () => {
      bHolds();
      await cFinished;
    });
    await bEntered;
    await withSubscriptionLock(temp.db, 'sub_c', async () => timeline.push('c in and out'), {
      waitMs: 5_000,
    });
    cDone();
    await b;
    expect(timeline).toEqual(['b in', 'c in and out', 'b out']);
    expect(await temp.db.selectFrom('billing_sync_lock').selectAll().execute()).toEqual([]);
  });

  it('gives up after waitMs while another holds it, and releases on failure', async () => {
    let release = () => {};
    let holds = () => {};
    const entered = new Promise<void>((resolve) => (holds = resolve));
    const held = withSubscriptionLock(temp.db, 'sub_busy', async () => {
      const released = new Promise<void>((resolve) => (release = resolve));
      holds();
      await released;
    });
    await entered;
    await expect(
      withSubscriptionLock(temp.db, 'sub_busy', async () => 'never', { waitMs: 100 }),
    ).rejects.toBeInstanceOf(SyncLockTimeout);
    release();
    await held;

    await expect(
      withSubscriptionLock(temp.db, 'sub_busy', async () => {
        throw new Error('Stripe unreachable');
      }),
    ).rejects.toThrow('Stripe unreachable');
    expect(await withSubscriptionLock(temp.db, 'sub_busy', async () => 'free again')).toBe(
      'free again',
    );
  });

  it('takes over a dead holder’s lapsed lease; the late holder then stores nothing', async () => {
    let now = Date.now();
    const clock = () => now;
    let resumeLate = () => {};
    let holds = () => {};
    const entered = new Promise<void>((resolve) => (holds = resolve));
    const late = withSubscriptionLock(
      temp.db,
      'sub_lapsed',
      async (lease) => {
        const resumed = new Promise<void>((resolve) => (resumeLate = resolve));
        holds();
        await resumed; // stuck for longer than its lease
        await temp.db.transaction().execute(async (trx) => {
          await lease.confirm(trx);
          await trx
            .insertInto('stripe_event')
            .values({ id: 'evt_late', type: 'late', received_at: new Date(now).toISOString() })
            .execute();
        });
      },
      { leaseMs: 1_000, clock },
    );
    await entered;
    now += 1_001; // the lease has lapsed
    const next = await withSubscriptionLock(
      temp.db,
      'sub_lapsed',
      async (lease) => {
        await temp.db.transaction().execute((trx) => lease.confirm(trx));
        return 'taken over';
      },
      { leaseMs: 1_000, clock, waitMs: 0 },
    );
    expect(next).toBe('taken over');
    resumeLate();
    await expect(late).rejects.toThrow(/lapsed; nothing stored/);
    const stored = await temp.db.selectFrom('stripe_event').select('id').execute();
    expect(stored.map((row) => row.id)).not.toContain('evt_late');
  });
});
