import 'server-only';
// The member's Carte Vitale file: their planner route followed step by step. Every function checks
// lib/access itself, whoever calls it: members write their own file, a lapsed member reads it,
// staff read every file and may mark a step (recorded in the file's history, which the member sees).
import type { Kysely } from 'kysely';
import { figuresOfFiles } from './desk-summary';
import { currentStepOf, dayOf, fileSteps, overdueSteps, type Day, type FileStep } from './expected';
import { checklistInput, fileId, markStepInput, stepNote, type PlannerFileStatus } from './schema';
import {
  checkedDocumentsOf,
  findFileOfUser,
  historyOf,
  insertFileEvent,
  listFiles,
  readFileForExport,
  setCheckedDocuments,
  setReminders,
  setStepDone,
  setStepNote,
  stepRowsOf,
  upsertFile,
  type FileEvent,
  type FileRecord,
  type FileWithSteps,
} from './store';
import { canWorkMemberFiles, ownFileAccess, type Viewer } from '../access';
import { getDb } from '../db';
import type { Database } from '../db/schema';
import { loadPlanner } from '../planner/load';
import { answersFromParams, planFor, type Answers } from '../planner/rules';
import type { PlannerFile } from '../planner/schema';

/** A history entry for something the member did themselves (staff entries carry a name). */
function byMember(
  userId: string,
  action: FileEvent['action'],
  stepId: string | null,
  detail: string | null,
): Omit<FileEvent, 'id' | 'createdAt'> {
  return { actorKind: 'member', actorId: userId, actorName: null, action, stepId, detail };
}

export interface FileDeps {
  db?: Kysely<Database>;
  now?: Date;
  planner?: PlannerFile;
}

async function resolve(deps: FileDeps) {
  const now = deps.now ?? new Date();
  return {
    db: deps.db ?? (await getDb()),
    now,
    today: dayOf(now),
    planner: deps.planner ?? loadPlanner(),
  };
}

export interface FileDocument {
  id: string;
  text: string;
  checked: boolean;
  checkedAt: string | null;
}

/** A file as a page shows it: steps with their state and expected dates, checklist, history. */
export interface FileView {
  id: string;
  userId: string;
  routeId: string;
  /** The route's title, or null when the planner no longer has that route. */
  routeTitle: string | null;
  answers: Partial<Answers>;
  reminders: boolean;
  createdAt: string;
  updatedAt: string;
  today: Day;
  steps: FileStep[];
  /** The first step to do, 'complete' or 'no-steps'. */
  currentStep: string;
  overdue: FileStep[];
  documents: FileDocument[];
  /** Oldest first. */
  history: FileEvent[];
}

async function viewOf(
  db: Kysely<Database>,
  planner: PlannerFile,
  file: FileRecord,
  today: Day,
): Promise<FileView> {
  const [records, checked, history] = await Promise.all([
    stepRowsOf(db, file.id),
    checkedDocumentsOf(db, file.id),
    historyOf(db, file.id),
  ]);
  const answers = answersFromParams(planner, file.answers);
  const steps = fileSteps(planner, { routeId: file.routeId, answers, records }, today);
  const plan = planFor(planner, answers);
  const ticked = new Map(checked.map((row) => [row.documentId, row.checkedAt]));
  return {
    id: file.id,
    userId: file.userId,
    routeId: file.routeId,
    routeTitle: planner.routes[file.routeId]?.title ?? null,
    answers,
    reminders: file.reminders,
    createdAt: file.createdAt,
    updatedAt: file.updatedAt,
    today,
    steps,
    currentStep: currentStepOf(steps),
    overdue: overdueSteps(steps).map(({ step }) => step),
    documents: (plan?.routeId === file.routeId ? plan.documents : []).map((document) => ({
      id: document.id,
      text: document.text,
      checked: ticked.has(document.id),
      checkedAt: ticked.get(document.id) ?? null,
    })),
    history,
  };
}

