import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkContent, checkContentAndMdx, checkFile, checkMdxBody } from './content-check';

// Frontmatter written as JSON values (valid YAML), so each test can change one field.
const VALID: Record<string, unknown> = {
  title: 'Opening a French bank account',
  summary: 'Which documents a bank asks for, and what to do when it says no.',
  publishedAt: '2026-11-26',
  reviewedAt: '2026-12-01',
  tags: ['banking', 'first-steps'],
  access: 'public',
  officialLinks: [
    { label: 'Service-Public: Droit au compte', url: 'https://www.service-public.fr/F20003' },
  ],
};

const BODY = `
Intro paragraph for readers.

## Public section

Everyone may read this.
`;

function guide(fields: Record<string, unknown> = VALID, body = BODY): string {
  const lines = Object.entries(fields).map(([key, value]) => `${key}: ${JSON.stringify(value)}`);
  return `---\n${lines.join('\n')}\n---\n${body}`;
}

const withField = (key: string, value: unknown) => guide({ ...VALID, [key]: value });
const withoutField = (key: string) =>
  guide(Object.fromEntries(Object.entries(VALID).filter(([k]) => k !== key)));

const check = (source: string, name = 'bank-account') =>
  checkFile('guides', `content/guides/${name}.mdx`, source);

/** The problems, each reduced to the field it names (the text before the first colon). */
const fieldsOf = (problems: string[]) => problems.map((problem) => problem.split(':')[0]);

describe('checkFile: frontmatter', () => {
  it('passes a valid guide', () => {
    expect(check(guide())).toEqual([]);
  });

  it('passes unquoted YAML dates and the real block shape staff write', () => {
    const source = `---
title: "Opening a French bank account"
summary: "Which documents a bank asks for, and what to do when it says no."
publishedAt: 2026-11-26
updatedAt: 2026-11-30
reviewedAt: 2026-11-26
tags: [banking, first-steps]
access: public
officialLinks:
  - label: "Service-Public: Droit au compte"
    url: "https://www.service-public.fr/F20003"
---
Body.
`;
    expect(check(source)).toEqual([]);
  });

  it.each([
    ['missing title', withoutField('title'), 'title'],
    ['summary too long', withField('summary', 'x'.repeat(201)), 'summary'],
    ['summary too short', withField('summary', 'Too short.'), 'summary'],
    ['date not YYYY-MM-DD', withField('publishedAt', '26/11/2026'), 'publishedAt'],
    ['impossible date', withField('publishedAt', '2026-02-30'), 'publishedAt'],
    ['month 13', withField('reviewedAt', '2026-13-01'), 'reviewedAt'],
    ['unknown field', withField('author', 'Claire'), '(frontmatter)'],
    ['bad access value', withField('access', 'premium'), 'access'],
    ['access misspelt "member"', withField('access', 'member'), 'access'],
    ['access "maybe"', withField('access', 'maybe'), 'access'],
    ['access missing (would it be public? it must be said)', withoutField('access'), 'access'],
    [
      'non-https official link',
      withField('officialLinks', [{ label: 'Ameli home', url: 'http://www.ameli.fr/' }]),
      'officialLinks.0.url',
    ],
    ['no official link', withField('officialLinks', []), 'officialLinks'],
    ['bad tag', withField('tags', ['banking', 'Carte Vitale']), 'tags.1'],
    ['no tag', withField('tags', []), 'tags'],
    ['reviewedAt before publishedAt', withField('reviewedAt', '2026-11-01'), 'reviewedAt'],
    ['updatedAt before publishedAt', withField('updatedAt', '2026-01-01'), 'updatedAt'],
  ])('%s → a problem naming %s', (_label, source, field) => {
    const problems = check(source);
    expect(problems).toHaveLength(1);
    expect(fieldsOf(problems)).toEqual([field]);
  });

  it.each([
    ['missing title', withoutField('title'), 'title: title is required'],
    [
      'missing reviewedAt (a date)',
      withoutField('reviewedAt'),
      'reviewedAt: reviewedAt is required',
    ],
    [
      'summary too long',
      withField('summary', 'x'.repeat(201)),
      'summary: summary is too long: at most 200 characters (it has 201)',
    ],
    [
      'summary too short',
      withField('summary', 'Too short.'),
      'summary: summary is too short: at least 20 characters (it has 10)',
    ],
    ['title a number', withField('title', 12345), 'title: title must be text'],
    ['draft not a boolean', withField('draft', 'yes'), 'draft: draft must be true or false'],
    [
      'featured not a boolean',
      withField('featured', 'yes'),
      'featured: featured must be true or false',
    ],
    [
      'bad access value',
      withField('access', 'premium'),
      'access: access must be written exactly "public" or "members"',
    ],
    ['no tag', withField('tags', []), 'tags: tags needs at least 1 item'],
    [
      'unknown field',
      withField('author', 'Claire'),
      '(frontmatter): unknown field "author" (check the spelling, or remove it)',
    ],
  ])('speaks plainly: %s → "%s"', (_label, source, message) => {
    expect(check(source)).toEqual([message]);
  });

  it('never passes zod’s own wording through', () => {
    const sources = [
      withoutField('title'),
      withField('title', 3),
      withField('tags', 'health'),
      withField('access', 'x'),
      withField('officialLinks', [{ label: 'Ameli', url: 'nope' }]),
    ];
    for (const source of sources) {
      for (const problem of check(source)) {
        expect(problem).not.toMatch(/expected|received|Invalid input|Too (big|small)/);
      }
    }
  });

  it('accepts featured: true', () => {
    expect(check(withField('featured', true))).toEqual([]);
  });

  it('names the unknown field itself in the message', () => {
    const [problem] = check(withField('author', 'Claire'));
    expect(problem).toContain('author');
  });

  it('rejects an unquoted impossible date that YAML 1.1 would roll over into the next month', () => {
    const source = guide().replace('publishedAt: "2026-11-26"', 'publishedAt: 2026-11-31');
    expect(source).toContain('publishedAt: 2026-11-31');
    expect(check(source)).toEqual(['publishedAt: must be a real date written YYYY-MM-DD']);
  });

  it('reports YAML that does not parse', () => {
    const problems = check('---\ntitle: "unclosed\n---\nBody\n');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^frontmatter: not valid YAML/);
  });

  it('refuses a file name that cannot be a URL', () => {
    const problems = check(guide(), 'Bank_Account');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^file name: "Bank_Account"/);
  });

  it('refuses an unknown content folder', () => {
    expect(checkFile('recipes', 'content/recipes/tarte.mdx', guide())).toEqual([
      'folder: content/recipes is not a known kind (guides, pages, events, offers)',
    ]);
  });
});

