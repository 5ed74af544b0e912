// The shape of the planner's rule file (content/planner/*.yaml), checked by `npm run content:check`
// and when the page loads it. Client-safe: plain data, no file access.
import * as z from '../forms/zod';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Fact-sheet source keys: SP34308, AM-NIA, D160-2, CERFA-15763 … */
const SOURCE_KEY = /^[A-Z0-9]+(?:-[A-Z0-9]+)*$/;

const slug = z.string().regex(SLUG, 'must be lowercase words joined by hyphens');
const sourceKey = z.string().regex(SOURCE_KEY, 'must be a fact-sheet source key, e.g. SP34308');
const text = (max: number) => z.string().trim().min(2).max(max);
const sources = z.array(sourceKey).min(1, 'cite at least one fact-sheet source');

/** Per question id, the answers that match; a question left out matches any answer. */
const condition = z.record(z.string(), z.array(z.string()).min(1)).default({});

const question = z
  .object({
    id: slug,
    label: text(120),
    options: z
      .array(z.object({ value: slug, label: text(120) }).strict())
      .min(2)
      .max(12),
  })
  .strict();

const rule = z.object({ id: slug, when: condition, route: slug, sources }).strict();

export const VERDICTS = {
  join: 'You can join',
  maybe: 'Case by case',
  s1: 'Covered through your S1',
  home: 'Insured in your home country',
  short: 'Short stay',
} as const;

const route = z
  .object({
    title: text(120),
    verdict: z.enum(Object.keys(VERDICTS) as [keyof typeof VERDICTS, ...(keyof typeof VERDICTS)[]]),
    summary: text(500),
    from: text(200),
    apply: text(300),
    steps: z.array(slug).max(10),
    documents: z.array(slug).max(15),
    links: z.array(sourceKey).min(1).max(8),
    partner: z.boolean().default(false),
    sources,
  })
  .strict();

/**
 * When a member's file (lib/file) may expect a step: `days` after the date of the first step in
 * `after` that the member has dated. `official` delays come from an official page; `experience` is
 * the club's own observation, which the page must say is "in our members' experience", and must cite
 * a club source (a key starting CLUB-). A step with no known delay says so (`none`), and the file
 * then shows no date rather than a guess.
 */
const expectedDelay = z
  .object({
    after: z.array(slug).min(1).max(4),
    days: z.number().int().min(1).max(730),
    kind: z.enum(['official', 'experience']),
    label: text(100),
    sources,
  })
  .strict();
const noDelay = z.object({ none: text(200) }).strict();
export const CLUB_SOURCE_PREFIX = 'CLUB-';

const step = z
  .object({
    title: text(80),
    when: text(80),
    text: text(300),
    show: condition.optional(),
    doneWithNumber: z.boolean().default(false),
    expected: z.union([expectedDelay, noDelay], {
      error: 'say when to expect this step: after, days, kind, label and sources, or none: why',
    }),
    sources,
  })
  .strict();

const document = z.object({ text: text(200), show: condition.optional(), sources }).strict();

const note = z
  .object({
    id: slug,
    when: condition,
    routes: z.array(slug).optional(),
    text: text(400),
    links: z.array(sourceKey).default([]),
    sources,
  })
  .strict();

const source = z
  .object({
    label: text(160),
    url: z.url({ protocol: /^https$/, message: 'must be a full https:// address' }).optional(),
  })
  .strict();

