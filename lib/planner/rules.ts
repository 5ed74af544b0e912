// The planner's decision: answers in, one route out. Pure and client-safe, so the page answers
// on the server (no JavaScript, shareable address) and in the browser (instantly) the same way.
import * as z from '../forms/zod';
import {
  VERDICTS,
  type AskCondition,
  type Condition,
  type PlannerFile,
  type PlannerQuestion,
} from './schema';

/** One answer per question id. */
export type Answers = Record<string, string>;

export interface PlanStep {
  id: string;
  title: string;
  when: string;
  text: string;
  done: boolean;
}

export interface Plan {
  ruleId: string;
  routeId: string;
  title: string;
  verdict: keyof typeof VERDICTS;
  verdictLabel: string;
  summary: string;
  from: string;
  apply: string;
  meanwhile: string;
  steps: PlanStep[];
  documents: { id: string; text: string }[];
  notes: { id: string; text: string }[];
  links: { label: string; url: string }[];
  partner: boolean;
  /** Every fact-sheet source key behind this answer. */
  sources: string[];
}

export function matches(when: Condition | undefined, answers: Answers): boolean {
  return Object.entries(when ?? {}).every(([id, values]) => values.includes(answers[id] ?? ''));
}

function asks(ask: AskCondition | undefined, answers: Partial<Answers>): boolean {
  if (ask === undefined) return true;
  return Array.isArray(ask)
    ? ask.some((when) => matches(when, answers as Answers))
    : matches(ask, answers as Answers);
}

/**
 * The questions asked for these answers, in order: a follow-up is asked only when the answers to
 * the questions asked before it match its `ask` condition (answers to questions not asked count
 * for nothing). The form shows these, the answer needs these, and the address keeps only these.
 */
export function askedQuestions(file: PlannerFile, answers: Partial<Answers>): PlannerQuestion[] {
  const counted: Partial<Answers> = {};
  return file.questions.filter((question) => {
    if (!asks(question.ask, counted)) return false;
    const answer = answers[question.id];
    if (answer) counted[question.id] = answer;
    return true;
  });
}

/** The answers to the questions asked, dropping any to questions these answers do not ask. */
export function askedAnswers(file: PlannerFile, answers: Partial<Answers>): Partial<Answers> {
  const kept: Partial<Answers> = {};
  for (const question of askedQuestions(file, answers)) {
    const answer = answers[question.id];
    if (answer) kept[question.id] = answer;
  }
  return kept;
}

/** The first rule matching the answers, or null when none does (content:check forbids that). */
export function decide(file: PlannerFile, answers: Answers) {
  return file.rules.find((rule) => matches(rule.when, answers)) ?? null;
}

/**
 * The planner's answer, or null while an asked question is unanswered. Answers to questions that
 * these answers do not ask are ignored (saved or shared answers may hold some).
 */
export function planFor(file: PlannerFile, answers: Partial<Answers>): Plan | null {
  if (askedQuestions(file, answers).some((q) => !answers[q.id])) return null;
  const complete = askedAnswers(file, answers) as Answers;
  const rule = decide(file, complete);
  if (!rule) return null;
  const route = file.routes[rule.route];
  if (!route) return null;
  const hasNumber = complete.number === 'yes';
  const steps = route.steps.flatMap((id) => {
    const step = file.steps[id];
    if (!step || (step.show && !matches(step.show, complete))) return [];
    return [
      {
        id,
        title: step.title,
        when: step.when,
        text: step.text,
        done: hasNumber && step.doneWithNumber,
      },
    ];
  });
  const documents = route.documents.flatMap((id) => {
    const document = file.documents[id];
    return document && (!document.show || matches(document.show, complete))
      ? [{ id, text: document.text }]
      : [];
  });
  const notes = file.notes.filter(
    (note) => matches(note.when, complete) && (!note.routes || note.routes.includes(rule.route)),
  );
  const linkKeys = [...new Set([...route.links, ...notes.flatMap((note) => note.links)])];
  const links = linkKeys.flatMap((key) => {
    const source = file.sources[key];
    return source?.url ? [{ label: source.label, url: source.url }] : [];
  });
  const sources = new Set([
    ...rule.sources,
    ...route.sources,
    ...steps.flatMap((s) => file.steps[s.id]?.sources ?? []),
    ...documents.flatMap((d) => file.documents[d.id]?.sources ?? []),
    ...notes.flatMap((n) => n.sources),
  ]);
  return {
    ruleId: rule.id,
    routeId: rule.route,
    title: route.title,
    verdict: route.verdict,
    verdictLabel: VERDICTS[route.verdict],
    summary: route.summary,
    from: route.from,
    apply: route.apply,
    meanwhile: route.meanwhile,
    steps,
    documents,
    notes: notes.map((note) => ({ id: note.id, text: note.text })),
    links,
    partner: route.partner,
    sources: [...sources],
  };
}

/**
 * Every complete set of answers a person can give (each asked question answered, no answer to a
 * question not asked), for the checks and tests that walk the whole table.
 */
export function everyCombination(file: PlannerFile): Answers[] {
  return file.questions.reduce<Answers[]>(
    (combos, question) =>
      combos.flatMap((answers) =>
        asks(question.ask, answers)
          ? question.options.map((option) => ({ ...answers, [question.id]: option.value }))
          : [answers],
      ),
    [{}],
  );
}

/** Combinations no rule matches: content:check reports them (a route must exist for everyone). */
export function uncovered(file: PlannerFile): Answers[] {
  return everyCombination(file).filter((answers) => !decide(file, answers));
}

/**
 * Query parameters → the answers they hold (the page is a GET form). Unknown keys, unknown values,
 * repeated or oversized parameters, and answers to questions not asked are dropped, so a
 * hand-edited address cannot break the page.
 */
export function answersFromParams(
  file: PlannerFile,
  params: Record<string, string | string[] | undefined>,
): Partial<Answers> {
  const answers: Partial<Answers> = {};
  for (const question of file.questions) {
    const values = question.options.map((option) => option.value) as [string, ...string[]];
    const parsed = z.string().max(40).pipe(z.enum(values)).safeParse(params[question.id]);
    if (parsed.success) answers[question.id] = parsed.data;
  }
  return askedAnswers(file, answers);
}

/** The shareable address of a set of answers. */
export function plannerSearch(file: PlannerFile, answers: Partial<Answers>): string {
  const query = new URLSearchParams();
  const kept = askedAnswers(file, answers);
  for (const question of file.questions) {
    const value = kept[question.id];
    if (value) query.set(question.id, value);
  }
  const search = query.toString();
  return search ? `?${search}` : '';
}