describe('checkFile: partner offers', () => {
  const offer = (front: string) =>
    `---\n${front}\n---\n\nQuote the code when you book and the first month is free.\n`;
  const valid = [
    'partner: "PartirAssur"',
    'title: "15% off your first year of cover"',
    'code: "SJR-PARTIR15"',
    'url: "https://partirassur.example/members"',
    'validUntil: 2027-12-31',
  ];

  it('passes a complete offer', () => {
    expect(checkFile('offers', 'content/offers/partir.mdx', offer(valid.join('\n')))).toEqual([]);
  });

  it('names the field of a missing code, a lowercase code and a plain-http address', () => {
    const without = valid.filter((line) => !line.startsWith('code'));
    expect(checkFile('offers', 'content/offers/partir.mdx', offer(without.join('\n')))).toEqual([
      expect.stringMatching(/^code: /),
    ]);
    const lower = valid.map((line) => (line.startsWith('code') ? 'code: "sjr partir"' : line));
    expect(checkFile('offers', 'content/offers/partir.mdx', offer(lower.join('\n')))).toEqual([
      'code: must be 4–40 capital letters, digits or hyphens',
    ]);
    const http = valid.map((line) =>
      line.startsWith('url') ? 'url: "http://partir.example"' : line,
    );
    expect(checkFile('offers', 'content/offers/partir.mdx', offer(http.join('\n')))).toEqual([
      'url: must be a full https:// address',
    ]);
  });
});

