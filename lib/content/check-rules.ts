// The rules `npm run content:check` applies, each with the words its problems start with and what to
// do about them, written in Markdown (`code` in backticks). content:check prints the "what to do" under each problem it finds; the staff
// handbook (/admin/handbook) lists the same rules, and docs/staff.md explains each (a test checks
// that every rule here is in the doc). Component rules name the registry (lib/content/components.ts).
import { MDX_COMPONENT_NAMES } from './components';

export interface ContentCheckRule {
  id: string;
  /** The rule, in one sentence. */
  rule: string;
  /** What to do when a file breaks it. */
  fix: string;
  /** Recognises this rule's problems (the problem's text without the file name in front). */
  matches: RegExp;
  /** Only for files of this kind (the folder under content/). */
  kind?: string;
}

export const CONTENT_CHECK_RULES: readonly ContentCheckRule[] = [
  {
    id: 'planner',
    kind: 'planner',
    rule: "The planner's file (`content/planner/carte-vitale.yaml`) follows its schema, and every combination of answers reaches a route.",
    fix: 'Read the comments at the top of the file; the problem names the question, rule or step. A "no rule matches" problem lists answers that lead nowhere: add or widen a rule.',
    matches: /./,
  },
  {
    id: 'extension',
    rule: 'Content files end in `.mdx`.',
    fix: 'Rename the file from `.md` to `.mdx`.',
    matches: /^use the \.mdx extension/,
  },
  {
    id: 'file-name',
    rule: 'A file name is lowercase words joined by hyphens: it becomes the address of the page.',
    fix: 'Rename the file, e.g. `opening-a-bank-account.mdx` (no capitals, spaces, accents or underscores).',
    matches: /^file name: /,
  },
  {
    id: 'folder',
    rule: 'Files live in `content/guides`, `content/events`, `content/offers` or `content/pages`.',
    fix: 'Move the file into one of those folders.',
    matches: /^folder: /,
  },
  {
    id: 'yaml',
    rule: 'The frontmatter (between the two `---` lines) is valid YAML.',
    fix: 'Put text that holds a colon, a `#` or quotes inside double quotes, and indent list items with two spaces.',
    matches: /^frontmatter: not valid YAML/,
  },
  {
    id: 'unknown-field',
    rule: 'The frontmatter holds only the fields listed for its kind of file.',
    fix: 'Check the spelling of the field named against `docs/staff.md`, or remove it.',
    matches: /unknown fields? "/,
  },
  {
    id: 'required-field',
    rule: 'Every required field is there.',
    fix: 'Add the field named, with a value.',
    matches: /^[\w.]+: [\w.]+ is required$/,
  },
  {
    id: 'access',
    rule: '`access` is written exactly `public` or `members`, on every guide and event.',
    fix: 'Write `access: public` or `access: members` (a misspelt value would hide the text from readers).',
    matches: /access must be written exactly/,
  },
  {
    id: 'dates',
    rule: 'Dates are real days written `YYYY-MM-DD`, in order (`publishedAt` first; an event ends after it starts; a change is dated no later than `updatedAt` and not in the future; `reviewedAt` is not older than the newest change).',
    fix: 'Correct the date named: `2026-12-05`, not `05/12/2026`; check that the days are in the order the problem says.',
    matches: /must be a real date|is before |is after |must be after |in the future|older than/,
  },
  {
    id: 'field-value',
    rule: 'Each field has the kind of value it takes: text within its length, true or false, a list, an `https://` address, a code in capitals.',
    fix: 'Change the value as the problem says (it gives the limit and what you wrote).',
    matches: /^[\w.]+: /,
  },
  {
    id: 'mdx-syntax',
    rule: 'The text is valid MDX: every tag is closed, and `{` and `<` are only used for components.',
    fix: 'Go to the line named. Close the tag (`</Callout>`), or write a plain `{` or `<` as `\\{` or `\\<`.',
    matches: /^(line \d+(, column \d+)?|MDX): (?!<|import and export)/,
  },
  {
    id: 'unknown-component',
    rule: `Only the site's components are used: ${MDX_COMPONENT_NAMES.map((name) => `\`<${name}>\``).join(', ')}.`,
    fix: 'Use one of the components listed (spelt with the same capitals), or write the text as plain Markdown.',
    matches: /is not a component; use one of/,
  },
  {
    id: 'component-props',
    rule: 'A component takes only its own props, each written `name="value"` with an allowed value.',
    fix: 'Use the prop names and values the problem lists (they are in `docs/staff.md` under the component).',
    matches:
      /has no prop|takes no props|is not allowed: |must be lowercase words|needs a value in double quotes|write each prop|is too (long|short)|is empty/,
  },
  {
    id: 'component-required-props',
    rule: 'A component has the props it needs (a `<MembersOnly>` its `id`, `title` and `teaser`; a `<Checklist>` its `id` and `title`).',
    fix: 'Add the prop named, in double quotes.',
    matches: /> needs \w+="…"/,
  },
  {
    id: 'component-placement',
    rule: 'A `<Step>` sits inside a `<Timeline>`, a `<Check>` inside a `<Checklist>`, and they hold nothing else.',
    fix: 'Move the item inside its list, or the text into an item.',
    matches: /must be inside a <|holds only </,
  },
  {
    id: 'unique-ids',
    rule: 'Each `<MembersOnly>` and `<Checklist>` `id` is used once in a file.',
    fix: 'Give the second one an id of its own (for a checklist: keep the old id on the list readers already ticked).',
    matches: /is used twice/,
  },
  {
    id: 'members-content',
    rule: 'A `<MembersOnly>` block holds the members’ text.',
    fix: 'Write the members’ text between `<MembersOnly …>` and `</MembersOnly>`, with an empty line after the opening tag and before the closing one.',
    matches: /has no content/,
  },
  {
    id: 'members-event',
    rule: "A members' event keeps its details (place, address, joining link, phone, e-mail, time of day, meeting code) inside `<MembersOnly>`.",
    fix: 'Move the detail named into the `<MembersOnly>` block; links to the site’s own pages may stay outside.',
    matches: /^members' event: /,
  },
  {
    id: 'no-imports',
    rule: 'No `import` or `export` lines: the components need none.',
    fix: 'Delete the line.',
    matches: /import and export lines are not allowed/,
  },
];

/** The rule a problem breaks (`problem` without its file name), or undefined if none says so. */
export function ruleFor(kind: string, problem: string): ContentCheckRule | undefined {
  return CONTENT_CHECK_RULES.find(
    (rule) => (rule.kind === undefined || rule.kind === kind) && rule.matches.test(problem),
  );
}
