import 'server-only';
// Members' files in the database: the only SQL of the file domain. Access is decided by ./service.
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Day, StepRecord } from './expected';
import { retryWhenBusy } from '../db/busy';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;

export interface FileRecord {
  id: string;
  userId: string;
  /** The planner's answers as saved (validated again when read: the planner may change). */
  answers: Record<string, string>;
  routeId: string;
  reminders: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A step row with the reminder state the reminders job reads (lib/file/reminders*). */
export interface StepRow extends StepRecord {
  remindersSent: number;
  lastRemindedAt: string | null;
}

export type FileAction =
  | 'saved-route'
  | 'marked-done'
  | 'unmarked'
  | 'note-changed'
  | 'checklist-changed'
  | 'reminders-on'
  | 'reminders-off';

export interface FileEvent {
  id: string;
  createdAt: string;
  actorKind: 'member' | 'staff';
  /** The member's or the staff member's user id. */
  actorId: string;
  /** Staff: their display name, which the member sees. Null for the member. */
  actorName: string | null;
  action: FileAction;
  stepId: string | null;
  /** saved-route: the route id; marked-done: the day; otherwise null. */
  detail: string | null;
}

export interface CheckedDocument {
  documentId: string;
  checkedAt: string;
}

function parseAnswers(text: string): Record<string, string> {
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
    return Object.fromEntries(
      Object.entries(value).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      ),
    );
  } catch {
    return {};
  }
}

function fileFromRow(row: Selectable<Database['member_file']>): FileRecord {
  return {
    id: row.id,
    userId: row.user_id,
    answers: parseAnswers(row.answers),
    routeId: row.route_id,
    reminders: row.reminders === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

// Each read as a builder too: lib/db/named-queries.ts reads their plans.
export const fileQueries = (db: Db) => ({
  ofUser: (userId: string) =>
    db.selectFrom('member_file').selectAll().where('user_id', '=', userId),
  steps: (fileId: string) =>
    db
      .selectFrom('member_file_step')
      .select(STEP_COLUMNS)
      .where('file_id', '=', fileId)
      .orderBy('step_id'),
  history: (fileId: string, limit: number) =>
    db
      .selectFrom('member_file_event')
      .selectAll()
      .where('file_id', '=', fileId)
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit),
  documents: (fileId: string) =>
    db
      .selectFrom('member_file_document')
      .select(['document_id', 'checked_at'])
      .where('file_id', '=', fileId)
      .orderBy('document_id'),
  /** The number triggers raise with every write to the files (migration 017). */
  version: () => db.selectFrom('member_file_version').select('version').where('id', '=', 1),
  /** A page of every file with its member's address, by id (pass the last id seen). */
  page: (limit: number, afterId?: string) => {
    let query = db
      .selectFrom('member_file')
      .innerJoin('User', 'User.id', 'member_file.user_id')
      .selectAll('member_file')
      .select('User.email as member_email')
      .orderBy('member_file.id')
      .limit(limit);
    if (afterId) query = query.where('member_file.id', '>', afterId);
    return query;
  },
  stepsOfFiles: (fileIds: string[]) =>
    db.selectFrom('member_file_step').select(STEP_COLUMNS).where('file_id', 'in', fileIds),
});

export async function findFileOfUser(db: Db, userId: string): Promise<FileRecord | null> {
  const row = await fileQueries(db).ofUser(userId).executeTakeFirst();
  return row ? fileFromRow(row) : null;
}

const stepFromRow = (row: {
  step_id: string;
  done_on: string | null;
  done_by: string | null;
  done_by_name: string | null;
  note: string | null;
  reminders_sent: number;
  last_reminded_at: string | null;
}): StepRow => ({
  stepId: row.step_id,
  doneOn: row.done_on,
  doneBy: row.done_by === 'staff' ? 'staff' : row.done_by === 'member' ? 'member' : null,
  doneByName: row.done_by_name,
  note: row.note,
  remindersSent: row.reminders_sent,
  lastRemindedAt: row.last_reminded_at,
});

const STEP_COLUMNS = [
  'file_id',
  'step_id',
  'done_on',
  'done_by',
  'done_by_name',
  'note',
  'reminders_sent',
  'last_reminded_at',
] as const;

export async function stepRowsOf(db: Db, fileId: string): Promise<StepRow[]> {
  const rows = await fileQueries(db).steps(fileId).execute();
  return rows.map(stepFromRow);
}

export async function historyOf(db: Db, fileId: string, limit = 200): Promise<FileEvent[]> {
  const rows = await fileQueries(db).history(fileId, limit).execute();
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.created_at,
    actorKind: row.actor_kind === 'staff' ? 'staff' : 'member',
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action as FileAction,
    stepId: row.step_id,
    detail: row.detail,
  }));
}

