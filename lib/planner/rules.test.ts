import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gatedPhrases, normalise } from '../../test/support/gated';
import { checkPlannerSource } from './check';
import { loadPlanner, PLANNER_FILE } from './load';
import {
  answersFromParams,
  decide,
  everyCombination,
  planFor,
  plannerSearch,
  type Answers,
  type Plan,
} from './rules';

const file = loadPlanner();
const source = readFileSync(PLANNER_FILE, 'utf8');

/** The source keys of shared/facts/health-insurance-france.md (its "Sources" list). */
const FACT_SHEET_KEYS = new Set(
  `SP34308 SP12859 SP16467 SP34441 SP265 SP163 SP17760 SP11616 AM-NIA AM-ETU AM-VAC AM-MT AM-C2S
  C2S-GOV CL-CEAM CL-INACT CL-BREXIT D160-2 L160-1 R111-3 CPAM67 SECU INSEE ARR2007 QDM QC YE GOVUK
  NHS-S1 KA26801 NHS-CRA AMBA VISA SP17042 AM-PF2016 QC-PF FTV-PF SP163-2014 PREV-MT RSI-MT L911-7
  ANI2013 SP213 CL-RETOUR CPRP-SNCF CLCV ACV-COND NHS-KA26813 NHS-KA26806 CNX AM-DET CL-DET WTF
  UNI-LYON DOC-PUMA CAMPUSFR PVT SP2728`.split(/\s+/),
);

/** The intended decision, written out independently of the YAML's rule order. */
function expectedRoute(a: Answers): string {
  if (a.situation === 'posted') return a.nationality === 'eea' ? 'posted-eea' : 'posted-agreement';
  if (a.situation === 'employed' || a.situation === 'self-employed') return 'work';
  if (a.situation === 'student') return 'student';
  if (a.plan === 'under-3-months') {
    if (a.nationality === 'eea') return 'short-eea';
    if (a.nationality === 'uk' || a.nationality === 'uk-s1') return 'short-uk';
    if (a.nationality === 'other') return 'short-other';
  }
  if (a.nationality === 'uk-wa') return 'uk-withdrawal';
  if (a.nationality === 'uk-s1') return 'uk-s1';
  if (a.nationality === 'eea') return 'eu-inactive';
  return 'resident';
}

const combos = everyCombination(file);
const plans = combos.map((answers) => ({ answers, plan: planFor(file, answers) as Plan }));
const label = (a: Answers) =>
  Object.entries(a)
    .map(([k, v]) => `${k}=${v}`)
    .join('&');