describe('checkFile: <MembersOnly> blocks', () => {
  const block = (attributes: string, body = '\nMembers read this paragraph.\n') =>
    `<MembersOnly ${attributes}>\n${body}\n</MembersOnly>\n`;
  const ATTRS = 'id="bank-tips" title="Tips for members" teaser="How to get a yes from the bank."';

  it('passes a complete block', () => {
    expect(check(guide(VALID, BODY + block(ATTRS)))).toEqual([]);
  });

  /** The line of the file where `text` first appears. */
  const lineOf = (source: string, text: string) =>
    source.split('\n').findIndex((line) => line.includes(text)) + 1;

  it.each([
    ['id', ATTRS.replace('id="bank-tips" ', '')],
    ['title', ATTRS.replace('title="Tips for members" ', '')],
    ['teaser', ATTRS.replace(' teaser="How to get a yes from the bank."', '')],
  ])('a block without %s is a problem naming it, on the line of the block', (field, attributes) => {
    const source = guide(VALID, BODY + block(attributes));
    const problems = check(source);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      new RegExp(`^line ${lineOf(source, '<MembersOnly')}: <MembersOnly> needs ${field}="…"`),
    );
  });

  it('refuses an id that is not a slug', () => {
    const source = guide(VALID, BODY + block(ATTRS.replace('bank-tips', 'Bank Tips')));
    expect(check(source)).toEqual([
      `line ${lineOf(source, '<MembersOnly')}: <MembersOnly> id="Bank Tips" must be lowercase words joined by hyphens, e.g. bank-tips`,
    ]);
  });

  it('refuses the same id twice, on the line of the second', () => {
    const source = guide(VALID, BODY + block(ATTRS) + '\n' + block(ATTRS));
    const second = source.split('\n').findLastIndex((line) => line.includes('<MembersOnly')) + 1;
    expect(check(source)).toEqual([`line ${second}: <MembersOnly> id "bank-tips" is used twice`]);
  });

  it('refuses an empty block', () => {
    expect(check(guide(VALID, BODY + block(ATTRS, '  ')))).toEqual([
      '<MembersOnly id="bank-tips"> has no content',
    ]);
  });

  it('refuses an opening tag that is never closed, naming its line in the file', () => {
    const source = guide(VALID, `${BODY}<MembersOnly ${ATTRS}>\n\nSecret text.\n`);
    const line = lineOf(source, '<MembersOnly');
    expect(check(source)).toEqual([
      `line ${line}, column 1: Expected a closing tag for \`<MembersOnly>\` (${line}:1-${line}:${ATTRS.length + 15})`,
    ]);
  });
});

describe('checkFile: components from the registry (lib/content/components.ts)', () => {
  const NAMES = 'MembersOnly, Callout, Timeline, Step, Checklist, Check';
  /** Each problem the body gives, with the file line of `marker` in place of "line N". */
  const problemsAt = (body: string, marker: string) => {
    const source = guide(VALID, `${BODY}\n${body}\n`);
    const line = source.split('\n').findIndex((text) => text.includes(marker)) + 1;
    expect(line).toBeGreaterThan(12); // counted from the top of the file, frontmatter included
    return { problems: check(source), line };
  };

  it('refuses a component that does not exist, naming the file line and every allowed name', () => {
    const { problems, line } = problemsAt('<Note>x</Note>', '<Note>');
    expect(problems).toEqual([`line ${line}: <Note> is not a component; use one of: ${NAMES}`]);
  });

  it('refuses an unknown component inside a paragraph or inside another component too', () => {
    const inline = problemsAt('Some text with <Badge>new</Badge> in it.', '<Badge>');
    expect(inline.problems).toEqual([
      `line ${inline.line}: <Badge> is not a component; use one of: ${NAMES}`,
    ]);
    const nested = problemsAt('<Callout kind="tip">\n\n<Note>x</Note>\n\n</Callout>', '<Note>');
    expect(nested.problems).toEqual([
      `line ${nested.line}: <Note> is not a component; use one of: ${NAMES}`,
    ]);
  });

  it('refuses a value that is not allowed, listing the allowed ones', () => {
    const { problems, line } = problemsAt('<Callout kind="danger">Careful.</Callout>', 'danger');
    expect(problems).toEqual([
      `line ${line}: <Callout> kind="danger" is not allowed: kind is one of info, tip, warning`,
    ]);
  });

  it('refuses an unknown prop, listing the props the component has', () => {
    const { problems, line } = problemsAt('<Callout colour="red">Careful.</Callout>', 'colour');
    expect(problems).toEqual([
      `line ${line}: <Callout> has no prop "colour"; its props are: kind, title`,
    ]);
    const check = problemsAt(
      '<Checklist id="docs" title="Papers">\n<Check done="yes">Passport</Check>\n</Checklist>',
      'done=',
    );
    expect(check.problems).toEqual([`line ${check.line}: <Check> takes no props (found "done")`]);
  });

  it('refuses a value that is not written in quotes', () => {
    const { problems, line } = problemsAt('<Callout kind={"tip"}>Careful.</Callout>', 'kind=');
    expect(problems).toEqual([
      `line ${line}: <Callout> kind needs a value in double quotes: kind="info"`,
    ]);
  });

  it('refuses a missing required prop, a step outside a timeline and text between the items', () => {
    expect(
      problemsAt('<Timeline>\n<Step title="Apply">Day one.</Step>\n</Timeline>', '<Timeline')
        .problems,
    ).toEqual([expect.stringMatching(/^line \d+: <Timeline> needs label="…"/)]);
    const loose = problemsAt('<Step title="Apply">On its own.</Step>', '<Step');
    expect(loose.problems).toEqual([`line ${loose.line}: <Step> must be inside a <Timeline>`]);
    const between = problemsAt(
      '<Checklist id="docs" title="Papers">\n<Check>Passport</Check>\n\nA loose sentence.\n\n</Checklist>',
      'A loose sentence',
    );
    expect(between.problems).toEqual([
      `line ${between.line}: <Checklist> holds only <Check> items; move this into a <Check>`,
    ]);
  });

  it('refuses the same checklist id twice in a file', () => {
    const list = '<Checklist id="docs" title="Papers">\n<Check>Passport</Check>\n</Checklist>\n';
    const source = guide(VALID, `${BODY}\n${list}\n${list}`);
    const second = source.split('\n').findLastIndex((text) => text.includes('<Checklist')) + 1;
    expect(check(source)).toEqual([`line ${second}: <Checklist> id "docs" is used twice`]);
  });

  it('refuses import lines', () => {
    const { problems, line } = problemsAt("import Chart from './chart'", 'import Chart');
    expect(problems).toEqual([
      `line ${line}: import and export lines are not allowed; the components (${NAMES}) need no import`,
    ]);
  });

  it('passes every component written as docs/staff.md shows it, and plain HTML like <sup>', () => {
    const body = `<Callout kind="warning" title="Keep a copy">Short aside.</Callout>

Price<sup>1</sup>

<Timeline label="From application to card">
<Step title="Apply to your CPAM" when="Day one">One line on what happens.</Step>
<Step title="Receive the card">

A longer step, with **bold** text.

</Step>
</Timeline>

<Checklist id="card-documents" title="Your application file">
<Check>Form cerfa 15763, filled in and signed</Check>
<Check>A copy of your passport</Check>
</Checklist>
`;
    expect(check(guide(VALID, BODY + body))).toEqual([]);
  });
});