export const plannerFile = z
  .object({
    questions: z.array(question).min(1).max(8),
    rules: z.array(rule).min(1).max(100),
    routes: z.record(slug, route),
    steps: z.record(slug, step),
    documents: z.record(slug, document),
    notes: z.array(note).max(50),
    sources: z.record(sourceKey, source),
  })
  .strict()
  .superRefine((file, ctx) => {
    const problem = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message });
    const options = new Map(
      file.questions.map((q) => [q.id, new Set(q.options.map((o) => o.value))]),
    );
    const checkCondition = (
      when: Record<string, string[]> | undefined,
      path: (string | number)[],
    ) => {
      for (const [id, values] of Object.entries(when ?? {})) {
        const known = options.get(id);
        if (!known) problem([...path, id], `"${id}" is not a question`);
        else
          for (const value of values)
            if (!known.has(value)) problem([...path, id], `"${value}" is not an answer to ${id}`);
      }
    };
    const checkSources = (keys: string[], path: (string | number)[], linked = false) => {
      for (const key of keys) {
        const known = file.sources[key];
        if (!known) problem(path, `source "${key}" is not listed under sources`);
        else if (linked && !known.url) problem(path, `source "${key}" has no url to link to`);
      }
    };
    const ids = new Set<string>();
    for (const q of file.questions) {
      if (ids.has(q.id)) problem(['questions'], `question "${q.id}" is listed twice`);
      ids.add(q.id);
    }
    const used = new Set<string>();
    file.rules.forEach((r, i) => {
      checkCondition(r.when, ['rules', i, 'when']);
      checkSources(r.sources, ['rules', i, 'sources']);
      if (!file.routes[r.route])
        problem(['rules', i, 'route'], `route "${r.route}" is not defined`);
      used.add(r.route);
    });
    for (const [id, r] of Object.entries(file.routes)) {
      if (!used.has(id)) problem(['routes', id], 'no rule leads to this route');
      checkSources(r.sources, ['routes', id, 'sources']);
      checkSources(r.links, ['routes', id, 'links'], true);
      r.steps.forEach((s, i) => {
        const step = file.steps[s];
        if (!step) problem(['routes', id, 'steps'], `step "${s}" is not defined`);
        // A delay counts from an earlier step of the same route, or the file could never date it.
        else if (
          'after' in step.expected &&
          !step.expected.after.some((from) => r.steps.slice(0, i).includes(from))
        )
          problem(
            ['routes', id, 'steps'],
            `step "${s}" waits for ${step.expected.after.join(' or ')}, which this route does not have before it`,
          );
      });
      for (const d of r.documents)
        if (!file.documents[d])
          problem(['routes', id, 'documents'], `document "${d}" is not defined`);
    }
    for (const [id, s] of Object.entries(file.steps)) {
      checkCondition(s.show, ['steps', id, 'show']);
      checkSources(s.sources, ['steps', id, 'sources']);
      if ('after' in s.expected) {
        const path = ['steps', id, 'expected'];
        checkSources(s.expected.sources, [...path, 'sources']);
        for (const from of s.expected.after)
          if (!file.steps[from] || from === id)
            problem([...path, 'after'], `"${from}" is not another step`);
        const club = s.expected.sources.filter((key) => key.startsWith(CLUB_SOURCE_PREFIX));
        if (s.expected.kind === 'experience' && club.length === 0)
          problem(
            [...path, 'sources'],
            `an experience delay cites the club's own source (${CLUB_SOURCE_PREFIX}…)`,
          );
        if (s.expected.kind === 'official' && club.length === s.expected.sources.length)
          problem([...path, 'sources'], 'an official delay cites an official source');
      }
    }
    for (const [id, d] of Object.entries(file.documents)) {
      checkCondition(d.show, ['documents', id, 'show']);
      checkSources(d.sources, ['documents', id, 'sources']);
    }
    file.notes.forEach((n, i) => {
      checkCondition(n.when, ['notes', i, 'when']);
      checkSources(n.sources, ['notes', i, 'sources']);
      checkSources(n.links, ['notes', i, 'links'], true);
      for (const r of n.routes ?? [])
        if (!file.routes[r]) problem(['notes', i, 'routes'], `route "${r}" is not defined`);
    });
  });

export type PlannerFile = z.infer<typeof plannerFile>;
export type PlannerQuestion = PlannerFile['questions'][number];
export type Condition = Record<string, string[]>;
export type PlannerStep = PlannerFile['steps'][string];
export type StepExpectation = PlannerStep['expected'];
