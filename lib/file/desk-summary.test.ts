// The desk's file figures are worked out from every file once, then kept until the files change
// (migration 017's version, raised by triggers whoever writes) or the day does: a load of /admin
// with nothing changed reads one number, and a write is never missed.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { figuresOfFiles } from './desk-summary';
import { fileVersion } from './store';
import { insertUser, tempDatabase, type TempDatabase } from '@/test/support/temp-db';

let temp: TempDatabase;
beforeAll(async () => {
  temp = await tempDatabase('desk-file-figures');
});
afterAll(() => temp.dispose());

it('works the figures out again after any write to the files, and only then', async () => {
  const db = temp.db;
  let runs = 0;
  const figures = (day: string) =>
    figuresOfFiles(db, [day], async () => {
      runs += 1;
      return (await db.selectFrom('member_file').select('id').execute()).length;
    });
  const day = '2026-11-26';
  // Two calls together share one run; later calls with nothing changed run nothing.
  expect(await Promise.all([figures(day), figures(day)])).toEqual([0, 0]);
  expect(await figures(day)).toBe(0);
  expect(runs).toBe(1);

  const userId = await insertUser(db, 'file-figures@example.test');
  const fileId = crypto.randomUUID();
  const now = '2026-11-26T10:00:00.000Z';
  const writes: Array<() => Promise<unknown>> = [
    () =>
      db
        .insertInto('member_file')
        .values({
          id: fileId,
          user_id: userId,
          answers: '{}',
          route_id: 'work',
          created_at: now,
          updated_at: now,
        })
        .execute(),
    () =>
      db
        .insertInto('member_file_step')
        .values({
          file_id: fileId,
          step_id: 'apply',
          done_on: '2026-11-01',
          done_by: 'member',
          done_by_name: null,
          note: null,
          updated_at: now,
        })
        .execute(),
    () =>
      db
        .updateTable('member_file_step')
        .set({ done_on: null })
        .where('file_id', '=', fileId)
        .execute(),
    // The overdue list shows the member's address.
    () =>
      db
        .updateTable('User')
        .set({ email: 'moved@example.test' })
        .where('id', '=', userId)
        .execute(),
    () => db.deleteFrom('member_file_step').where('file_id', '=', fileId).execute(),
    () => db.deleteFrom('member_file').where('id', '=', fileId).execute(),
  ];
  const expected = [1, 1, 1, 1, 1, 0];
  for (const [index, write] of writes.entries()) {
    const before = await fileVersion(db);
    await write();
    expect(await fileVersion(db), `write ${index}`).toBeGreaterThan(before);
    expect(await figures(day), `write ${index}`).toBe(expected[index]);
    expect(runs, `write ${index}`).toBe(index + 2);
  }
  // Another day: worked out again (expected dates move with today); the same day again: kept.
  await figures('2026-11-27');
  await figures('2026-11-27');
  expect(runs).toBe(writes.length + 2);
});
