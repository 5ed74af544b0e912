import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import {
  addDays,
  canMarkStep,
  currentStepOf,
  dayOf,
  daysBetween,
  fileSteps,
  isCalendarDay,
  overdueSteps,
  type StepRecord,
} from './expected';
import { checkPlannerSource } from '../planner/check';
import { loadPlanner, PLANNER_FILE } from '../planner/load';
import { everyCombination, planFor, type Answers } from '../planner/rules';

const planner = loadPlanner();
// The clock is an input: "today" is the day the tests run, never a calendar date written here.
const today = dayOf(new Date());

const done = (stepId: string, doneOn: string): StepRecord => ({
  stepId,
  doneOn,
  doneBy: 'member',
  doneByName: null,
  note: null,
});

/** One set of answers per route and per set of steps the answers show (every variant walked). */
function routeVariants() {
  const seen = new Map<string, Answers>();
  for (const answers of everyCombination(planner)) {
    const plan = planFor(planner, answers)!;
    const key = `${plan.routeId}|${plan.steps.map((s) => `${s.id}:${s.done}`).join(',')}`;
    if (!seen.has(key)) seen.set(key, answers);
  }
  return [...seen.values()].map((answers) => ({ answers, plan: planFor(planner, answers)! }));
}

describe('calendar days', () => {
  it('accepts real days only', () => {
    expect(isCalendarDay(today)).toBe(true);
    expect(isCalendarDay('2026-02-30')).toBe(false);
    expect(isCalendarDay('2026-2-3')).toBe(false);
    expect(isCalendarDay('14/03/2026')).toBe(false);
  });

  it('adds and counts days across month and year ends', () => {
    for (const days of [1, 21, 30, 274, 365, 400]) {
      expect(daysBetween(today, addDays(today, days))).toBe(days);
      expect(addDays(addDays(today, days), -days)).toBe(today);
    }
  });

  it('reads today in France: just before midnight UTC in summer it is already tomorrow in Paris', () => {
    const instant = new Date(`${addDays(today, 0).slice(0, 4)}-07-01T22:30:00Z`);
    expect(dayOf(instant)).toBe(addDays(instant.toISOString().slice(0, 10), 1));
    expect(dayOf(instant, 'UTC')).toBe(instant.toISOString().slice(0, 10));
  });
});

describe('every step of every route', () => {
  const variants = routeVariants();

  it('walks every route of the planner', () => {
    const routes = new Set(variants.map(({ plan }) => plan.routeId));
    expect([...routes].sort()).toEqual(Object.keys(planner.routes).sort());
  });

  it('lists the route steps in order, to do, with no date before anything is entered', () => {
    for (const { answers, plan } of variants) {
      const steps = fileSteps(planner, { routeId: plan.routeId, answers, records: [] }, today);
      const onRoute = steps.filter((step) => step.skipped === null);
      expect(
        onRoute.map((s) => s.id),
        plan.routeId,
      ).toEqual(plan.steps.map((s) => s.id));
      for (const step of onRoute) {
        const planStep = plan.steps.find((s) => s.id === step.id)!;
        expect(step.state).toBe(planStep.done ? 'done' : 'todo');
        expect(step.expectation?.kind === 'dated').toBe(false);
      }
      // Steps the answers leave out are listed as not on this route.
      const hidden = planner.routes[plan.routeId]!.steps.filter(
        (id) => !plan.steps.some((s) => s.id === id),
      );
      expect(steps.filter((s) => s.skipped === 'answers').map((s) => s.id)).toEqual(hidden);
      expect(currentStepOf(steps)).toBe(
        plan.steps.length ? (plan.steps.find((s) => !s.done)?.id ?? 'complete') : 'no-steps',
      );
    }
  });

  it("dates each step from its starting step's day plus its delay, and says when it is overdue", () => {
    let dated = 0;
    for (const { answers, plan } of variants) {
      for (const [index, planStep] of plan.steps.entries()) {
        const expected = planner.steps[planStep.id]!.expected;
        if (planStep.done) continue;
        if (!('after' in expected)) {
          const [step] = fileSteps(
            planner,
            { routeId: plan.routeId, answers, records: [] },
            today,
          ).filter((s) => s.id === planStep.id);
          expect(step!.expectation).toEqual({ kind: 'none', reason: expected.none });
          continue;
        }
        const earlier = plan.steps.slice(0, index).map((s) => s.id);
        const start = expected.after.find((id) => earlier.includes(id));
        expect(start, `${plan.routeId}: ${planStep.id} has a starting step`).toBeDefined();
        // Three days on the clock: inside the delay, its last day, the day after.
        for (const elapsed of [expected.days - 5, expected.days, expected.days + 1]) {
          const startDay = addDays(today, -elapsed);
          const records = plan.steps
            .slice(0, index)
            .map((s) => done(s.id, s.id === start ? startDay : addDays(startDay, -1)));
          // Steps before the start are dated earlier; the start is the first listed with a date.
          const steps = fileSteps(planner, { routeId: plan.routeId, answers, records }, today);
          const step = steps.find((s) => s.id === planStep.id)!;
          const from = expected.after.find((id) => records.some((r) => r.stepId === id))!;
          const fromDay = records.find((r) => r.stepId === from)!.doneOn!;
          expect(step.state).toBe('todo');
          expect(step.next).toBe(true);
          expect(step.expectation).toMatchObject({
            kind: 'dated',
            delayKind: expected.kind,
            label: expected.label,
            from: { stepId: from, doneOn: fromDay },
            date: addDays(fromDay, expected.days),
          });
          const late = daysBetween(addDays(fromDay, expected.days), today);
          expect(step.expectation).toMatchObject({
            overdue: late > 0,
            daysLate: Math.max(0, late),
          });
          expect(overdueSteps(steps).map((o) => o.step.id)).toEqual(late > 0 ? [planStep.id] : []);
          dated++;
        }
      }
    }
    expect(dated).toBeGreaterThan(0);
  });

  it('waits for a date before showing one when the starting step is not dated', () => {
    for (const { answers, plan } of variants) {
      const steps = fileSteps(planner, { routeId: plan.routeId, answers, records: [] }, today);
      for (const step of steps.filter((s) => s.state === 'todo')) {
        const expected = planner.steps[step.id]!.expected;
        if ('after' in expected) expect(step.expectation?.kind).toBe('waiting');
      }
    }
  });

  it('shows no expected date for a step done, and none once every step is done', () => {
    for (const { answers, plan } of variants) {
      const records = plan.steps.map((s, i) => done(s.id, addDays(today, i - plan.steps.length)));
      const steps = fileSteps(planner, { routeId: plan.routeId, answers, records }, today);
      expect(steps.every((s) => s.state !== 'todo' && s.expectation === null)).toBe(true);
      expect(overdueSteps(steps)).toEqual([]);
      if (plan.steps.length) expect(currentStepOf(steps)).toBe('complete');
    }
  });
});

