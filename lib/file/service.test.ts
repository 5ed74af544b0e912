import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUser, tempDatabase, type TempDatabase } from '@/test/support/temp-db';
import { addDays, dayOf } from './expected';
import {
  fileCountsByStep,
  markOwnStep,
  markStepByStaff,
  memberFileForStaff,
  overdueFiles,
  ownFile,
  plannerFileStatus,
  saveOwnChecklist,
  saveOwnNote,
  saveRouteFromPlanner,
  setOwnReminders,
  type FileDeps,
} from './service';
import { NOTE_MAX } from './schema';
import { READER, type MembershipState, type Viewer } from '../access';
import { deleteAccount, exportAccountData } from '../account/service';
import { readSession } from '../auth/recent-sign-in';
import type { Database } from '../db/schema';
import { loadPlanner } from '../planner/load';

let temp: TempDatabase;
let db: Kysely<Database>;
// The clock is an input: every call gets `now`; "today" is derived from it, never written here.
// Noon in France today, and one second later at every call, so the history has an order.
const today = dayOf(new Date());
const noon = new Date(`${today}T11:00:00Z`);
let tick = 0;
const nextNow = () => new Date(noon.getTime() + ++tick * 1000);
const now = noon;
const planner = loadPlanner();
const deps = (): FileDeps => ({ db, now: nextNow(), planner });

beforeAll(async () => {
  temp = await tempDatabase('member-file');
  db = temp.db;
});
afterAll(async () => {
  await temp.dispose();
});

const active: MembershipState = {
  status: 'active',
  currentPeriodStart: new Date(now.getTime() - 10 * 86_400_000),
  currentPeriodEnd: new Date(now.getTime() + 20 * 86_400_000),
  cancelAtPeriodEnd: false,
  startedAt: new Date(now.getTime() - 10 * 86_400_000),
};
const lapsedMembership: MembershipState = { ...active, status: 'canceled' };

let count = 0;
async function person(
  membership: MembershipState | null = active,
  staff = false,
): Promise<Extract<Viewer, { kind: 'user' }>> {
  const email = `file-${++count}@example.test`;
  const userId = await insertUser(db, email);
  return { kind: 'user', userId, email, isStaff: staff, membership };
}

/** Employed EEA national, no number yet: the `work` route (apply, nia, nir, …). */
const WORK = {
  nationality: 'eea',
  situation: 'employed',
  sofar: 'over-3-months',
  plan: 'longer',
  number: 'no',
};
/** Retired with a UK S1: the `uk-s1` route (get-uk-s1, register-s1). */
const UK_S1 = { ...WORK, nationality: 'uk-s1', situation: 'retired' };

async function fileOf(viewer: Viewer) {
  const own = await ownFile(viewer, deps());
  if (own.kind !== 'file') throw new Error(`no file: ${own.kind}`);
  return own;
}