export type OwnFile =
  | { kind: 'reader' }
  /** Signed in, no file yet; `canStart`: a member (or staff) who may save one from the planner. */
  | { kind: 'none'; canStart: boolean }
  /** `canWrite` false: read-only (a lapsed member). */
  | { kind: 'file'; canWrite: boolean; file: FileView };

/** The viewer's own file, as far as they may see it. */
export async function ownFile(viewer: Viewer, deps: FileDeps = {}): Promise<OwnFile> {
  const { db, now, today, planner } = await resolve(deps);
  const access = ownFileAccess(viewer, now);
  if (viewer.kind === 'reader' || access === 'none') return { kind: 'reader' };
  const file = await findFileOfUser(db, viewer.userId);
  if (!file) return { kind: 'none', canStart: access === 'write' };
  return {
    kind: 'file',
    canWrite: access === 'write',
    file: await viewOf(db, planner, file, today),
  };
}

/** What the planner offers the viewer under its answer (see PlannerFileStatus). */
export async function plannerFileStatus(
  viewer: Viewer,
  deps: FileDeps = {},
): Promise<PlannerFileStatus> {
  const now = deps.now ?? new Date();
  const access = ownFileAccess(viewer, now);
  if (viewer.kind === 'reader' || access === 'none') return 'reader';
  const file = await findFileOfUser(deps.db ?? (await getDb()), viewer.userId);
  if (access === 'write') return file ? 'update' : 'save';
  return file ? 'rejoin' : 'join';
}

export type SaveRouteResult =
  | { kind: 'refused' }
  /** Some answers are missing or unknown: the planner gives no route for them. */
  | { kind: 'incomplete' }
  | { kind: 'saved'; created: boolean; routeId: string };

/**
 * Saves the planner's answer to the viewer's file: creates it, or updates its answers and route.
 * Dates and notes already entered stay with their steps (rows keyed by step id), so the steps still
 * on the new route keep them; the others show as not on this route, their dates kept.
 */
export async function saveRouteFromPlanner(
  viewer: Viewer,
  params: Record<string, string | string[] | undefined>,
  deps: FileDeps = {},
): Promise<SaveRouteResult> {
  const { db, now, planner } = await resolve(deps);
  if (viewer.kind !== 'user' || ownFileAccess(viewer, now) !== 'write') return { kind: 'refused' };
  const answers = answersFromParams(planner, params);
  const plan = planFor(planner, answers);
  if (!plan) return { kind: 'incomplete' };
  const saved = await db.transaction().execute(async (trx) => {
    const file = await upsertFile(trx, viewer.userId, answers as Answers, plan.routeId, now);
    await insertFileEvent(
      trx,
      file.id,
      byMember(viewer.userId, 'saved-route', null, plan.routeId),
      now,
    );
    return file;
  });
  return { kind: 'saved', created: saved.created, routeId: plan.routeId };
}

export type StepChangeResult =
  | { kind: 'refused' }
  | { kind: 'no-file' }
  /** The step is not on the file's route. */
  | { kind: 'not-on-route' }
  /** `message`: what to correct (the date or the note); what was typed is the caller's to keep. */
  | { kind: 'invalid'; field: 'doneOn' | 'note'; message: string }
  | { kind: 'saved' };

type Actor = { kind: 'member' | 'staff'; id: string; name: string | null };