describe("checkFile: a guide's changes (What changed)", () => {
  // Every date is counted from the checker's clock, so the rules hold whatever day the tests run.
  const clock = new Date();
  const dayFrom = (days: number) =>
    new Date(clock.getTime() + days * 86_400_000).toISOString().slice(0, 10);
  const today = dayFrom(0);
  const SUMMARY = 'The flat charge per consultation is now confirmed on Service-Public.';
  const dated = (changes: unknown[], fields: Record<string, unknown> = {}) =>
    checkFile(
      'guides',
      'content/guides/bank-account.mdx',
      guide({
        ...VALID,
        publishedAt: dayFrom(-60),
        updatedAt: dayFrom(-10),
        reviewedAt: dayFrom(-10),
        changes,
        ...fields,
      }),
      // A clock at noon UTC: the same day in France.
      new Date(`${today}T12:00:00Z`),
    );

  it('passes dated changes within updatedAt and reviewedAt, members’ ones included', () => {
    expect(
      dated([
        { date: dayFrom(-10), summary: SUMMARY },
        { date: dayFrom(-20), summary: 'A members’ tip on the CEAM was rewritten.', members: true },
      ]),
    ).toEqual([]);
  });

  it('refuses a change dated in the future, naming the change', () => {
    const problems = dated([{ date: dayFrom(1), summary: SUMMARY }], {
      updatedAt: dayFrom(1),
      reviewedAt: dayFrom(1),
    });
    expect(problems).toEqual([
      `changes.0.date: the change of ${dayFrom(1)} "The flat charge per consultation is now…" is dated in the future (today is ${today}): date a change on the day it is published`,
    ]);
  });

  it('takes today in France from the clock: late evening UTC is already tomorrow in Paris', () => {
    const tomorrow = dayFrom(1);
    const source = guide({
      ...VALID,
      publishedAt: dayFrom(-60),
      updatedAt: tomorrow,
      reviewedAt: tomorrow,
      changes: [{ date: tomorrow, summary: SUMMARY }],
    });
    const file = 'content/guides/bank-account.mdx';
    expect(checkFile('guides', file, source, new Date(`${today}T23:30:00Z`))).toEqual([]);
    expect(checkFile('guides', file, source, new Date(`${today}T20:00:00Z`))).toHaveLength(1);
  });

  it('refuses a change dated after updatedAt', () => {
    const problems = dated(
      [
        { date: dayFrom(-5), summary: SUMMARY },
        { date: dayFrom(-30), summary: 'An older change that is fine on its own.' },
      ],
      { reviewedAt: dayFrom(-5) },
    );
    expect(problems).toEqual([
      `changes.0.date: the change of ${dayFrom(-5)} "The flat charge per consultation is now…" is dated after updatedAt (${dayFrom(-10)}): set updatedAt to ${dayFrom(-5)} or later, or correct the change's date`,
    ]);
  });

  it('requires updatedAt when a guide lists changes', () => {
    const source = guide({
      ...VALID,
      publishedAt: dayFrom(-60),
      reviewedAt: dayFrom(-10),
      changes: [{ date: dayFrom(-10), summary: SUMMARY }],
    });
    expect(check(source)).toEqual([
      `updatedAt: is required when a guide lists changes: write updatedAt: ${dayFrom(-10)} (the newest change, the change of ${dayFrom(-10)} "The flat charge per consultation is now…") or later`,
    ]);
  });

  it('refuses a reviewedAt older than the newest change', () => {
    const problems = dated([{ date: dayFrom(-10), summary: SUMMARY }], {
      reviewedAt: dayFrom(-11),
    });
    expect(problems).toEqual([
      `reviewedAt: (${dayFrom(-11)}) is older than the newest change, the change of ${dayFrom(-10)} "The flat charge per consultation is now…": a change means the facts were checked again, so set reviewedAt to ${dayFrom(-10)} or later`,
    ]);
  });

  it('refuses a summary over 200 characters, naming the change and its length', () => {
    const long = `${SUMMARY} ${'More detail. '.repeat(12)}`.trim();
    expect(long.length).toBeGreaterThan(200);
    expect(
      dated([
        { date: dayFrom(-10), summary: SUMMARY.slice(0, 20) },
        { date: dayFrom(-12), summary: long },
      ]),
    ).toEqual([
      `changes.1.summary (the change of ${dayFrom(-12)} "The flat charge per consultation is now…"): a change summary is at most 200 characters (it has ${long.length})`,
    ]);
    expect(dated([{ date: dayFrom(-10), summary: long.slice(0, 200) }])).toEqual([]);
  });

  it('names the file of the change in content:check’s output', () => {
    const temp = mkdtempSync(path.join(tmpdir(), 'content-check-changes-'));
    try {
      mkdirSync(path.join(temp, 'guides'));
      writeFileSync(
        path.join(temp, 'guides', 'future-change.mdx'),
        guide({
          ...VALID,
          publishedAt: dayFrom(-60),
          updatedAt: dayFrom(3),
          reviewedAt: dayFrom(3),
          changes: [{ date: dayFrom(3), summary: SUMMARY }],
        }),
      );
      const { problems } = checkContent(temp, clock);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(
        new RegExp(
          `future-change\\.mdx: changes\\.0\\.date: the change of ${dayFrom(3)} .* in the future`,
        ),
      );
    } finally {
      rmSync(temp, { recursive: true, force: true });
    }
  });
});

