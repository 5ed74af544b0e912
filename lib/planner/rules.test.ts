import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gatedPhrases, normalise } from '../../test/support/gated';
import { checkPlannerSource } from './check';
import { loadPlanner, PLANNER_FILE } from './load';
import {
  answersFromParams,
  askedQuestions,
  decide,
  everyCombination,
  planFor,
  plannerSearch,
  type Answers,
  type Plan,
} from './rules';
import type { PlannerFile } from './schema';

const file = loadPlanner();
const source = readFileSync(PLANNER_FILE, 'utf8');

/** The source keys of shared/facts/health-insurance-france.md (its "Sources" list). */
const FACT_SHEET_KEYS = new Set(
  `SP34308 SP12859 SP16467 SP34441 SP265 SP163 SP17760 SP11616 AM-NIA AM-ETU AM-VAC AM-MT AM-C2S
  C2S-GOV CL-CEAM CL-INACT CL-BREXIT D160-2 L160-1 R111-3 CPAM67 SECU INSEE ARR2007 QDM QC YE GOVUK
  NHS-S1 KA26801 NHS-CRA AMBA VISA SP17042 AM-PF2016 QC-PF FTV-PF SP163-2014 PREV-MT RSI-MT L911-7
  ANI2013 SP213 CL-RETOUR CPRP-SNCF CLCV ACV-COND NHS-KA26813 NHS-KA26806 CNX AM-DET CL-DET WTF
  UNI-LYON DOC-PUMA CAMPUSFR PVT SP2728
  SP13842 SP39 SP16622 SP16620 D160-2-JB CL-NOCONV CL-BILAT AM-CONV EC-1231 NHS-KA26807 CL-ETU
  CL-RET YE-FAQ`.split(/\s+/),
);

/**
 * The intended decision, written out from the fact sheet independently of the YAML's rule order.
 * It reads only the answers a person gives (questions not asked have none).
 */
function expectedRoute(a: Answers): string {
  if (a.situation === 'posted') {
    // Where the employer is established decides (Dec 2026 §3: AM-DET, CL-BILAT, CL-NOCONV).
    if (a.employer === 'eea') return 'posted-eea';
    if (a.employer === 'agreement') return 'posted-agreement';
    if (a.employer === 'uk') return 'posted-uk'; // NHS-KA26813, NHS-KA26807
    return 'posted-french';
  }
  // Working in France for a French employer or registered self-employed: PUMa through work.
  if (a.situation === 'employed' || a.situation === 'self-employed') return 'work';
  if (a.situation === 'student') {
    return a.nationality === 'eea' && a.ehic === 'yes' ? 'student-ehic' : 'student'; // CL-ETU
  }
  // Retired or not working from here on.
  if (a.pension === 'eu-s1') return 'eu-s1'; // CL-RET
  if (a.pension === 'uk-s1') return 'uk-s1';
  if (a.nationality === 'uk-wa') return 'uk-withdrawal';
  if (a.plan === 'under-3-months') {
    if (a.nationality === 'eea') return 'short-eea';
    if (a.nationality === 'other') return 'short-other';
    return 'short-uk';
  }
  if (a.nationality === 'uk-s1') return 'uk-s1';
  if (a.family === 'yes') return 'family'; // D160-2 II 3°
  return a.nationality === 'eea' ? 'eu-inactive' : 'resident';
}

const combos = everyCombination(file);
const plans = combos.map((answers) => ({ answers, plan: planFor(file, answers) as Plan }));
const label = (a: Partial<Answers>) =>
  Object.entries(a)
    .map(([k, v]) => `${k}=${v}`)
    .join('&');

function wrongRoutes(rules: PlannerFile) {
  return everyCombination(rules).flatMap((answers) => {
    const routeId = planFor(rules, answers)?.routeId;
    return routeId === expectedRoute(answers)
      ? []
      : [`${label(answers)} → ${routeId} (want ${expectedRoute(answers)})`];
  });
}

/** Everything a person reads in an answer, as one lower-case string. */
const answerText = (plan: Plan) =>
  [plan.title, plan.summary, plan.from, plan.apply, plan.meanwhile]
    .concat(plan.steps.flatMap((s) => [s.title, s.when, s.text]))
    .concat(
      plan.documents.map((d) => d.text),
      plan.notes.map((n) => n.text),
    )
    .join(' \n ')
    .toLowerCase();

