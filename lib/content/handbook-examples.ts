// The examples of every MDX component, in ONE place: /admin/handbook renders each of them live
// (with the site's own components) and docs/staff.md shows the same text; a test
// (lib/content/handbook-examples.test.ts) checks that each source is in the doc word for word,
// that content:check passes it, and that every component of the registry has one.
import type { MdxComponentName } from './components';

export interface HandbookExample {
  id: string;
  /** The component the example is about. */
  component: MdxComponentName;
  title: string;
  /** Exactly what staff write in the .mdx file. */
  source: string;
}

export const HANDBOOK_EXAMPLES: readonly HandbookExample[] = [
  {
    id: 'members-only',
    component: 'MembersOnly',
    title: "A members' section",
    source: `<MembersOnly id="bank-tips" title="What to say when the bank says no" teaser="The letter that gets most refusals reversed within a week.">

Ask the branch for a written refusal, then write to the Banque de France with it: they name a
bank that must open your account.

</MembersOnly>`,
  },
  {
    id: 'callout-info',
    component: 'Callout',
    title: 'A callout: info (the default)',
    source: `<Callout kind="info">The card arrives at the address your CPAM has on file.</Callout>`,
  },
  {
    id: 'callout-tip',
    component: 'Callout',
    title: 'A callout: tip, with a title of its own',
    source: `<Callout kind="tip" title="Keep a copy">Photograph every form before you post it.</Callout>`,
  },
  {
    id: 'callout-warning',
    component: 'Callout',
    title: 'A callout: warning',
    source: `<Callout kind="warning">An expired residence permit stops the application.</Callout>`,
  },
  {
    id: 'timeline',
    component: 'Timeline',
    title: 'A timeline and its steps',
    source: `<Timeline label="From application to card">
<Step title="Send the form" when="Day one">Post cerfa 15763 with the copies to your CPAM.</Step>
<Step title="Receive your number" when="Up to 3 months">A letter gives your social security number.</Step>
<Step title="Order the card" when="Once you have the number">Order it on your ameli account.</Step>
</Timeline>`,
  },
  {
    id: 'checklist',
    component: 'Checklist',
    title: 'A checklist and its items',
    source: `<Checklist id="example-bank-documents" title="What the bank asks for">
<Check>Your passport or residence permit</Check>
<Check>Proof of address from the last three months</Check>
<Check>Your employment contract or last payslip</Check>
</Checklist>`,
  },
];