export async function checkedDocumentsOf(db: Db, fileId: string): Promise<CheckedDocument[]> {
  const rows = await fileQueries(db).documents(fileId).execute();
  return rows.map((row) => ({ documentId: row.document_id, checkedAt: row.checked_at }));
}

/**
 * Creates the member's file or updates its answers and route (one statement: two saves at once
 * leave one file). Step rows are keyed by step id, so dates of steps still on the route stay.
 */
export async function upsertFile(
  db: Db,
  userId: string,
  answers: Record<string, string>,
  routeId: string,
  now: Date,
): Promise<{ id: string; created: boolean }> {
  const at = now.toISOString();
  const id = randomUUID();
  await retryWhenBusy(
    () =>
      db
        .insertInto('member_file')
        .values({
          id,
          user_id: userId,
          answers: JSON.stringify(answers),
          route_id: routeId,
          created_at: at,
          updated_at: at,
        })
        .onConflict((oc) =>
          oc.column('user_id').doUpdateSet({
            answers: JSON.stringify(answers),
            route_id: routeId,
            updated_at: at,
          }),
        )
        .execute(),
    { label: 'member file' },
  );
  const row = await db
    .selectFrom('member_file')
    .select('id')
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return { id: row.id, created: row.id === id };
}

/** Marks a step done on `doneOn` (or to do again with null), by the member or staff. */
export async function setStepDone(
  db: Db,
  fileId: string,
  stepId: string,
  done: { doneOn: Day | null; by: 'member' | 'staff'; name: string | null },
  now: Date,
): Promise<void> {
  const values = {
    done_on: done.doneOn,
    done_by: done.doneOn ? done.by : null,
    done_by_name: done.doneOn ? done.name : null,
    updated_at: now.toISOString(),
  };
  await db
    .insertInto('member_file_step')
    .values({ file_id: fileId, step_id: stepId, note: null, ...values })
    .onConflict((oc) => oc.columns(['file_id', 'step_id']).doUpdateSet(values))
    .execute();
}

/** The step's private note ('' clears it). */
export async function setStepNote(
  db: Db,
  fileId: string,
  stepId: string,
  note: string,
  now: Date,
): Promise<void> {
  const values = { note: note || null, updated_at: now.toISOString() };
  await db
    .insertInto('member_file_step')
    .values({ file_id: fileId, step_id: stepId, done_on: null, ...values })
    .onConflict((oc) => oc.columns(['file_id', 'step_id']).doUpdateSet(values))
    .execute();
}

export async function insertFileEvent(
  db: Db,
  fileId: string,
  event: Omit<FileEvent, 'id' | 'createdAt'>,
  now: Date,
): Promise<void> {
  await db
    .insertInto('member_file_event')
    .values({
      id: randomUUID(),
      file_id: fileId,
      created_at: now.toISOString(),
      actor_kind: event.actorKind,
      actor_id: event.actorId,
      actor_name: event.actorName,
      action: event.action,
      step_id: event.stepId,
      detail: event.detail,
    })
    .execute();
}

/**
 * The checklist becomes exactly `documentIds`: unticked rows go, new ones are added, and a
 * document that stays ticked keeps the time it was first ticked. Returns whether anything changed.
 */