describe('the planner rule table', () => {
  it('has every combination of answers: 5 nationalities × 6 situations × 3 × 2 × 2', () => {
    expect(combos).toHaveLength(360);
    expect(new Set(combos.map(label)).size).toBe(360);
  });

  it('gives every combination the intended route', () => {
    const wrong = plans
      .filter(({ answers, plan }) => plan?.routeId !== expectedRoute(answers))
      .map(
        ({ answers, plan }) =>
          `${label(answers)} → ${plan?.routeId} (want ${expectedRoute(answers)})`,
      );
    expect(wrong).toEqual([]);
  });

  it('reaches every rule and every route from some combination', () => {
    const rules = new Set(plans.map(({ plan }) => plan.ruleId));
    expect([...rules].sort()).toEqual(file.rules.map((rule) => rule.id).sort());
    const routes = new Set(plans.map(({ plan }) => plan.routeId));
    expect([...routes].sort()).toEqual(Object.keys(file.routes).sort());
  });

  it('cites only fact-sheet sources, for every rule, route, step, document and note', () => {
    const cited = [
      ...file.rules.flatMap((r) => r.sources),
      ...Object.values(file.routes).flatMap((r) => r.sources),
      ...Object.values(file.steps).flatMap((s) => s.sources),
      ...Object.values(file.documents).flatMap((d) => d.sources),
      ...file.notes.flatMap((n) => n.sources),
    ];
    expect(cited.filter((key) => !FACT_SHEET_KEYS.has(key))).toEqual([]);
    for (const { plan } of plans) expect(plan.sources.length).toBeGreaterThan(0);
  });

  it('links only official https pages, each answer at least one', () => {
    for (const { answers, plan } of plans) {
      expect(plan.links.length, label(answers)).toBeGreaterThan(0);
      for (const link of plan.links) expect(link.url).toMatch(/^https:\/\//);
    }
  });

  it('points to PartirAssur exactly for people staying under 3 months without work or studies', () => {
    for (const { answers, plan } of plans) {
      const short =
        answers.plan === 'under-3-months' &&
        ['retired', 'not-working'].includes(answers.situation ?? '') &&
        answers.nationality !== 'uk-wa';
      expect(plan.partner, label(answers)).toBe(short);
      if (short) expect(plan.verdict).toBe('short');
    }
  });

  it('asks non-working people to reach 3 months first only while they have not', () => {
    for (const { answers, plan } of plans) {
      const waits = plan.steps.some((step) => step.id === 'wait-3-months');
      const routeWaits = ['resident', 'eu-inactive'].includes(plan.routeId);
      expect(waits, label(answers)).toBe(routeWaits && answers.sofar !== 'over-3-months');
    }
  });

  it('marks the application and the temporary number done for someone who has the number', () => {
    const base = {
      nationality: 'other',
      situation: 'employed',
      sofar: 'under-3-months',
      plan: 'longer',
    };
    const without = planFor(file, { ...base, number: 'no' })!;
    const withNumber = planFor(file, { ...base, number: 'yes' })!;
    expect(without.steps.map((s) => [s.id, s.done])).toEqual([
      ['apply', false],
      ['nia', false],
      ['nir', false],
      ['ameli-account', false],
      ['card', false],
      ['card-arrives', false],
    ]);
    expect(withNumber.steps.map((s) => [s.id, s.done])).toEqual([
      ['apply', true],
      ['nia', true],
      ['nir', false],
      ['ameli-account', false],
      ['card', false],
      ['card-arrives', false],
    ]);
    expect(withNumber.notes.map((n) => n.id)).toContain('number-already');
    expect(without.notes.map((n) => n.id)).not.toContain('number-already');
  });

  it('gives documents by nationality: a residence permit outside the EEA, an ID card inside it', () => {
    const base = { situation: 'not-working', sofar: 'over-3-months', plan: 'longer', number: 'no' };
    const eea = planFor(file, { ...base, nationality: 'eea' })!;
    const other = planFor(file, { ...base, nationality: 'other' })!;
    expect(eea.documents.map((d) => d.id)).toEqual(
      expect.arrayContaining(['id-eea', 's1-if-any', 'residence-proof']),
    );
    expect(eea.documents.map((d) => d.id)).not.toContain('id-permit');
    expect(other.documents.map((d) => d.id)).toEqual(
      expect.arrayContaining(['id-permit', 'residence-proof']),
    );
    expect(other.documents.map((d) => d.id)).not.toContain('id-eea');
    expect(eea.verdict).toBe('maybe');
    expect(other.verdict).toBe('join');
  });

  it('tells non-EEA workers about the work authorisation, and nobody else', () => {
    for (const { answers, plan } of plans) {
      const needs =
        ['uk', 'other'].includes(answers.nationality ?? '') &&
        ['employed', 'self-employed'].includes(answers.situation ?? '');
      expect(
        plan.notes.some((n) => n.id === 'work-authorisation'),
        label(answers),
      ).toBe(needs);
    }
  });

  it('repeats no sentence of any members’ section, in any answer or anywhere in the file’s data', () => {
    const gated = gatedPhrases().map((phrase) => normalise(phrase.text));
    expect(gated.length).toBeGreaterThan(10);
    const texts = [
      // Comments are for staff and never shipped (they name commands like `npm run content:check`,
      // which the example draft's three-word phrases include).
      normalise(source.replace(/^\s*#.*$/gm, '')),
      ...plans.map(({ plan }) =>
        normalise(
          [plan.title, plan.summary, plan.from, plan.apply]
            .concat(plan.steps.flatMap((s) => [s.title, s.when, s.text]))
            .concat(
              plan.documents.map((d) => d.text),
              plan.notes.map((n) => n.text),
            )
            .join(' \n '),
        ),
      ),
    ];
    const leaks = gated.filter((sentence) => texts.some((text) => text.includes(sentence)));
    expect(leaks).toEqual([]);
    // The check can fail: a members' sentence pasted into an answer is found.
    const pasted = normalise(`${texts[1]} ${gated[0]}`);
    expect(gated.some((sentence) => pasted.includes(sentence))).toBe(true);
  });
});

describe('planner answers from an address', () => {
  it('keeps known answers and drops unknown, repeated or oversized values', () => {
    expect(
      answersFromParams(file, {
        nationality: 'eea',
        situation: ['employed', 'student'],
        sofar: 'x'.repeat(500),
        plan: 'forever',
        number: 'yes',
        extra: 'ignored',
      }),
    ).toEqual({ nationality: 'eea', number: 'yes' });
  });

  it('gives no answer until every question is answered, then a shareable address', () => {
    const partial = { nationality: 'uk-s1', situation: 'retired' };
    expect(planFor(file, partial)).toBeNull();
    const full = { ...partial, sofar: 'over-3-months', plan: 'longer', number: 'no' };
    expect(planFor(file, full)?.routeId).toBe('uk-s1');
    const search = plannerSearch(file, full);
    expect(search).toBe(
      '?nationality=uk-s1&situation=retired&sofar=over-3-months&plan=longer&number=no',
    );
    const back = answersFromParams(file, Object.fromEntries(new URLSearchParams(search)));
    expect(back).toEqual(full);
  });

  it('decide() is first-match: the posted rule wins over the nationality rules', () => {
    expect(
      decide(file, {
        nationality: 'uk-wa',
        situation: 'posted',
        sofar: 'not-yet',
        plan: 'longer',
        number: 'no',
      })?.id,
    ).toBe('posted-from-elsewhere');
  });
});

describe('content:check on the planner file', () => {
  it('accepts the real file', () => {
    expect(checkPlannerSource(source)).toEqual([]);
  });

  it('names each problem staff could make', () => {
    const broken = source
      .replace('route: posted-eea\n', 'route: posted-eu\n')
      .replace('sources: [SP2728]\n', 'sources: [SP9999]\n')
      .replace(
        'when: { plan: [under-3-months], nationality: [other] }',
        'when: { plan: [under-3-months], nationality: [martian] }',
      );
    const problems = checkPlannerSource(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('route "posted-eu" is not defined'),
        expect.stringContaining('source "SP9999" is not listed under sources'),
        expect.stringContaining('"martian" is not an answer to nationality'),
        expect.stringContaining('routes.posted-eea: no rule leads to this route'),
      ]),
    );
  });

  it('reports combinations no rule matches', () => {
    const cut = source.replace(
      'when: { nationality: [uk, other] }\n    route: resident',
      'when: { nationality: [other] }\n    route: resident',
    );
    expect(cut).not.toBe(source);
    const problems = checkPlannerSource(cut);
    expect(problems.some((p) => /no rule matches nationality=uk, situation=retired/.test(p))).toBe(
      true,
    );
  });

  it('rejects a file that is not YAML', () => {
    expect(checkPlannerSource('questions: [')[0]).toMatch(/not valid YAML/);
  });
});
