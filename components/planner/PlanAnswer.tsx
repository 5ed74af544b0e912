// The planner's answer for one set of answers. Plain rendering of lib/planner's Plan; used inside
// the client form, and printable on its own.
import Link from 'next/link';
import type { Answers, Plan } from '@/lib/planner/rules';
import type { PlannerFile } from '@/lib/planner/schema';
import { Check, Checklist } from '../mdx/Checklist';
import { Step, Timeline } from '../mdx/Timeline';
import { OfficialLinksList } from '@/components/OfficialLinksList';
import { SaveToFile } from '@/components/file/SaveToFile';
import type { PlannerFileStatus } from '@/lib/file/schema';

const h3 = 'font-serif text-xl font-bold text-slate-900 dark:text-slate-50';

export function PlanAnswer({
  plan,
  file,
  answers,
  fileStatus,
}: {
  plan: Plan;
  file: PlannerFile;
  answers: Answers;
  /** Offer to save the route to the viewer's file (components/file/SaveToFile). */
  fileStatus?: PlannerFileStatus;
}) {
  return (
    <section
      id="your-route"
      tabIndex={-1}
      aria-labelledby="your-route-title"
      className="mt-10 rounded-2xl border-2 border-brand-700 p-6 dark:border-brand-100"
      data-route={plan.routeId}
    >
      <p className="text-sm font-semibold uppercase tracking-wider text-brand-800 dark:text-brand-100">
        Your route · {plan.verdictLabel}
      </p>
      <h2
        id="your-route-title"
        className="mt-1 font-serif text-3xl font-bold text-slate-900 dark:text-slate-50"
      >
        {plan.title}
      </h2>
      <p className="mt-3 text-lg text-slate-800 dark:text-slate-200">{plan.summary}</p>

      <dl className="mt-6 grid gap-4 md:grid-cols-2">
        <div>
          <dt className="font-semibold text-slate-900 dark:text-slate-50">From when</dt>
          <dd className="mt-1 text-slate-700 dark:text-slate-300">{plan.from}</dd>
        </div>
        <div>
          <dt className="font-semibold text-slate-900 dark:text-slate-50">What to do</dt>
          <dd className="mt-1 text-slate-700 dark:text-slate-300">{plan.apply}</dd>
        </div>
      </dl>

      {plan.notes.length ? (
        <ul className="mt-6 space-y-3">
          {plan.notes.map((note) => (
            <li
              key={note.id}
              className="rounded-xl border-l-4 border-sky-400 bg-sky-50 px-4 py-3 text-slate-900 dark:border-sky-600 dark:bg-sky-950/40 dark:text-slate-100"
            >
              {note.text}
            </li>
          ))}
        </ul>
      ) : null}

      {plan.steps.length ? (
        <Timeline label="Your timeline">
          {plan.steps.map((step) => (
            <Step
              key={step.id}
              title={step.done ? `${step.title} (done)` : step.title}
              when={step.when}
            >
              {step.text}
            </Step>
          ))}
        </Timeline>
      ) : null}

      {plan.documents.length ? (
        <Checklist
          key={plan.documents.map((d) => d.id).join()}
          id={`planner-${plan.routeId}`}
          title="Your documents"
        >
          {plan.documents.map((document) => (
            <Check key={document.id}>{document.text}</Check>
          ))}
        </Checklist>
      ) : null}

      {plan.partner ? (
        <div className="mt-6 rounded-xl bg-slate-50 p-5 dark:bg-slate-900">
          <h3 className={h3}>Private cover for a short stay</h3>
          <p className="mt-2 text-slate-700 dark:text-slate-300">
            Our guide to{' '}
            <Link
              href="/guides/health-cover-short-stays-france"
              className="text-brand-700 underline dark:text-brand-100"
            >
              health cover for short stays
            </Link>{' '}
            says what to check in a policy. For private health insurance, we refer readers to our
            insurance partner,{' '}
            <Link
              href="/partners/partirassur"
              className="text-brand-700 underline dark:text-brand-100"
            >
              PartirAssur
            </Link>
            .
          </p>
        </div>
      ) : null}

      {fileStatus && plan.steps.length ? (
        <SaveToFile status={fileStatus} file={file} answers={answers} />
      ) : null}

      <h3 className={`${h3} mt-8`}>Official pages</h3>
      <OfficialLinksList links={plan.links} />

      <h3 className={`${h3} mt-8`}>Your answers</h3>
      <dl className="mt-3 space-y-1 text-slate-700 dark:text-slate-300">
        {file.questions.map((question) => (
          <div key={question.id}>
            <dt className="inline font-medium">{question.label} </dt>
            <dd className="inline">
              {question.options.find((o) => o.value === answers[question.id])?.label}
            </dd>
          </div>
        ))}
      </dl>
      <p className="mt-6 text-sm text-slate-600 dark:text-slate-400">
        This planner gives general information from official sources, not advice on your own file.
        The full explanation is in our{' '}
        <Link href="/guides/carte-vitale" className="text-brand-700 underline dark:text-brand-100">
          Carte Vitale guide
        </Link>
        .
      </p>
    </section>
  );
}
