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
    const hold = (id: string, label: string, ms: number) =>
      withSubscriptionLock(temp.db, id, async () => {
        timeline.push(`${label} in`);
        await sleep(ms);
        timeline.push(`${label} out`);
      });
    await Promise.all([hold('sub_a', 'a1', 150), sleep(20).then(() => hold('sub_a', 'a2', 10))]);
    expect(timeline).toEqual(['a1 in', 'a1 out', 'a2 in', 'a2 out']);

    timeline.length = 0;
    await Promise.all([hold('sub_b', 'b', 150), sleep(20).then(() => hold('sub_c', 'c', 10))]);
    expect(timeline).toEqual(['b in', 'c in', 'c out', 'b out']);
    expect(await temp.db.selectFrom('billing_sync_lock').selectAll().execute()).toEqual([]);
  });

  it('gives up after waitMs while another holds it, and releases on failure', async () => {
    let release = () => {};
    const held = withSubscriptionLock(
      temp.db,
      'sub_busy',
      () => new Promise<void>((r) => (release = r)),
    );
    await sleep(20);
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
    const late = withSubscriptionLock(
      temp.db,
      'sub_lapsed',
      async (lease) => {
        await new Promise<void>((r) => (resumeLate = r)); // stuck for longer than its lease
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
    await sleep(20);
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