async function markStepOf(
  db: Kysely<Database>,
  planner: PlannerFile,
  file: FileRecord,
  actor: Actor,
  input: { stepId: string; doneOn: string | null },
  today: Day,
  now: Date,
): Promise<StepChangeResult> {
  let doneOn: Day | null = null;
  if (input.doneOn !== null) {
    const parsed = markStepInput(today).safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      if (issue.path[0] !== 'doneOn') return { kind: 'not-on-route' };
      return { kind: 'invalid', field: 'doneOn', message: issue.message };
    }
    doneOn = parsed.data.doneOn;
  } else if (!fileId.safeParse(input.stepId).success) return { kind: 'not-on-route' };
  const view = await viewOf(db, planner, file, today);
  if (!view.steps.some((step) => step.id === input.stepId && step.skipped === null))
    return { kind: 'not-on-route' };
  await db.transaction().execute(async (trx) => {
    await setStepDone(
      trx,
      file.id,
      input.stepId,
      { doneOn, by: actor.kind, name: actor.kind === 'staff' ? actor.name : null },
      now,
    );
    await insertFileEvent(
      trx,
      file.id,
      {
        actorKind: actor.kind,
        actorId: actor.id,
        actorName: actor.kind === 'staff' ? actor.name : null,
        action: doneOn ? 'marked-done' : 'unmarked',
        stepId: input.stepId,
        detail: doneOn,
      },
      now,
    );
  });
  return { kind: 'saved' };
}

/** The member marks a step of their route done on a day (YYYY-MM-DD), or to do again (null). */
export async function markOwnStep(
  viewer: Viewer,
  input: { stepId: string; doneOn: string | null },
  deps: FileDeps = {},
): Promise<StepChangeResult> {
  const { db, now, today, planner } = await resolve(deps);
  if (viewer.kind !== 'user' || ownFileAccess(viewer, now) !== 'write') return { kind: 'refused' };
  const file = await findFileOfUser(db, viewer.userId);
  if (!file) return { kind: 'no-file' };
  return markStepOf(
    db,
    planner,
    file,
    { kind: 'member', id: viewer.userId, name: null },
    input,
    today,
    now,
  );
}

/** The member's private note on a step (capped; '' clears it). Only staff see it besides them. */
export async function saveOwnNote(
  viewer: Viewer,
  input: { stepId: string; note: string },
  deps: FileDeps = {},
): Promise<StepChangeResult> {
  const { db, now, today, planner } = await resolve(deps);
  if (viewer.kind !== 'user' || ownFileAccess(viewer, now) !== 'write') return { kind: 'refused' };
  const note = stepNote.safeParse(input.note);
  if (!note.success)
    return { kind: 'invalid', field: 'note', message: note.error.issues[0]!.message };
  const file = await findFileOfUser(db, viewer.userId);
  if (!file) return { kind: 'no-file' };
  const view = await viewOf(db, planner, file, today);
  // A kept step of an earlier route may still have its note edited.
  if (!view.steps.some((step) => step.id === input.stepId)) return { kind: 'not-on-route' };
  const before = view.steps.find((step) => step.id === input.stepId)?.note ?? '';
  if (before === note.data) return { kind: 'saved' };
  await db.transaction().execute(async (trx) => {
    await setStepNote(trx, file.id, input.stepId, note.data, now);
    // The history says a note changed, never what it says.
    await insertFileEvent(
      trx,
      file.id,
      byMember(viewer.userId, 'note-changed', input.stepId, null),
      now,
    );
  });
  return { kind: 'saved' };
}

/** The member's document checklist becomes exactly the documents ticked (of their route). */
export async function saveOwnChecklist(
  viewer: Viewer,
  documents: unknown,
  deps: FileDeps = {},
): Promise<'refused' | 'no-file' | 'invalid' | 'saved'> {
  const { db, now, today, planner } = await resolve(deps);
  if (viewer.kind !== 'user' || ownFileAccess(viewer, now) !== 'write') return 'refused';
  const parsed = checklistInput.safeParse({ documents });
  if (!parsed.success) return 'invalid';
  const file = await findFileOfUser(db, viewer.userId);
  if (!file) return 'no-file';
  const view = await viewOf(db, planner, file, today);
  const known = new Set(view.documents.map((document) => document.id));
  if (parsed.data.documents.some((id) => !known.has(id))) return 'invalid';
  await db.transaction().execute(async (trx) => {
    if (await setCheckedDocuments(trx, file.id, [...new Set(parsed.data.documents)], now))
      await insertFileEvent(
        trx,
        file.id,
        byMember(viewer.userId, 'checklist-changed', null, null),
        now,
      );
  });
  return 'saved';
}

