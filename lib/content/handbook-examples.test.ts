// One source for the handbook and docs/staff.md: every example the handbook renders is in the doc
// word for word and passes content:check; every component of the registry has one; every rule
// content:check applies is in the doc; and the complete guide the doc shows a newcomer passes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkContent } from '../../scripts/content-check';
import { CONTENT_CHECK_RULES } from './check-rules';
import { CALLOUT_KINDS, MDX_COMPONENT_NAMES } from './components';
import { HANDBOOK_EXAMPLES } from './handbook-examples';
import { checkMdx } from './mdx-check';

const DOC = readFileSync(path.resolve('docs/staff.md'), 'utf8');
const NEWCOMER_DIR = path.resolve('test/fixtures/newcomer-content');
const NEWCOMER_GUIDE = path.join(NEWCOMER_DIR, 'guides', 'opening-a-bank-account.mdx');

describe('the handbook examples and docs/staff.md', () => {
  it.each(HANDBOOK_EXAMPLES.map((example) => [example.id, example.source]))(
    'example "%s" is in docs/staff.md word for word, in an mdx block',
    (_id, source) => {
      expect(DOC).toContain(`\`\`\`mdx\n${source}\n\`\`\``);
    },
  );

  it.each(HANDBOOK_EXAMPLES.map((example) => [example.id, example.source]))(
    'example "%s" passes content:check',
    (_id, source) => {
      expect(checkMdx(source)).toEqual([]);
    },
  );

  it('has an example using every component of the registry, and one per callout kind', () => {
    const used = MDX_COMPONENT_NAMES.filter((name) =>
      HANDBOOK_EXAMPLES.some((example) => example.source.includes(`<${name}`)),
    );
    expect(used).toEqual(MDX_COMPONENT_NAMES);
    for (const kind of CALLOUT_KINDS) {
      expect(HANDBOOK_EXAMPLES.some((e) => e.source.includes(`<Callout kind="${kind}"`))).toBe(true);
    }
  });

  it('gives a heading in the doc to every component', () => {
    for (const name of MDX_COMPONENT_NAMES) expect(DOC).toContain(`\`<${name}>\``);
  });

  it('lists every content:check rule, and what to do, as the check prints it', () => {
    for (const rule of CONTENT_CHECK_RULES) expect(DOC).toContain(`| ${rule.rule} | ${rule.fix} |`);
  });
});

describe('a newcomer’s first guide, written from docs/staff.md alone', () => {
  const source = readFileSync(NEWCOMER_GUIDE, 'utf8');

  it('is the complete guide the doc shows', () => {
    expect(DOC).toContain(`\`\`\`mdx\n${source}\`\`\``);
  });

  it('has a members’ section, a timeline and a checklist, and passes content:check', () => {
    for (const tag of ['<MembersOnly ', '<Timeline ', '<Step ', '<Checklist ', '<Check>']) {
      expect(source).toContain(tag);
    }
    expect(checkContent(NEWCOMER_DIR)).toEqual({ files: 1, problems: [] });
  });
});