describe('the Carte Vitale delays', () => {
  const work = {
    nationality: 'eea',
    situation: 'employed',
    sofar: 'over-3-months',
    plan: 'longer',
    number: 'no',
  };

  it("temporary number: about 3 weeks after the application, from members' experience", () => {
    const applied = addDays(today, -40);
    const steps = fileSteps(
      planner,
      { routeId: 'work', answers: work, records: [done('apply', applied)] },
      today,
    );
    const nia = steps.find((s) => s.id === 'nia')!;
    expect(nia.expectation).toMatchObject({
      kind: 'dated',
      delayKind: 'experience',
      date: addDays(applied, 21),
      overdue: true,
      daysLate: 19,
      label: 'about 3 weeks after your application reached the CPAM',
    });
    // Permanent number: up to 9 months, an official delay.
    expect(steps.find((s) => s.id === 'nir')!.expectation).toMatchObject({
      kind: 'dated',
      delayKind: 'official',
      label: 'up to 9 months',
      overdue: false,
    });
  });

  it('card: about 2 weeks online, 3 weeks by post, counted from the order', () => {
    const ordered = addDays(today, -10);
    const records = ['apply', 'nia', 'nir', 'ameli-account'].map((id) =>
      done(id, addDays(today, -60)),
    );
    const steps = fileSteps(
      planner,
      { routeId: 'work', answers: work, records: [...records, done('card', ordered)] },
      today,
    );
    expect(steps.find((s) => s.id === 'card-arrives')!.expectation).toMatchObject({
      kind: 'dated',
      delayKind: 'official',
      date: addDays(ordered, 21),
      overdue: false,
    });
  });

  it('keeps the dates of an earlier route, shown as not on this route; only route steps are marked', () => {
    const steps = fileSteps(
      planner,
      {
        routeId: 'uk-s1',
        answers: { ...work, nationality: 'uk-s1', situation: 'retired' },
        records: [done('apply', addDays(today, -3)), done('get-uk-s1', addDays(today, -1))],
      },
      today,
    );
    expect(steps.map((s) => [s.id, s.state, s.skipped])).toEqual([
      ['get-uk-s1', 'done', null],
      ['register-s1', 'todo', null],
      ['apply', 'skipped', 'route'],
    ]);
    expect(canMarkStep(steps, 'register-s1')).toBe(true);
    expect(canMarkStep(steps, 'apply')).toBe(false);
  });
});

describe('content:check and the delays', () => {
  const source = readFileSync(PLANNER_FILE, 'utf8');
  // A YAML tree edited in place: typed loosely on purpose, each test reaches one field.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type Tree = Record<string, any>;
  const edited = (edit: (data: Tree) => void) => {
    const data = YAML.parse(source) as Tree;
    edit(data);
    return checkPlannerSource(YAML.stringify(data));
  };

  it('passes the real file', () => {
    expect(checkPlannerSource(source)).toEqual([]);
  });

  it('refuses a step without `expected`', () => {
    const problems = edited((data) => delete data.steps.nir.expected);
    expect(problems.join('\n')).toMatch(/steps\.nir\.expected/);
  });

  it("refuses a members'-experience delay that cites no club source, and an official one citing only the club", () => {
    expect(edited((data) => (data.steps.nia.expected.sources = ['AM-NIA'])).join('\n')).toMatch(
      /experience delay cites the club's own source/,
    );
    expect(edited((data) => (data.steps.nir.expected.sources = ['CLUB-EXP'])).join('\n')).toMatch(
      /official delay cites an official source/,
    );
  });

  it('refuses a delay counted from a step the route does not have before it', () => {
    expect(
      edited((data) => (data.steps['card-arrives'].expected.after = ['get-uk-s1'])).join('\n'),
    ).toMatch(/card-arrives" waits for get-uk-s1/);
  });
});