export async function setCheckedDocuments(
  db: Db,
  fileId: string,
  documentIds: string[],
  now: Date,
): Promise<boolean> {
  const before = new Set((await checkedDocumentsOf(db, fileId)).map((row) => row.documentId));
  const after = new Set(documentIds);
  const removed = [...before].filter((id) => !after.has(id));
  const added = [...after].filter((id) => !before.has(id));
  if (removed.length)
    await db
      .deleteFrom('member_file_document')
      .where('file_id', '=', fileId)
      .where('document_id', 'in', removed)
      .execute();
  if (added.length)
    await db
      .insertInto('member_file_document')
      .values(
        added.map((documentId) => ({
          file_id: fileId,
          document_id: documentId,
          checked_at: now.toISOString(),
        })),
      )
      .onConflict((oc) => oc.columns(['file_id', 'document_id']).doNothing())
      .execute();
  return removed.length + added.length > 0;
}

/** Turns overdue reminders on or off; returns whether the setting changed. */
export async function setReminders(db: Db, fileId: string, on: boolean, now: Date) {
  const result = await db
    .updateTable('member_file')
    .set({ reminders: on ? 1 : 0, updated_at: now.toISOString() })
    .where('id', '=', fileId)
    .where('reminders', '=', on ? 0 : 1)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export interface FileWithSteps extends FileRecord {
  memberEmail: string;
  steps: StepRow[];
}

/** The files' version: it changes with every write to a file, a step or a member's address. */
export async function fileVersion(db: Db): Promise<number> {
  const row = await fileQueries(db).version().executeTakeFirst();
  return Number(row?.version ?? 0);
}

/**
 * Every file with its step rows and its member's address, in pages of `limit` by id (for the staff
 * desk's counts and overdue list, and the reminders job). Pass the last id seen as `afterId`.
 */
export async function listFiles(
  db: Db,
  { limit, afterId }: { limit: number; afterId?: string },
): Promise<FileWithSteps[]> {
  const queries = fileQueries(db);
  const files = await queries.page(limit, afterId).execute();
  if (!files.length) return [];
  const steps = await queries.stepsOfFiles(files.map((file) => file.id)).execute();
  const byFile = new Map<string, StepRow[]>();
  for (const row of steps) {
    const list = byFile.get(row.file_id) ?? [];
    list.push(stepFromRow(row));
    byFile.set(row.file_id, list);
  }
  return files.map((row) => ({
    ...fileFromRow(row),
    memberEmail: row.member_email,
    steps: byFile.get(row.id) ?? [],
  }));
}

/** Everything stored in the user's file, for their data export; null when they have none. */
export async function readFileForExport(db: Db, userId: string) {
  const file = await findFileOfUser(db, userId);
  if (!file) return null;
  const [steps, history, documents] = await Promise.all([
    stepRowsOf(db, file.id),
    historyOf(db, file.id, 10_000),
    checkedDocumentsOf(db, file.id),
  ]);
  return { file, steps, history, documents };
}

/** Erases the user's file and everything in it (account deletion); returns how many files went. */
export async function deleteFileOfUser(db: Db, userId: string): Promise<number> {
  const ids = (await fileIdsOfUserQuery(db, userId).execute()).map(({ id }) => id);
  if (!ids.length) return 0;
  const statements = fileDeleteStatements(db, ids);
  await statements.documents.execute();
  await statements.history.execute();
  await statements.steps.execute();
  const result = await statements.files.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export const fileIdsOfUserQuery = (db: Db, userId: string) =>
  db.selectFrom('member_file').select('id').where('user_id', '=', userId);

/** The deletion's statements, in the order they run (children first). */
export const fileDeleteStatements = (db: Db, fileIds: string[]) => ({
  documents: db.deleteFrom('member_file_document').where('file_id', 'in', fileIds),
  history: db.deleteFrom('member_file_event').where('file_id', 'in', fileIds),
  steps: db.deleteFrom('member_file_step').where('file_id', 'in', fileIds),
  files: db.deleteFrom('member_file').where('id', 'in', fileIds),
});