describe('saving the planner route to a file', () => {
  it('creates the file on the route the planner gives, with its steps to do and its history', async () => {
    const member = await person();
    expect(await ownFile(member, deps())).toEqual({ kind: 'none', canStart: true });
    expect(await saveRouteFromPlanner(member, WORK, deps())).toEqual({
      kind: 'saved',
      created: true,
      routeId: 'work',
    });
    const { canWrite, file } = await fileOf(member);
    expect(canWrite).toBe(true);
    expect(file.routeId).toBe('work');
    expect(file.steps.map((s) => [s.id, s.state])).toEqual([
      ['apply', 'todo'],
      ['nia', 'todo'],
      ['nir', 'todo'],
      ['ameli-account', 'todo'],
      ['card', 'todo'],
      ['card-arrives', 'todo'],
    ]);
    expect(file.currentStep).toBe('apply');
    expect(file.reminders).toBe(true);
    expect(file.documents.map((d) => d.id)).toContain('form');
    expect(file.history.map((e) => [e.action, e.detail])).toEqual([['saved-route', 'work']]);
  });

  it('refuses incomplete answers and anyone who is not a member', async () => {
    const member = await person();
    expect(await saveRouteFromPlanner(member, { ...WORK, number: 'perhaps' }, deps())).toEqual({
      kind: 'incomplete',
    });
    const notMember = await person(null);
    expect(await saveRouteFromPlanner(notMember, WORK, deps())).toEqual({ kind: 'refused' });
    expect(await ownFile(notMember, deps())).toEqual({ kind: 'none', canStart: false });
    expect(await saveRouteFromPlanner(READER, WORK, deps())).toEqual({ kind: 'refused' });
    expect(await ownFile(READER, deps())).toEqual({ kind: 'reader' });
  });

  it('re-saving updates the route and keeps the dates of steps still on it', async () => {
    const member = await person();
    await saveRouteFromPlanner(member, WORK, deps());
    const applied = addDays(today, -10);
    expect(await markOwnStep(member, { stepId: 'apply', doneOn: applied }, deps())).toEqual({
      kind: 'saved',
    });
    // Same route, other answers: the date stays.
    const again = await saveRouteFromPlanner(
      member,
      { ...WORK, situation: 'self-employed' },
      deps(),
    );
    expect(again).toEqual({ kind: 'saved', created: false, routeId: 'work' });
    let { file } = await fileOf(member);
    expect(file.steps.find((s) => s.id === 'apply')).toMatchObject({
      state: 'done',
      doneOn: applied,
    });
    // Another route: its steps are to do, the old date is kept as not on this route…
    await saveRouteFromPlanner(member, UK_S1, deps());
    ({ file } = await fileOf(member));
    expect(file.routeId).toBe('uk-s1');
    expect(file.steps.map((s) => [s.id, s.state, s.skipped])).toEqual([
      ['get-uk-s1', 'todo', null],
      ['register-s1', 'todo', null],
      ['apply', 'skipped', 'route'],
    ]);
    // …and comes back with the route.
    await saveRouteFromPlanner(member, WORK, deps());
    ({ file } = await fileOf(member));
    expect(file.steps.find((s) => s.id === 'apply')).toMatchObject({
      state: 'done',
      doneOn: applied,
    });
    expect(file.history.filter((e) => e.action === 'saved-route').map((e) => e.detail)).toEqual([
      'work',
      'work',
      'uk-s1',
      'work',
    ]);
  });
});

describe('what the planner offers under its answer', () => {
  it('save, then update for a member; join for a non-member; rejoin once lapsed; sign in for a reader', async () => {
    const member = await person();
    expect(await plannerFileStatus(member, deps())).toBe('save');
    await saveRouteFromPlanner(member, WORK, deps());
    expect(await plannerFileStatus(member, deps())).toBe('update');
    expect(await plannerFileStatus({ ...member, membership: lapsedMembership }, deps())).toBe(
      'rejoin',
    );
    expect(await plannerFileStatus(await person(null), deps())).toBe('join');
    expect(await plannerFileStatus(READER, deps())).toBe('reader');
  });
});