describe('checkContent', () => {
  const temp = mkdtempSync(path.join(tmpdir(), 'content-check-'));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  it('finds no problem in the real content/ folder', () => {
    const { files, problems } = checkContent(path.resolve('content'));
    expect(problems).toEqual([]);
    expect(files).toBeGreaterThanOrEqual(5);
  });

  it('prefixes each problem with the file it is in', () => {
    mkdirSync(path.join(temp, 'guides'), { recursive: true });
    writeFileSync(path.join(temp, 'guides', 'good-guide.mdx'), guide());
    writeFileSync(path.join(temp, 'guides', 'bad-guide.mdx'), withoutField('title'));
    writeFileSync(path.join(temp, 'guides', 'old-format.md'), guide());

    const { files, problems } = checkContent(temp);
    expect(files).toBe(3);
    const relative = (name: string) =>
      path.relative(process.cwd(), path.join(temp, 'guides', name));
    expect(problems).toHaveLength(2);
    expect(problems).toContainEqual(expect.stringMatching(/bad-guide\.mdx: title: /));
    expect(
      problems.find((p) => p.includes('bad-guide'))?.startsWith(relative('bad-guide.mdx')),
    ).toBe(true);
    expect(problems).toContain(`${relative('old-format.md')}: use the .mdx extension`);
  });

  it('gives npm run dev (its banner, "Content OK" otherwise) the unknown component with file and line', async () => {
    const dir = path.join(temp, 'dev');
    mkdirSync(path.join(dir, 'guides'), { recursive: true });
    const source = guide(VALID, `${BODY}\n<Note>x</Note>\n`);
    writeFileSync(path.join(dir, 'guides', 'with-note.mdx'), source);
    const line = source.split('\n').findIndex((text) => text.includes('<Note>')) + 1;
    const { problems } = await checkContentAndMdx(dir);
    expect(problems).toEqual([
      `${path.relative(process.cwd(), path.join(dir, 'guides', 'with-note.mdx'))}: line ${line}: <Note> is not a component; use one of: MembersOnly, Callout, Timeline, Step, Checklist, Check`,
    ]);
  });
});

