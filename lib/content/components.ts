// THE list of components a guide, event, offer or page may use in its MDX, with the props each
// takes and the values a prop allows. Read by the renderer's component map
// (components/mdx/MdxContent.tsx, typed against these names), by `npm run content:check` (which
// refuses anything else, with the file, the line and these names) and by the staff handbook
// (/admin/handbook). Plain data: no React, no server-only module, so every reader can import it.

/** The kinds of <Callout>; components/mdx/Callout.tsx has one style per kind (typed against this). */
export const CALLOUT_KINDS = ['info', 'tip', 'warning'] as const;
export type CalloutKind = (typeof CALLOUT_KINDS)[number];

/** Lowercase words joined by hyphens: ids that become part of an address or a storage key. */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export interface MdxPropSpec {
  name: string;
  required: boolean;
  /** What the prop is for, in a sentence staff read in the handbook. */
  about: string;
  /** The only values allowed, when the prop is a choice. */
  values?: readonly string[];
  /** A shape the value must have, with the words that say so. */
  pattern?: { test: RegExp; says: string };
  minLength?: number;
  maxLength?: number;
}

export interface MdxComponentSpec {
  name: string;
  /** What it is for, in a sentence. */
  about: string;
  props: readonly MdxPropSpec[];
  /** Must sit directly inside this component (a <Step> inside a <Timeline>). */
  inside?: string;
  /** The only components allowed directly inside it (its items). */
  items?: string;
}

export const MDX_COMPONENTS = [
  {
    name: 'MembersOnly',
    about:
      "A members' section: members (and staff) read it; everyone else sees its title, its teaser and an invitation to join. What is inside never reaches a reader's browser.",
    props: [
      {
        name: 'id',
        required: true,
        about:
          'A name for the section, unique in the file: lowercase words joined by hyphens. It becomes the address of the section (#id).',
        pattern: { test: SLUG, says: 'lowercase words joined by hyphens, e.g. bank-tips' },
      },
      {
        name: 'title',
        required: true,
        about: 'The heading everyone sees.',
        minLength: 3,
        maxLength: 120,
      },
      {
        name: 'teaser',
        required: true,
        about: 'One sentence everyone sees: what the section is about, without giving it away.',
        minLength: 10,
        maxLength: 300,
      },
    ],
  },
  {
    name: 'Callout',
    about: 'A short aside in a coloured box.',
    props: [
      {
        name: 'kind',
        required: false,
        about: 'The colour and the default heading: info (Good to know), tip (Tip), warning (Watch out). Without it: info.',
        values: CALLOUT_KINDS,
      },
      {
        name: 'title',
        required: false,
        about: 'A heading of your own instead of the default one.',
        minLength: 1,
        maxLength: 120,
      },
    ],
  },
  {
    name: 'Timeline',
    about: 'A route at a glance: numbered steps, each with when it happens.',
    props: [
      {
        name: 'label',
        required: true,
        about: 'The heading of the timeline (screen readers announce it too).',
        minLength: 3,
        maxLength: 120,
      },
    ],
    items: 'Step',
  },
  {
    name: 'Step',
    about: 'One stage of a <Timeline>.',
    inside: 'Timeline',
    props: [
      { name: 'title', required: true, about: 'What happens.', minLength: 1, maxLength: 120 },
      {
        name: 'when',
        required: false,
        about: 'When it happens, in words: "Day one", "Up to 9 months".',
        minLength: 1,
        maxLength: 80,
      },
    ],
  },
  {
    name: 'Checklist',
    about:
      "A list a reader can tick off and print; the ticks stay in the reader's own browser, never sent to us.",
    props: [
      {
        name: 'id',
        required: true,
        about:
          "Where the reader's ticks are kept in their browser: lowercase words joined by hyphens, unique on the site. Keep it when you edit the items.",
        pattern: { test: SLUG, says: 'lowercase words joined by hyphens, e.g. bank-documents' },
      },
      {
        name: 'title',
        required: true,
        about: 'The heading of the list.',
        minLength: 3,
        maxLength: 120,
      },
    ],
    items: 'Check',
  },
  {
    name: 'Check',
    about: 'One item of a <Checklist>.',
    inside: 'Checklist',
    props: [],
  },
] as const satisfies readonly MdxComponentSpec[];

export type MdxComponentName = (typeof MDX_COMPONENTS)[number]['name'];

export const MDX_COMPONENT_NAMES: readonly MdxComponentName[] = MDX_COMPONENTS.map(
  (component) => component.name,
);

export function mdxComponentSpec(name: string): MdxComponentSpec | undefined {
  return (MDX_COMPONENTS as readonly MdxComponentSpec[]).find(
    (component) => component.name === name,
  );
}

/**
 * What is wrong with one written value of a prop, in words ("is not allowed: kind is one of info,
 * tip, warning"), or null when it is fine.
 */
export function propValueProblem(prop: MdxPropSpec, value: string): string | null {
  if (prop.values && !prop.values.includes(value)) {
    return `${prop.name}="${value}" is not allowed: ${prop.name} is one of ${prop.values.join(', ')}`;
  }
  if (prop.pattern && !prop.pattern.test.test(value)) {
    return `${prop.name}="${value}" must be ${prop.pattern.says}`;
  }
  const length = value.trim().length;
  if (prop.minLength !== undefined && length < prop.minLength) {
    return length === 0
      ? `${prop.name} is empty`
      : `${prop.name} is too short: at least ${prop.minLength} characters (it has ${length})`;
  }
  if (prop.maxLength !== undefined && length > prop.maxLength) {
    return `${prop.name} is too long: at most ${prop.maxLength} characters (it has ${length})`;
  }
  return null;
}