describe('marking steps', () => {
  it('dates the next step from the day entered and says when it is overdue', async () => {
    const member = await person();
    await saveRouteFromPlanner(member, WORK, deps());
    const applied = addDays(today, -40);
    await markOwnStep(member, { stepId: 'apply', doneOn: applied }, deps());
    const { file } = await fileOf(member);
    expect(file.currentStep).toBe('nia');
    expect(file.overdue.map((s) => s.id)).toEqual(['nia']);
    expect(file.steps.find((s) => s.id === 'nia')!.expectation).toMatchObject({
      kind: 'dated',
      date: addDays(applied, 21),
      overdue: true,
      daysLate: 19,
      delayKind: 'experience',
    });
  });

  it('refuses a day in the future, before 2000 or not a date, with a message, and changes nothing', async () => {
    const member = await person();
    await saveRouteFromPlanner(member, WORK, deps());
    const cases: [string, RegExp][] = [
      [addDays(today, 1), /in the future/],
      ['1999-12-31', /before 2000/],
      ['2026-02-30', /real date/],
      ['next tuesday', /year-month-day|real date/],
      ['', /Enter the date/],
    ];
    for (const [doneOn, message] of cases) {
      const result = await markOwnStep(member, { stepId: 'apply', doneOn }, deps());
      expect(result, doneOn).toMatchObject({ kind: 'invalid', field: 'doneOn' });
      expect(result.kind === 'invalid' && result.message).toMatch(message);
    }
    expect(await markOwnStep(member, { stepId: 'apply', doneOn: today }, deps())).toEqual({
      kind: 'saved',
    });
    const { file } = await fileOf(member);
    expect(file.steps.find((s) => s.id === 'apply')!.doneOn).toBe(today);
    expect(file.history.filter((e) => e.action === 'marked-done')).toHaveLength(1);
  });

  it('lets someone who already had their number date it, which starts the permanent number clock', async () => {
    const member = await person();
    await saveRouteFromPlanner(member, { ...WORK, number: 'yes' }, deps());
    let { file } = await fileOf(member);
    expect(file.steps.find((s) => s.id === 'nia')).toMatchObject({
      state: 'done',
      doneByAnswers: true,
    });
    expect(file.steps.find((s) => s.id === 'nir')!.expectation?.kind).toBe('waiting');
    const received = addDays(today, -30);
    await markOwnStep(member, { stepId: 'nia', doneOn: received }, deps());
    ({ file } = await fileOf(member));
    expect(file.steps.find((s) => s.id === 'nir')!.expectation).toMatchObject({
      kind: 'dated',
      from: { stepId: 'nia', doneOn: received },
      date: addDays(received, 274),
      overdue: false,
    });
  });

  it('refuses a step that is not on the route, and unmarks a step', async () => {
    const member = await person();
    await saveRouteFromPlanner(member, WORK, deps());
    expect(await markOwnStep(member, { stepId: 'register-s1', doneOn: today }, deps())).toEqual({
      kind: 'not-on-route',
    });
    expect(await markOwnStep(member, { stepId: '../x', doneOn: today }, deps())).toEqual({
      kind: 'not-on-route',
    });
    await markOwnStep(member, { stepId: 'apply', doneOn: today }, deps());
    expect(await markOwnStep(member, { stepId: 'apply', doneOn: null }, deps())).toEqual({
      kind: 'saved',
    });
    const { file } = await fileOf(member);
    expect(file.steps.find((s) => s.id === 'apply')!.state).toBe('todo');
    expect(file.history.map((e) => e.action)).toEqual(['saved-route', 'marked-done', 'unmarked']);
  });
});

describe('notes, checklist and reminders', () => {
  it('keeps a capped private note per step; the history says it changed, never what it says', async () => {
    const member = await person();
    await saveRouteFromPlanner(member, WORK, deps());
    expect(
      await saveOwnNote(member, { stepId: 'apply', note: 'x'.repeat(NOTE_MAX + 1) }, deps()),
    ).toMatchObject({ kind: 'invalid', field: 'note' });
    expect(
      await saveOwnNote(
        member,
        { stepId: 'apply', note: '  Ref 12345, spoke to Mme Durand ' },
        deps(),
      ),
    ).toEqual({ kind: 'saved' });
    const { file } = await fileOf(member);
    expect(file.steps.find((s) => s.id === 'apply')!.note).toBe('Ref 12345, spoke to Mme Durand');
    const event = file.history.find((e) => e.action === 'note-changed')!;
    expect(event).toMatchObject({ stepId: 'apply', detail: null });
    expect(JSON.stringify(file.history)).not.toContain('Durand');
  });

  it("keeps the route's document checklist, refusing documents not on it", async () => {
    const member = await person();
    await saveRouteFromPlanner(member, WORK, deps());
    expect(await saveOwnChecklist(member, ['form', 'id-eea'], deps())).toBe('saved');
    expect(await saveOwnChecklist(member, ['form', 'not-a-document'], deps())).toBe('invalid');
    expect(await saveOwnChecklist(member, 'form', deps())).toBe('invalid');
    let { file } = await fileOf(member);
    expect(file.documents.filter((d) => d.checked).map((d) => d.id)).toEqual(['form', 'id-eea']);
    await saveOwnChecklist(member, ['id-eea'], deps());
    ({ file } = await fileOf(member));
    expect(file.documents.filter((d) => d.checked).map((d) => d.id)).toEqual(['id-eea']);
  });

  it('turns reminders off and on', async () => {
    const member = await person();
    await saveRouteFromPlanner(member, WORK, deps());
    expect(await setOwnReminders(member, false, deps())).toBe('saved');
    expect((await fileOf(member)).file.reminders).toBe(false);
    await setOwnReminders(member, true, deps());
    const { file } = await fileOf(member);
    expect(file.reminders).toBe(true);
    expect(file.history.map((e) => e.action).slice(-2)).toEqual(['reminders-off', 'reminders-on']);
  });
});