/** The file page's switch: overdue reminders by e-mail on or off. */
export async function setOwnReminders(
  viewer: Viewer,
  on: boolean,
  deps: FileDeps = {},
): Promise<'refused' | 'no-file' | 'saved'> {
  const { db, now } = await resolve(deps);
  if (viewer.kind !== 'user' || ownFileAccess(viewer, now) !== 'write') return 'refused';
  const file = await findFileOfUser(db, viewer.userId);
  if (!file) return 'no-file';
  await db.transaction().execute(async (trx) => {
    if (await setReminders(trx, file.id, on, now))
      await insertFileEvent(
        trx,
        file.id,
        byMember(viewer.userId, on ? 'reminders-on' : 'reminders-off', null, null),
        now,
      );
  });
  return 'saved';
}

// ---- Staff ----

/** How many files the desk reads at most for its counts and overdue list. */
const DESK_SCAN_LIMIT = 20_000;
const SCAN_PAGE = 500;

async function everyFile(db: Kysely<Database>): Promise<FileWithSteps[]> {
  const all: FileWithSteps[] = [];
  let afterId: string | undefined;
  while (all.length < DESK_SCAN_LIMIT) {
    const page = await listFiles(db, { limit: SCAN_PAGE, afterId });
    all.push(...page);
    if (page.length < SCAN_PAGE) break;
    afterId = page[page.length - 1]!.id;
  }
  return all;
}

function stepsOfRow(planner: PlannerFile, file: FileWithSteps, today: Day): FileStep[] {
  return fileSteps(
    planner,
    {
      routeId: file.routeId,
      answers: answersFromParams(planner, file.answers),
      records: file.steps,
    },
    today,
  );
}

export interface StepCount {
  /** A step id, or 'complete' / 'no-steps'. */
  stepId: string;
  title: string;
  files: number;
}

/** Every file's current step, and the overdue ones (oldest expected date first), from one read. */
interface DeskFiles {
  counts: Map<string, number>;
  overdue: OverdueEntry[];
}

async function workOutDeskFiles(
  db: Kysely<Database>,
  planner: PlannerFile,
  today: Day,
): Promise<DeskFiles> {
  const counts = new Map<string, number>();
  const overdue: OverdueEntry[] = [];
  for (const file of await everyFile(db)) {
    const steps = stepsOfRow(planner, file, today);
    const current = currentStepOf(steps);
    counts.set(current, (counts.get(current) ?? 0) + 1);
    const [oldest] = overdueSteps(steps);
    if (!oldest) continue;
    overdue.push({
      userId: file.userId,
      memberEmail: file.memberEmail,
      fileId: file.id,
      routeId: file.routeId,
      stepId: oldest.step.id,
      stepTitle: oldest.step.title,
      expectedOn: oldest.expectation.date,
      daysLate: oldest.expectation.daysLate,
    });
  }
  overdue.sort(
    (a, b) => a.expectedOn.localeCompare(b.expectedOn) || a.fileId.localeCompare(b.fileId),
  );
  return { counts, overdue };
}

/**
 * The desk's file figures: worked out from every file once, then kept until a file, a step or a
 * member's address changes, or the day (lib/file/desk-summary.ts).
 */
const deskFiles = (db: Kysely<Database>, planner: PlannerFile, today: Day) =>
  figuresOfFiles(db, [today, planner], () => workOutDeskFiles(db, planner, today));

/** The desk: how many files are at each step (their first step to do), most files first. */
export async function fileCountsByStep(
  viewer: Viewer,
  deps: FileDeps = {},
): Promise<StepCount[] | null> {
  if (!canWorkMemberFiles(viewer)) return null;
  const { db, today, planner } = await resolve(deps);
  const { counts } = await deskFiles(db, planner, today);
  const titleOf = (id: string) =>
    id === 'complete'
      ? 'Every step done'
      : id === 'no-steps'
        ? 'No steps on their route'
        : (planner.steps[id]?.title ?? id);
  return [...counts]
    .map(([stepId, files]) => ({ stepId, title: titleOf(stepId), files }))
    .sort((a, b) => b.files - a.files || a.stepId.localeCompare(b.stepId));
}