describe('checkMdxBody', () => {
  it('passes a body that compiles', async () => {
    expect(await checkMdxBody(guide())).toEqual([]);
  });

  it('names the line in the file (frontmatter counted) of an unclosed tag, without bundler noise', async () => {
    const source = guide(VALID, `${BODY}\nHello <Foo\n`);
    const line = source.split('\n').findIndex((text) => text.includes('<Foo')) + 1;
    const problems = await checkMdxBody(source);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^line ${line}, column \\d+: Unexpected end of file`));
    expect(problems[0]).not.toMatch(/esbuild|possibly a bug|open an issue|_mdx_bundler/);
  });

  it('counts the positions inside MDX’s own words from the top of the file too', async () => {
    const source = guide(VALID, `${BODY}\n<Foo>\n\nNever closed.\n`);
    const line = source.split('\n').findIndex((text) => text.includes('<Foo>')) + 1;
    const [problem] = await checkMdxBody(source);
    expect(problem).toBe(
      `line ${line}, column 1: Expected a closing tag for \`<Foo>\` (${line}:1-${line}:6)`,
    );
  });
});

describe('checkFile: events', () => {
  const EVENT: Record<string, unknown> = {
    title: 'Paris members meetup',
    summary: 'An informal evening for members in Paris.',
    startsAt: '2027-02-11T19:00:00+01:00',
    endsAt: '2027-02-11T21:00:00+01:00',
    timezone: 'Europe/Paris',
    city: 'Paris',
    access: 'members',
  };
  const DETAILS = `<MembersOnly id="event-details" title="Joining details" teaser="Members see the exact place.">

**Where:** 12 rue de Rivoli, 75004 Paris, from 19:00. Call +33 6 12 34 56 78.

</MembersOnly>
`;
  const event = (body: string, fields: Record<string, unknown> = EVENT) =>
    checkFile(
      'events',
      'content/events/paris-meetup.mdx',
      `---\n${Object.entries(fields)
        .map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
        .join('\n')}\n---\n${body}`,
    );

  it("passes a members' event whose details are inside <MembersOnly>", () => {
    expect(event(`Come and meet other members; see our [guides](/guides).\n\n${DETAILS}`)).toEqual(
      [],
    );
  });

  it.each([
    ['a street address', 'We meet at 12 rue de Rivoli.'],
    ['a link', 'Join at [the call](https://meet.example.com/abc).'],
    ['a link', 'Join at https://meet.example.com/abc'],
    ['an e-mail address', 'Write to meetup@sojoourn.example to register.'],
    ['a phone number', 'Call 06 12 34 56 78 if you are lost.'],
    ['a time of day', 'Doors open at 18h30.'],
  ])("refuses a members' event with %s outside <MembersOnly>", (detail, line) => {
    const problems = event(`${line}\n\n${DETAILS}`);
    expect(problems).toEqual([
      `members' event: ${detail} outside <MembersOnly> would be public; move it inside the block`,
    ]);
  });

  it("refuses a members' event with no <MembersOnly> block at all", () => {
    expect(event('Everything about the evening, in public.\n')).toEqual([
      "members' event: its details (place, joining link, programme) must be inside <MembersOnly>; this one has no <MembersOnly> block",
    ]);
  });

  it('lets a public event show its details, and refuses an event without access', () => {
    expect(
      event('We meet at 12 rue de Rivoli at 19:00.\n', { ...EVENT, access: 'public' }),
    ).toEqual([]);
    const noAccess = Object.fromEntries(Object.entries(EVENT).filter(([key]) => key !== 'access'));
    expect(event(DETAILS, noAccess).map((problem) => problem.split(':')[0])).toEqual(['access']);
  });
});