describe('the planner rule table', () => {
  it('walks every combination a person can give, and asks nobody more than 7 questions', () => {
    // 20 working (5 nationalities × 2 situations × number), 25 posted (5 × 3 employers, + 5 × 2
    // numbers for no agreement), 11 students, 4 + 2 British before 2021, 2 + 2 with a UK S1, and
    // 11 for each other retired or not-working person (1 short stay, 2 after 3 months, 8 before:
    // family × number), plus 2 for an EU pensioner's S1 answers.
    expect(combos).toHaveLength(134);
    expect(new Set(combos.map(label)).size).toBe(134);
    for (const answers of combos) {
      const asked = askedQuestions(file, answers).map((q) => q.id);
      expect(Object.keys(answers), label(answers)).toEqual(asked);
      expect(asked.length).toBeLessThanOrEqual(7);
    }
    // The most common people see 3 questions: nationality, situation, and the number.
    expect(askedQuestions(file, { nationality: 'eea', situation: 'employed' }).length).toBe(3);
  });

  it('gives every combination the intended route', () => {
    expect(wrongRoutes(file)).toEqual([]);
  });

  it('the expectation table catches a rule that sends people down the wrong route', () => {
    // The old mistake: a posted worker's route decided by nationality instead of the employer.
    const byNationality: PlannerFile = {
      ...file,
      rules: [
        {
          id: 'old',
          when: { situation: ['posted'], nationality: ['eea'] },
          route: 'posted-eea',
          sources: ['AM-DET'],
        },
        ...file.rules,
      ],
    };
    expect(wrongRoutes(byNationality)).toContain(
      'nationality=eea&situation=posted&employer=elsewhere&number=no → posted-eea (want posted-french)',
    );
  });

  it('reaches every rule and every route from some combination', () => {
    const rules = new Set(plans.map(({ plan }) => plan.ruleId));
    expect([...rules].sort()).toEqual(file.rules.map((rule) => rule.id).sort());
    const routes = new Set(plans.map(({ plan }) => plan.routeId));
    expect([...routes].sort()).toEqual(Object.keys(file.routes).sort());
  });

  it('asks a follow-up only when it matters', () => {
    for (const { answers, plan } of plans) {
      const asked = new Set(Object.keys(answers));
      // The time lived here matters only on the routes with a 3-month test (or its exemption).
      expect(asked.has('sofar'), label(answers)).toBe(
        ['resident', 'eu-inactive', 'family'].includes(plan.routeId),
      );
      // The family exemption matters only to someone who has not yet lived here 3 months.
      expect(asked.has('family'), label(answers)).toBe(
        asked.has('sofar') && answers.sofar !== 'over-3-months',
      );
      // The temporary number matters only on routes that apply for one.
      const route = file.routes[plan.routeId]!;
      const appliesForNumber = route.steps.some((id) => file.steps[id]?.doneWithNumber);
      expect(asked.has('number'), label(answers)).toBe(appliesForNumber);
      expect(asked.has('employer'), label(answers)).toBe(answers.situation === 'posted');
      expect(asked.has('ehic'), label(answers)).toBe(
        answers.situation === 'student' && answers.nationality === 'eea',
      );
    }
  });

  it('gives every route documents and something to do before the number or card arrives', () => {
    for (const { answers, plan } of plans) {
      expect(plan.documents.length, label(answers)).toBeGreaterThan(0);
      expect(plan.meanwhile.length, label(answers)).toBeGreaterThan(20);
      // Everyone who applies for a number is told how to claim in the meantime.
      if (plan.steps.some((s) => s.id === 'nia'))
        expect(plan.meanwhile, label(answers)).toContain('feuille de soins');
    }
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

  it('links only official https pages, service-public on its .gouv.fr domain, each answer at least one', () => {
    for (const { answers, plan } of plans) {
      expect(plan.links.length, label(answers)).toBeGreaterThan(0);
      for (const link of plan.links) {
        expect(link.url).toMatch(/^https:\/\//);
        if (link.url.includes('service-public'))
          expect(link.url).toMatch(/^https:\/\/www\.service-public\.gouv\.fr\//);
      }
    }
    // The form is linked through ameli's page that names S1106, not the old cerfa address.
    expect(source).not.toContain('formulaires.service-public.fr');
    expect(file.sources['AM-NIA']?.label).toContain('S1106');
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

  it('keeps a short stay a short stay unless the person works for a French employer or is self-employed in France', () => {
    const situation = file.questions.find((q) => q.id === 'situation')!;
    const labelOf = (value: string) => situation.options.find((o) => o.value === value)!.label;
    expect(labelOf('employed')).toMatch(/French employer/);
    expect(labelOf('self-employed')).toMatch(/registered as such in France/);
    expect(situation.hint).toMatch(/remotely for clients or for an employer abroad/);
    for (const { answers, plan } of plans)
      if (plan.verdict === 'short')
        expect(['retired', 'not-working'], label(answers)).toContain(answers.situation);
  });

  it('asks non-working people to reach 3 months first only while they have not', () => {
    for (const { answers, plan } of plans) {
      const waits = plan.steps.some((step) => step.id === 'wait-3-months');
      const routeWaits = ['resident', 'eu-inactive'].includes(plan.routeId);
      expect(waits, label(answers)).toBe(routeWaits && answers.sofar !== 'over-3-months');
    }
  });

  it('marks the application and the temporary number done for someone who has the number', () => {
    const base = { nationality: 'other', situation: 'employed' };
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

  it('tells non-EEA workers in the French system about the work authorisation, and nobody else', () => {
    for (const { answers, plan } of plans) {
      const needs =
        ['uk', 'other'].includes(answers.nationality ?? '') &&
        ['work', 'posted-french'].includes(plan.routeId);
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
      ...plans.map(({ plan }) => normalise(answerText(plan))),
    ];
    const leaks = gated.filter((sentence) => texts.some((text) => text.includes(sentence)));
    expect(leaks).toEqual([]);
    // The check can fail: a members' sentence pasted into an answer is found.
    const pasted = normalise(`${texts[1]} ${gated[0]}`);
    expect(gated.some((sentence) => pasted.includes(sentence))).toBe(true);
  });
});

interface Persona {
  name: string;
  answers: Answers;
  route: string;
  /** Phrases (lower case) the answer must contain: the facts this person must not miss. */
  facts: string[];
  documents: string[];
}

/**
 * Named people, each answered from the fact sheet: the route, the key facts the answer must give
 * them, and the documents it must list (exactly).
 */
const PERSONAS: Persona[] = [
  {
    name: 'EU employee',
    answers: { nationality: 'eea', situation: 'employed', number: 'no' },
    route: 'work',
    facts: ['no minimum amount of work', 's1106', 'feuille de soins', 'about a week'],
    documents: [
      'form',
      'id-eea',
      'situation',
      'birth-certificate',
      's1-if-any',
      'may-rib',
      'may-translation',
    ],
  },
  {
    name: 'non-EU spouse joining a worker',
    answers: {
      nationality: 'other',
      situation: 'not-working',
      plan: 'longer',
      sofar: 'not-yet',
      family: 'yes',
      number: 'no',
    },
    route: 'family',
    facts: [
      'do not wait 3 months',
      'in their own name',
      'accepted residence document',
      'vls-ts',
      'cerfa 14445',
      'feuille de soins',
    ],
    documents: [
      'form',
      'id-permit',
      'situation',
      'birth-certificate',
      'may-rib',
      'may-translation',
    ],
  },
  {
    name: 'UK pensioner with a UK S1, in France since before 2021',
    answers: { nationality: 'uk-wa', situation: 'retired', pension: 'uk-s1' },
    route: 'uk-s1',
    facts: ['register the s1', 'new uk ehic', 'feuille de soins'],
    documents: ['uk-s1-form', 'id-permit'],
  },
  {
    name: 'UK pensioner with a UK S1, moving in 2021 or later',
    answers: { nationality: 'uk-s1', situation: 'retired', plan: 'longer' },
    route: 'uk-s1',
    facts: ['register the s1', 'uk ghic rather than a uk ehic'],
    documents: ['uk-s1-form', 'id-permit'],
  },
  {
    name: 'non-EU student',
    answers: { nationality: 'other', situation: 'student', number: 'no' },
    route: 'student',
    facts: [
      'do not have to wait 3 months',
      'etudiant-etranger.ameli.fr',
      'start of your studies',
      'feuille de soins',
    ],
    documents: [
      'stu-id',
      'id-permit',
      'stu-enrolment',
      'stu-consent',
      'stu-rib',
      'stu-civil-status',
    ],
  },
  {
    name: 'EU student with an EHIC',
    answers: { nationality: 'eea', situation: 'student', ehic: 'yes' },
    route: 'student-ehic',
    facts: [
      'medically necessary care',
      'end of the current academic year',
      'register it on etudiant-etranger.ameli.fr',
    ],
    documents: ['ehic-student'],
  },
  {
    name: 'EU student without an EHIC',
    answers: { nationality: 'eea', situation: 'student', ehic: 'no', number: 'no' },
    route: 'student',
    facts: ['etudiant-etranger.ameli.fr', 'start of your studies', 'proof of your resources'],
    documents: [
      'stu-id',
      'stu-enrolment',
      'stu-resources',
      'stu-consent',
      'stu-rib',
      'stu-civil-status',
    ],
  },
  {
    name: 'posted from Germany',
    answers: { nationality: 'eea', situation: 'posted', employer: 'eea' },
    route: 'posted-eea',
    facts: ['24 months', 'a1 form', 'register an s1', 'keep your home abroad, use your ehic'],
    documents: ['posted-a1', 'posted-s1', 'posted-ehic'],
  },
  {
    name: 'Indian national posted by an Indian employer (agreement country)',
    answers: { nationality: 'other', situation: 'posted', employer: 'agreement' },
    route: 'posted-agreement',
    facts: [
      'usually stay insured there',
      'depend on the agreement',
      'usually cover only nationals of the two countries',
    ],
    documents: ['agreement-nationality', 'agreement-dates'],
  },
  {
    name: 'posted by an employer in a country with no agreement',
    answers: { nationality: 'other', situation: 'posted', employer: 'elsewhere', number: 'no' },
    route: 'posted-french',
    facts: [
      'no social security agreement',
      'employer pays french contributions',
      'work authorisation',
      'feuille de soins',
    ],
    documents: [
      'form',
      'id-permit',
      'situation',
      'birth-certificate',
      'may-rib',
      'may-translation',
    ],
  },
  {
    name: 'British worker posted by a UK employer, since 2021',
    answers: { nationality: 'uk', situation: 'posted', employer: 'uk' },
    route: 'posted-uk',
    facts: ['uk a1', 'nhs overseas healthcare services', 'since before 2021'],
    documents: ['uk-a1'],
  },
  {
    name: 'EU visitor (working remotely for an employer back home)',
    answers: { nationality: 'eea', situation: 'not-working', plan: 'under-3-months' },
    route: 'short-eea',
    facts: [
      'cannot join french health insurance',
      'european health insurance card',
      'not travel insurance',
    ],
    documents: ['ehic'],
  },
  {
    name: 'UK visitor',
    answers: { nationality: 'uk', situation: 'not-working', plan: 'under-3-months' },
    route: 'short-uk',
    facts: ['uk global health insurance card', 'valid until it expires'],
    documents: ['ghic'],
  },
  {
    name: 'non-EU visitor',
    answers: { nationality: 'other', situation: 'not-working', plan: 'under-3-months' },
    route: 'short-other',
    facts: ['private cover', '€30,000', 'every day of your stay'],
    documents: ['private-policy'],
  },
  {
    name: 'US pensioner',
    answers: {
      nationality: 'other',
      situation: 'retired',
      plan: 'longer',
      sofar: 'not-yet',
      family: 'no',
      number: 'no',
    },
    route: 'resident',
    facts: [
      'more than 3 months',
      'valid residence permit',
      'reach more than 3 months in france',
      'feuille de soins',
    ],
    documents: [
      'form',
      'id-permit',
      'situation',
      'birth-certificate',
      'residence-proof',
      'may-rib',
      'may-translation',
    ],
  },
  {
    name: 'EU pensioner with an S1',
    answers: { nationality: 'eea', situation: 'retired', plan: 'longer', pension: 'eu-s1' },
    route: 'eu-s1',
    facts: [
      'no french contributions',
      '5-year rule',
      'at french rates',
      'one for each family member',
    ],
    documents: ['pension-s1', 'pension-id', 'birth-parents'],
  },
  {
    name: 'self-employed in France (British, since 2021)',
    answers: { nationality: 'uk', situation: 'self-employed', number: 'no' },
    route: 'work',
    facts: ['no minimum amount of work', 'work authorisation', 'feuille de soins'],
    documents: [
      'form',
      'id-permit',
      'situation',
      'birth-certificate',
      'may-rib',
      'may-translation',
    ],
  },
  {
    name: 'EU job seeker, here for 2 months',
    answers: {
      nationality: 'eea',
      situation: 'not-working',
      plan: 'longer',
      sofar: 'under-3-months',
      family: 'no',
      number: 'no',
    },
    route: 'eu-inactive',
    facts: ['case by case', 'after 5 years', 'more than 3 months', 'feuille de soins'],
    documents: [
      'form',
      'id-eea',
      'situation',
      'birth-certificate',
      's1-if-any',
      'residence-proof',
      'may-rib',
      'may-translation',
    ],
  },
  {
    name: 'PhD candidate with a work contract, number received',
    answers: { nationality: 'other', situation: 'employed', number: 'yes' },
    route: 'work',
    facts: [
      'no minimum amount of work',
      'you already have your temporary number',
      'work authorisation',
    ],
    documents: [
      'form',
      'id-permit',
      'situation',
      'birth-certificate',
      'may-rib',
      'may-translation',
    ],
  },
];

/** What is wrong with an answer for a persona: [] when it is right. */
function personaProblems(persona: Persona, plan: Plan | null): string[] {
  if (!plan) return ['no answer'];
  const text = answerText(plan);
  return [
    ...(plan.routeId === persona.route ? [] : [`route ${plan.routeId}, want ${persona.route}`]),
    ...persona.facts.filter((fact) => !text.includes(fact)).map((fact) => `missing "${fact}"`),
    ...(JSON.stringify(plan.documents.map((d) => d.id)) === JSON.stringify(persona.documents)
      ? []
      : [`documents ${plan.documents.map((d) => d.id).join(', ')}`]),
  ];
}

describe('the planner for named personas', () => {
  it('has at least the 17 people of the December 2026 review, each a combination a person can give', () => {
    expect(PERSONAS.length).toBeGreaterThanOrEqual(17);
    const reachable = new Set(combos.map(label));
    for (const persona of PERSONAS)
      expect(reachable, persona.name).toContain(label(persona.answers));
  });

  for (const persona of PERSONAS) {
    it(`${persona.name}: ${persona.route}`, () => {
      expect(personaProblems(persona, planFor(file, persona.answers))).toEqual([]);
      // The route agrees with the independent expectation table too.
      expect(expectedRoute(persona.answers)).toBe(persona.route);
    });
  }

  it('the persona check fails on a wrong answer', () => {
    const spouse = PERSONAS.find((p) => p.route === 'family')!;
    // The answer the planner gave before the family question existed: wait 3 months.
    const waiting = planFor(file, { ...spouse.answers, family: 'no' });
    expect(personaProblems(spouse, waiting)).toEqual(
      expect.arrayContaining([
        'route resident, want family',
        'missing "do not wait 3 months"',
        expect.stringMatching(/^documents .*residence-proof/),
      ]),
    );
  });
});

describe('planner answers from an address', () => {
  it('keeps known answers and drops unknown, repeated or oversized values', () => {
    expect(
      answersFromParams(file, {
        nationality: 'eea',
        situation: 'not-working',
        plan: ['longer', 'under-3-months'],
        sofar: 'x'.repeat(500),
        number: 'maybe',
        extra: 'ignored',
      }),
    ).toEqual({ nationality: 'eea', situation: 'not-working' });
  });

  it('drops answers to questions the other answers do not ask', () => {
    const params = {
      nationality: 'eea',
      situation: 'employed',
      sofar: 'under-3-months',
      plan: 'longer',
      employer: 'uk',
      family: 'yes',
      number: 'yes',
    };
    const kept = { nationality: 'eea', situation: 'employed', number: 'yes' };
    expect(answersFromParams(file, params)).toEqual(kept);
    expect(plannerSearch(file, params)).toBe('?nationality=eea&situation=employed&number=yes');
    // planFor ignores them too: a members' file may hold answers saved before a change.
    expect(planFor(file, params)).toEqual(planFor(file, kept));
  });

  it('still answers the addresses shared before the follow-up questions existed', () => {
    const old = (search: string) =>
      planFor(file, answersFromParams(file, Object.fromEntries(new URLSearchParams(search))));
    expect(
      old('nationality=other&situation=employed&sofar=under-3-months&plan=longer&number=no')
        ?.routeId,
    ).toBe('work');
    expect(
      old('nationality=other&situation=not-working&sofar=not-yet&plan=under-3-months&number=no')
        ?.routeId,
    ).toBe('short-other');
    expect(
      old('nationality=uk-s1&situation=retired&sofar=over-3-months&plan=longer&number=no')?.routeId,
    ).toBe('uk-s1');
    expect(
      old('nationality=eea&situation=not-working&sofar=over-3-months&plan=longer&number=yes')
        ?.routeId,
    ).toBe('eu-inactive');
    // Where a new question decides the route, the old address asks it instead of guessing.
    expect(old('nationality=eea&situation=posted&sofar=not-yet&plan=longer&number=no')).toBeNull();
  });

  it('gives no answer until every question asked is answered, then a shareable address', () => {
    const partial = { nationality: 'uk-s1', situation: 'retired' };
    expect(planFor(file, partial)).toBeNull();
    expect(askedQuestions(file, partial).map((q) => q.id)).toEqual([
      'nationality',
      'situation',
      'plan',
    ]);
    const full = { ...partial, plan: 'longer' };
    expect(planFor(file, full)?.routeId).toBe('uk-s1');
    const search = plannerSearch(file, full);
    expect(search).toBe('?nationality=uk-s1&situation=retired&plan=longer');
    const back = answersFromParams(file, Object.fromEntries(new URLSearchParams(search)));
    expect(back).toEqual(full);
  });

  it('asks a follow-up once the answer that makes it matter is given', () => {
    const ids = (answers: Partial<Answers>) => askedQuestions(file, answers).map((q) => q.id);
    expect(ids({})).toEqual(['nationality', 'situation']);
    expect(ids({ nationality: 'eea', situation: 'posted' })).toEqual([
      'nationality',
      'situation',
      'employer',
    ]);
    expect(ids({ nationality: 'other', situation: 'posted', employer: 'elsewhere' })).toEqual([
      'nationality',
      'situation',
      'employer',
      'number',
    ]);
    expect(
      ids({
        nationality: 'other',
        situation: 'not-working',
        plan: 'longer',
        sofar: 'over-3-months',
      }),
    ).toEqual(['nationality', 'situation', 'plan', 'sofar', 'number']);
  });

  it('decide() is first-match: the posted rules win over the nationality rules', () => {
    expect(decide(file, { nationality: 'uk-wa', situation: 'posted', employer: 'eea' })?.id).toBe(
      'posted-by-eea-employer',
    );
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

  it('names a follow-up whose ask condition refers to a later question or an unknown answer', () => {
    const broken = source
      .replace('ask: { situation: [posted] }', "ask: { number: ['yes'] }")
      .replace(
        'ask: { situation: [student], nationality: [eea] }',
        'ask: { situation: [scholar], nationality: [eea] }',
      );
    expect(broken).not.toBe(source);
    expect(checkPlannerSource(broken)).toEqual(
      expect.arrayContaining([
        'questions.4.ask.number: "number" is not a question asked before employer',
        'questions.5.ask.situation: "scholar" is not an answer to situation',
      ]),
    );
  });

  it('rejects a file that is not YAML', () => {
    expect(checkPlannerSource('questions: [')[0]).toMatch(/not valid YAML/);
  });
});