describe('a lapsed member', () => {
  it('reads their file but cannot change it', async () => {
    const member = await person();
    await saveRouteFromPlanner(member, WORK, deps());
    await markOwnStep(member, { stepId: 'apply', doneOn: today }, deps());
    const lapsed = { ...member, membership: lapsedMembership };
    const own = await fileOf(lapsed);
    expect(own.canWrite).toBe(false);
    expect(own.file.steps[0]).toMatchObject({ id: 'apply', doneOn: today });
    expect(await markOwnStep(lapsed, { stepId: 'nia', doneOn: today }, deps())).toEqual({
      kind: 'refused',
    });
    expect(await saveOwnNote(lapsed, { stepId: 'apply', note: 'x' }, deps())).toEqual({
      kind: 'refused',
    });
    expect(await saveOwnChecklist(lapsed, ['form'], deps())).toBe('refused');
    expect(await setOwnReminders(lapsed, false, deps())).toBe('refused');
    expect(await saveRouteFromPlanner(lapsed, UK_S1, deps())).toEqual({ kind: 'refused' });
    expect((await fileOf(lapsed)).file.routeId).toBe('work');
  });
});

describe('staff', () => {
  it('only staff read files, count them by step and list the overdue ones, oldest first', async () => {
    const staff = await person(null, true);
    const member = await person();
    expect(await fileCountsByStep(member, deps())).toBeNull();
    expect(await overdueFiles(member, deps())).toBeNull();
    expect(await memberFileForStaff(member, member.userId, deps())).toBeNull();
    expect(await memberFileForStaff(READER, member.userId, deps())).toBeNull();

    const before = (await overdueFiles(staff, { ...deps(), pageSize: 100 }))!;
    const older = await person();
    const newer = await person();
    for (const [viewer, ago] of [
      [newer, 30],
      [older, 60],
    ] as const) {
      await saveRouteFromPlanner(viewer, WORK, deps());
      await markOwnStep(viewer, { stepId: 'apply', doneOn: addDays(today, -ago) }, deps());
    }
    const onTime = await person();
    await saveRouteFromPlanner(onTime, WORK, deps());
    await markOwnStep(onTime, { stepId: 'apply', doneOn: addDays(today, -3) }, deps());

    const overdue = (await overdueFiles(staff, { ...deps(), pageSize: 100 }))!;
    expect(overdue.total).toBe(before.total + 2);
    const ours = overdue.entries.filter((e) =>
      [older.userId, newer.userId, onTime.userId].includes(e.userId),
    );
    expect(ours.map((e) => [e.memberEmail, e.stepId, e.daysLate])).toEqual([
      [older.email, 'nia', 39],
      [newer.email, 'nia', 9],
    ]);
    const dates = overdue.entries.map((e) => e.expectedOn);
    expect(dates).toEqual([...dates].sort());
    // Paged: one entry a page.
    const second = (await overdueFiles(staff, { ...deps(), page: 2, pageSize: 1 }))!;
    expect(second.entries).toEqual([overdue.entries[1]]);

    const counts = (await fileCountsByStep(staff, deps()))!;
    expect(counts.find((c) => c.stepId === 'nia')!.files).toBeGreaterThanOrEqual(3);
    expect(counts.find((c) => c.stepId === 'nia')!.title).toBe('Temporary number (NIA)');
  });

  it('staff mark a step on a member file, recorded with their name, which the member sees', async () => {
    const staff = await person(null, true);
    const member = await person();
    expect(
      await markStepByStaff(
        staff,
        { userId: member.userId, stepId: 'nia', doneOn: today, staffName: 'Claire' },
        deps(),
      ),
    ).toEqual({ kind: 'no-file' });
    await saveRouteFromPlanner(member, WORK, deps());
    await saveOwnNote(member, { stepId: 'apply', note: 'Posted recorded delivery' }, deps());
    expect(
      await markStepByStaff(
        member,
        { userId: member.userId, stepId: 'nia', doneOn: today, staffName: 'Me' },
        deps(),
      ),
    ).toEqual({ kind: 'refused' });
    expect(
      await markStepByStaff(
        staff,
        { userId: member.userId, stepId: 'nia', doneOn: addDays(today, 2), staffName: 'Claire' },
        deps(),
      ),
    ).toMatchObject({ kind: 'invalid', field: 'doneOn' });
    expect(
      await markStepByStaff(
        staff,
        { userId: member.userId, stepId: 'nia', doneOn: today, staffName: 'Claire' },
        deps(),
      ),
    ).toEqual({ kind: 'saved' });
    const { file } = await fileOf(member);
    expect(file.steps.find((s) => s.id === 'nia')).toMatchObject({
      state: 'done',
      doneOn: today,
      doneBy: 'staff',
      doneByName: 'Claire',
    });
    expect(file.history.at(-1)).toMatchObject({
      actorKind: 'staff',
      actorId: staff.userId,
      actorName: 'Claire',
      action: 'marked-done',
      stepId: 'nia',
      detail: today,
    });
    // Staff see the member's notes beside their requests.
    const seen = await memberFileForStaff(staff, member.userId, deps());
    expect(seen?.kind === 'file' && seen.file.steps[0]!.note).toBe('Posted recorded delivery');
  });
});