export interface OverdueEntry {
  userId: string;
  memberEmail: string;
  fileId: string;
  routeId: string;
  stepId: string;
  stepTitle: string;
  expectedOn: Day;
  daysLate: number;
}

export interface OverduePage {
  entries: OverdueEntry[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * The desk: members whose step is overdue, one entry per file (its most overdue step), oldest
 * expected date first, in pages (`page` from 1, `pageSize` at most 100).
 */
export async function overdueFiles(
  viewer: Viewer,
  { page = 1, pageSize = 25, ...deps }: FileDeps & { page?: number; pageSize?: number } = {},
): Promise<OverduePage | null> {
  if (!canWorkMemberFiles(viewer)) return null;
  const { db, today, planner } = await resolve(deps);
  const size = Math.min(Math.max(1, Math.floor(pageSize)), 100);
  const number = Math.max(1, Math.floor(page));
  const { overdue } = await deskFiles(db, planner, today);
  return {
    entries: overdue.slice((number - 1) * size, number * size),
    total: overdue.length,
    page: number,
    pageSize: size,
  };
}

/** A member's file for staff (beside an assistance request, say); null for anyone else. */
export async function memberFileForStaff(
  viewer: Viewer,
  userId: string,
  deps: FileDeps = {},
): Promise<{ kind: 'none' } | { kind: 'file'; file: FileView } | null> {
  if (!canWorkMemberFiles(viewer)) return null;
  const { db, today, planner } = await resolve(deps);
  const file = await findFileOfUser(db, userId);
  if (!file) return { kind: 'none' };
  return { kind: 'file', file: await viewOf(db, planner, file, today) };
}

/**
 * Staff mark a step of a member's file done on a day (or to do again with `doneOn: null`), after a
 * call say. Recorded in the file's history with the staff member's id and display name, which the
 * member sees on their file.
 */
export async function markStepByStaff(
  viewer: Viewer,
  input: { userId: string; stepId: string; doneOn: string | null; staffName: string },
  deps: FileDeps = {},
): Promise<StepChangeResult> {
  if (viewer.kind !== 'user' || !canWorkMemberFiles(viewer)) return { kind: 'refused' };
  const { db, now, today, planner } = await resolve(deps);
  const file = await findFileOfUser(db, input.userId);
  if (!file) return { kind: 'no-file' };
  const name = input.staffName.trim().slice(0, 80) || 'Sojoourn staff';
  return markStepOf(
    db,
    planner,
    file,
    { kind: 'staff', id: viewer.userId, name },
    { stepId: input.stepId, doneOn: input.doneOn },
    today,
    now,
  );
}

/** The file in the member's data export (lib/account): steps, notes, history, checklist. */
export async function fileExportOf(db: Kysely<Database>, userId: string) {
  const stored = await readFileForExport(db, userId);
  if (!stored) return null;
  const { file, steps, history, documents } = stored;
  return {
    createdAt: file.createdAt,
    updatedAt: file.updatedAt,
    plannerAnswers: file.answers,
    route: file.routeId,
    remindersByEmail: file.reminders,
    steps: steps.map((step) => ({
      step: step.stepId,
      doneOn: step.doneOn,
      markedBy: step.doneBy,
      markedByStaffName: step.doneByName,
      note: step.note,
      remindersSent: step.remindersSent,
      lastRemindedAt: step.lastRemindedAt,
    })),
    history: history.map((event) => ({
      at: event.createdAt,
      by: event.actorKind,
      staffName: event.actorName,
      action: event.action,
      step: event.stepId,
      detail: event.detail,
    })),
    documentsChecked: documents.map((document) => ({
      document: document.documentId,
      checkedAt: document.checkedAt,
    })),
  };
}
