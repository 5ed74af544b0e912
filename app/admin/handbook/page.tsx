import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { HANDBOOK_PATH, LiveExample } from '@/components/admin/HandbookExample';
import { READER, isStaff } from '@/lib/access';
import { getViewer } from '@/lib/auth/viewer';
import { CONTENT_CHECK_RULES } from '@/lib/content/check-rules';
import { MDX_COMPONENTS, type MdxComponentSpec } from '@/lib/content/components';
import { HANDBOOK_EXAMPLES } from '@/lib/content/handbook-examples';

export const metadata: Metadata = { title: 'Publishing handbook', robots: { index: false } };

/** A rule's text: Markdown with `code` in backticks, as docs/staff.md shows it. */
function WithCode({ text }: { text: string }) {
  return text
    .split('`')
    .map((part, index) =>
      index % 2 ? <code key={index}>{part}</code> : <span key={index}>{part}</span>,
    );
}

function PropsTable({ spec }: { spec: MdxComponentSpec }) {
  if (!spec.props.length) {
    return (
      <p className="mt-2 text-slate-700 dark:text-slate-300">&lt;{spec.name}&gt; takes no props.</p>
    );
  }
  return (
    <table className="mt-3 w-full border-collapse text-left text-sm">
      <caption className="sr-only">Props of &lt;{spec.name}&gt;</caption>
      <thead>
        <tr className="border-b border-slate-300 dark:border-slate-600">
          <th scope="col" className="py-1 pr-3">
            Prop
          </th>
          <th scope="col" className="py-1 pr-3">
            Needed
          </th>
          <th scope="col" className="py-1 pr-3">
            Allowed values
          </th>
          <th scope="col" className="py-1">
            What it is for
          </th>
        </tr>
      </thead>
      <tbody>
        {spec.props.map((prop) => (
          <tr key={prop.name} className="border-b border-slate-200 align-top dark:border-slate-700">
            <th scope="row" className="py-1 pr-3 font-mono font-normal">
              {prop.name}
            </th>
            <td className="py-1 pr-3">{prop.required ? 'yes' : 'no'}</td>
            <td className="py-1 pr-3">
              {prop.values
                ? prop.values.join(', ')
                : prop.pattern
                  ? prop.pattern.says
                  : `text${prop.maxLength ? `, up to ${prop.maxLength} characters` : ''}`}
            </td>
            <td className="py-1">{prop.about}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The publishing handbook for staff: every component guides may use, with its props (from the
 * registry content:check reads) and examples rendered live (the ones docs/staff.md shows), and the
 * rules content:check applies.
 */
export default async function HandbookPage() {
  const viewer = await getViewer();
  if (viewer.kind === 'reader')
    redirect(`/signin?callbackUrl=${encodeURIComponent(HANDBOOK_PATH)}`);
  if (!isStaff(viewer)) notFound();
  // Items (<Step>, <Check>) are shown with the component that holds them.
  const sections = (MDX_COMPONENTS as readonly MdxComponentSpec[]).filter((spec) => !spec.inside);
  return (
    <div className="mx-auto max-w-4xl px-4 py-12">
      <p className="text-sm">
        <Link href="/admin" className="text-brand-700 underline dark:text-brand-100">
          Staff inbox
        </Link>
      </p>
      <h1 className="mt-2 font-serif text-4xl font-bold">Publishing handbook</h1>
      <p className="mt-3 text-slate-700 dark:text-slate-300">
        Every component a guide, event or offer may use, with what you write in the .mdx file and
        how it looks on the site. The full publishing guide is <code>docs/staff.md</code> in the
        repository; before committing, run <code>npm run content:check</code>.
      </p>
      <nav aria-label="On this page" className="mt-6">
        <ul className="flex flex-wrap gap-x-4 gap-y-1">
          {sections.map((spec) => (
            <li key={spec.name}>
              <a
                href={`#${spec.name.toLowerCase()}`}
                className="text-brand-700 underline dark:text-brand-100"
              >
                &lt;{spec.name}&gt;
              </a>
            </li>
          ))}
          <li>
            <a href="#checks" className="text-brand-700 underline dark:text-brand-100">
              What content:check refuses
            </a>
          </li>
        </ul>
      </nav>

      {sections.map((spec) => {
        const items = (MDX_COMPONENTS as readonly MdxComponentSpec[]).filter(
          (item) => item.inside === spec.name,
        );
        const examples = HANDBOOK_EXAMPLES.filter((example) => example.component === spec.name);
        const headingId = spec.name.toLowerCase();
        return (
          <section
            key={spec.name}
            aria-labelledby={headingId}
            className="mt-12"
            data-testid="handbook-component"
          >
            <h2 id={headingId} className="font-serif text-2xl font-bold">
              &lt;{spec.name}&gt;
            </h2>
            <p className="mt-1 text-slate-700 dark:text-slate-300">{spec.about}</p>
            <PropsTable spec={spec} />
            {items.map((item) => (
              <div key={item.name} className="mt-4">
                <h3 className="font-semibold">Its items: &lt;{item.name}&gt;</h3>
                <p className="text-slate-700 dark:text-slate-300">{item.about}</p>
                <PropsTable spec={item} />
              </div>
            ))}
            {examples.map((example) => (
              <div key={example.id} className="mt-6" data-testid={`handbook-example-${example.id}`}>
                <h3 className="font-semibold">{example.title}</h3>
                <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">What you write:</p>
                <pre className="mt-1 whitespace-pre-wrap break-words rounded-lg bg-slate-100 p-3 text-sm text-slate-900 dark:bg-slate-800 dark:text-slate-100">
                  <code>{example.source}</code>
                </pre>
                {example.component === 'MembersOnly' ? (
                  <>
                    <h4 className="mt-4 font-semibold">As a member sees it</h4>
                    <div data-testid="handbook-as-member">
                      <LiveExample source={example.source} viewer={viewer} idSuffix="as-member" />
                    </div>
                    <h4 className="mt-4 font-semibold">As a reader sees it (not signed in)</h4>
                    <div data-testid="handbook-as-reader">
                      <LiveExample source={example.source} viewer={READER} idSuffix="as-reader" />
                    </div>
                  </>
                ) : (
                  <>
                    <p className="mt-3 text-sm text-slate-700 dark:text-slate-300">How it looks:</p>
                    <LiveExample source={example.source} viewer={viewer} idSuffix={example.id} />
                  </>
                )}
              </div>
            ))}
          </section>
        );
      })}

      <section aria-labelledby="checks" className="mt-12" data-testid="handbook-rules">
        <h2 id="checks" className="font-serif text-2xl font-bold">
          What content:check refuses
        </h2>
        <p className="mt-1 text-slate-700 dark:text-slate-300">
          <code>npm run content:check</code> (and the build) applies these rules to every file under{' '}
          <code>content/</code>. Each problem names the file and the field or line, and says what to
          do.
        </p>
        <table className="mt-3 w-full border-collapse text-left text-sm">
          <caption className="sr-only">The rules of content:check</caption>
          <thead>
            <tr className="border-b border-slate-300 dark:border-slate-600">
              <th scope="col" className="py-1 pr-3">
                Rule
              </th>
              <th scope="col" className="py-1">
                What to do about a problem
              </th>
            </tr>
          </thead>
          <tbody>
            {CONTENT_CHECK_RULES.map((rule) => (
              <tr
                key={rule.id}
                className="border-b border-slate-200 align-top dark:border-slate-700"
                data-testid="handbook-rule"
              >
                <td className="py-1 pr-3">
                  <WithCode text={rule.rule} />
                </td>
                <td className="py-1">
                  <WithCode text={rule.fix} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
