// When to expect each step of a member's file: a pure function of the planner's data, the member's
// route and answers, the days they entered, and today. Client-safe, no I/O, no clock of its own:
// every rule is unit-tested for every step of every route (./expected.test.ts).
import { matches, type Answers } from '../planner/rules';
import type { PlannerFile } from '../planner/schema';

/** A calendar day, YYYY-MM-DD. */
export type Day = string;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` is a real calendar day written YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDay(text: string): boolean {
  const match = DAY.exec(text);
  if (!match) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** `day` plus `days` calendar days (negative goes back). */
export function addDays(day: Day, days: number): Day {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: Day, to: Day): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The calendar day of an instant where the member lives (France, by default). */
export function dayOf(now: Date, timeZone = 'Europe/Paris'): Day {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** What the database holds for one step of a file. */
export interface StepRecord {
  stepId: string;
  doneOn: Day | null;
  doneBy: 'member' | 'staff' | null;
  doneByName: string | null;
  note: string | null;
}

export type Expectation =
  /** The planner's data knows no delay for this step: the file shows no date. */
  | { kind: 'none'; reason: string }
  /** A known delay whose starting step has no date yet. */
  | {
      kind: 'waiting';
      label: string;
      delayKind: 'official' | 'experience';
      /** The steps of this route whose date would start the clock, in order. */
      startsAfter: string[];
      sources: string[];
    }
  /** A date: the starting step's day plus the delay. */
  | {
      kind: 'dated';
      label: string;
      delayKind: 'official' | 'experience';
      from: { stepId: string; title: string; doneOn: Day };
      days: number;
      date: Day;
      /** Today is past `date` and the step is not done. */
      overdue: boolean;
      /** How many days past `date` (0 when not overdue). */
      daysLate: number;
      sources: string[];
    };

export interface FileStep {
  id: string;
  title: string;
  when: string;
  text: string;
  /**
   * todo / done (on `doneOn`, or by the planner's answers when `doneByAnswers`) / skipped: not on
   * this route, either because the answers leave it out (`skipped: 'answers'`) or because it
   * belongs to the route the member saved before (`skipped: 'route'`; its date and note are kept).
   */
  state: 'todo' | 'done' | 'skipped';
  skipped: 'answers' | 'route' | null;
  doneOn: Day | null;
  doneBy: 'member' | 'staff' | null;
  doneByName: string | null;
  doneByAnswers: boolean;
  note: string | null;
  /** The first step still to do. */
  next: boolean;
  /** For steps to do; null for done and skipped steps. */
  expectation: Expectation | null;
}

export interface FileInput {
  routeId: string;
  answers: Partial<Answers>;
  records: StepRecord[];
}

/**
 * The file's steps: the route's steps in order, each with its state and, for a step to do, when to
 * expect it; then the steps of an earlier route that still hold a date or a note, as skipped.
 * An unknown route (the planner's data changed) gives only those kept steps.
 */
export function fileSteps(planner: PlannerFile, file: FileInput, today: Day): FileStep[] {
  const route = planner.routes[file.routeId];
  const records = new Map(file.records.map((record) => [record.stepId, record]));
  const routeSteps = route?.steps ?? [];
  const hasNumber = file.answers.number === 'yes';
  const steps: FileStep[] = [];
  for (const id of routeSteps) {
    const step = planner.steps[id];
    if (!step) continue;
    const record = records.get(id);
    const shown = !step.show || matches(step.show, file.answers as Answers);
    const doneByAnswers = shown && hasNumber && step.doneWithNumber && !record?.doneOn;
    const state = record?.doneOn || doneByAnswers ? 'done' : shown ? 'todo' : 'skipped';
    steps.push({
      id,
      title: step.title,
      when: step.when,
      text: step.text,
      state,
      skipped: state === 'skipped' ? 'answers' : null,
      doneOn: record?.doneOn ?? null,
      doneBy: record?.doneOn ? record.doneBy : null,
      doneByName: record?.doneOn ? record.doneByName : null,
      doneByAnswers,
      note: record?.note ?? null,
      next: false,
      expectation: null,
    });
  }
  const byId = new Map(steps.map((step) => [step.id, step]));
  for (const [index, step] of steps.entries()) {
    if (step.state !== 'todo') continue;
    const expected = planner.steps[step.id]!.expected;
    if (!('after' in expected)) {
      step.expectation = { kind: 'none', reason: expected.none };
      continue;
    }
    // The clock starts from the first listed step, earlier on this route, that has a date.
    const earlier = new Set(steps.slice(0, index).map((s) => s.id));
    const startsAfter = expected.after.filter((id) => earlier.has(id));
    const from = startsAfter.map((id) => byId.get(id)!).find((s) => s.state === 'done' && s.doneOn);
    if (!from?.doneOn) {
      step.expectation = {
        kind: 'waiting',
        label: expected.label,
        delayKind: expected.kind,
        startsAfter,
        sources: expected.sources,
      };
      continue;
    }
    const date = addDays(from.doneOn, expected.days);
    const daysLate = Math.max(0, daysBetween(date, today));
    step.expectation = {
      kind: 'dated',
      label: expected.label,
      delayKind: expected.kind,
      from: { stepId: from.id, title: from.title, doneOn: from.doneOn },
      days: expected.days,
      date,
      overdue: daysLate > 0,
      daysLate,
      sources: expected.sources,
    };
  }
  const next = steps.find((step) => step.state === 'todo');
  if (next) next.next = true;
  // Steps of an earlier route that hold something the member entered are kept, and shown.
  for (const record of file.records) {
    if (byId.has(record.stepId) || (!record.doneOn && !record.note)) continue;
    const step = planner.steps[record.stepId];
    steps.push({
      id: record.stepId,
      title: step?.title ?? record.stepId,
      when: step?.when ?? '',
      text: step?.text ?? '',
      state: 'skipped',
      skipped: 'route',
      doneOn: record.doneOn,
      doneBy: record.doneOn ? record.doneBy : null,
      doneByName: record.doneOn ? record.doneByName : null,
      doneByAnswers: false,
      note: record.note,
      next: false,
      expectation: null,
    });
  }
  return steps;
}

/** Where the file stands: the first step to do, 'complete' when every step is done, 'no-steps'. */
export function currentStepOf(steps: FileStep[]): string {
  const onRoute = steps.filter((step) => step.skipped === null);
  if (!onRoute.length) return 'no-steps';
  return onRoute.find((step) => step.state === 'todo')?.id ?? 'complete';
}

/** The steps to do whose expected date is past, oldest expected date first. */
export function overdueSteps(steps: FileStep[]) {
  return steps
    .flatMap((step) =>
      step.state === 'todo' && step.expectation?.kind === 'dated' && step.expectation.overdue
        ? [{ step, expectation: step.expectation }]
        : [],
    )
    .sort((a, b) => a.expectation.date.localeCompare(b.expectation.date));
}

/** Whether a step may be marked done in this file: it is on the route and the answers keep it. */
export function canMarkStep(steps: FileStep[], stepId: string): boolean {
  return steps.some((step) => step.id === stepId && step.skipped === null);
}
