import { describe, expect, it } from 'vitest';
import { checkFile } from '../../scripts/content-check';
import { CONTENT_CHECK_RULES, ruleFor } from './check-rules';

const FRONT = `title: "Opening a French bank account"
summary: "Which documents a bank asks for, and what to do when it says no."
publishedAt: 2026-11-26
reviewedAt: 2026-11-26
tags: [banking]
access: public
officialLinks:
  - label: "Service-Public: Droit au compte"
    url: "https://www.service-public.fr/F20003"`;
const guide = (front: string, body = 'Text.\n') => `---\n${front}\n---\n\n${body}`;

/** Files that break one rule each, and the rule content:check must say they break. */
const BROKEN: [string, string, string][] = [
  ['file-name', 'Bank_Account', guide(FRONT)],
  ['yaml', 'bank', '---\ntitle: "unclosed\n---\nBody\n'],
  ['unknown-field', 'bank', guide(`${FRONT}\nauthor: Claire`)],
  ['required-field', 'bank', guide(FRONT.replace(/^title: .*\n/, ''))],
  ['access', 'bank', guide(FRONT.replace('access: public', 'access: member'))],
  ['dates', 'bank', guide(FRONT.replace('publishedAt: 2026-11-26', 'publishedAt: 2026-02-30'))],
  ['field-value', 'bank', guide(FRONT.replace('tags: [banking]', 'tags: [Banking]'))],
  ['mdx-syntax', 'bank', guide(FRONT, 'Hello <Foo\n')],
  ['unknown-component', 'bank', guide(FRONT, '<Note>x</Note>\n')],
  ['component-props', 'bank', guide(FRONT, '<Callout kind="danger">x</Callout>\n')],
  ['component-required-props', 'bank', guide(FRONT, '<Timeline>\n<Step title="A">B</Step>\n</Timeline>\n')],
  ['component-placement', 'bank', guide(FRONT, '<Check>x</Check>\n')],
  [
    'unique-ids',
    'bank',
    guide(FRONT, '<Checklist id="a" title="Papers">\n<Check>x</Check>\n</Checklist>\n\n'.repeat(2)),
  ],
  [
    'members-content',
    'bank',
    guide(FRONT, '<MembersOnly id="tips" title="Tips" teaser="What members learn here.">\n\n</MembersOnly>\n'),
  ],
  ['no-imports', 'bank', guide(FRONT, "import X from './x'\n")],
];

describe('CONTENT_CHECK_RULES: what content:check prints under each problem', () => {
  it.each(BROKEN)('a file breaking "%s" gets that rule', (id, name, source) => {
    const problems = checkFile('guides', `content/guides/${name}.mdx`, source);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.map((problem) => ruleFor('guides', problem)?.id)).toEqual(
      problems.map(() => id),
    );
  });

  it('has a test above for every rule but the ones only other kinds of file break', () => {
    const tested = new Set(BROKEN.map(([id]) => id));
    const untested = CONTENT_CHECK_RULES.map((rule) => rule.id).filter((id) => !tested.has(id));
    expect(untested).toEqual(['planner', 'extension', 'folder', 'members-event']);
  });

  it('knows members’ event problems, planner problems and folders', () => {
    expect(
      ruleFor('events', "members' event: a link outside <MembersOnly> would be public; move it")
        ?.id,
    ).toBe('members-event');
    expect(ruleFor('planner', 'rules: no rule matches employed=yes')?.id).toBe('planner');
    expect(ruleFor('recipes', 'folder: content/recipes is not a known kind')?.id).toBe('folder');
  });

  it('gives every rule an id of its own, a sentence and what to do', () => {
    const ids = CONTENT_CHECK_RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of CONTENT_CHECK_RULES) {
      expect(rule.rule.length).toBeGreaterThan(20);
      expect(rule.fix.length).toBeGreaterThan(10);
    }
  });
});