describe('the data export and account deletion', () => {
  it('exports the file (steps, notes, history, checklist), for a lapsed member too', async () => {
    const member = await person();
    await saveRouteFromPlanner(member, WORK, deps());
    await markOwnStep(member, { stepId: 'apply', doneOn: today }, deps());
    await saveOwnNote(member, { stepId: 'apply', note: 'Ref ABC-42' }, deps());
    await saveOwnChecklist(member, ['form'], deps());
    const exported = await exportAccountData(
      { ...member, membership: lapsedMembership },
      { db, now },
    );
    expect(exported!.carteVitaleFile).toMatchObject({
      route: 'work',
      plannerAnswers: WORK,
      steps: [{ step: 'apply', doneOn: today, markedBy: 'member', note: 'Ref ABC-42' }],
      documentsChecked: [{ document: 'form' }],
    });
    expect(exported!.carteVitaleFile!.history.map((e) => e.action)).toEqual([
      'saved-route',
      'marked-done',
      'note-changed',
      'checklist-changed',
    ]);
  });

  it('erases the file with the account', async () => {
    const member = await person();
    await saveRouteFromPlanner(member, WORK, deps());
    await markOwnStep(member, { stepId: 'apply', doneOn: today }, deps());
    await saveOwnChecklist(member, ['form'], deps());
    const fileId = (await fileOf(member)).file.id;
    const token = `session-${crypto.randomUUID()}`;
    await db
      .insertInto('Session')
      .values({
        sessionToken: token,
        userId: member.userId,
        expires: '2099-01-01T00:00:00.000Z',
        signedInAt: now.toISOString(),
      })
      .execute();
    const result = await deleteAccount(member, await readSession(db, token), {
      db,
      now,
      send: async () => {},
      cancelBilling: async () => [],
    });
    expect(result.kind).toBe('deleted');
    for (const table of [
      'member_file_step',
      'member_file_event',
      'member_file_document',
    ] as const) {
      const rows = await db
        .selectFrom(table)
        .select('file_id')
        .where('file_id', '=', fileId)
        .execute();
      expect(rows, table).toEqual([]);
    }
    expect(
      await db.selectFrom('member_file').select('id').where('id', '=', fileId).execute(),
    ).toEqual([]);
  });
});
