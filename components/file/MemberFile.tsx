// The member's Carte Vitale file, as they see it (and print it). A server component: it renders
// what lib/file/service returned for this viewer, nothing more.
import Link from 'next/link';
import type { ReactNode } from 'react';
import { StepForms } from './StepForms';
import type { FileStep } from '@/lib/file/expected';
import { saveChecklistAction, setRemindersAction } from '@/lib/file/actions';
import type { FileView } from '@/lib/file/service';
import type { FileEvent } from '@/lib/file/store';
import { formatDay, formatUtcTimestamp } from '@/lib/platform/format';

const h2 = 'font-serif text-2xl font-bold text-slate-900 dark:text-slate-50';
const link = 'text-brand-700 underline dark:text-brand-100';

/** "in our members' experience" for the club's own observations, never passed off as official. */
function delayText(expected: { delayKind: 'official' | 'experience'; label: string }) {
  return expected.delayKind === 'experience'
    ? `in our members’ experience, ${expected.label}`
    : `official delay: ${expected.label}`;
}

function StateLine({ step }: { step: FileStep }) {
  if (step.state === 'done') {
    const by =
      step.doneBy === 'staff'
        ? ` — marked by ${step.doneByName ?? 'Sojoourn staff'} (Sojoourn staff)`
        : '';
    return (
      <p className="font-medium text-emerald-800 dark:text-emerald-300">
        {step.doneOn
          ? `Done on ${formatDay(step.doneOn)}${by}`
          : 'Done (from your answers: you already have your temporary number)'}
      </p>
    );
  }
  if (step.state === 'skipped') {
    return (
      <p className="text-slate-600 dark:text-slate-400">
        {step.skipped === 'route'
          ? `Not on this route (from the route you saved before${step.doneOn ? `; done on ${formatDay(step.doneOn)}` : ''})`
          : 'Not on this route: your answers leave it out'}
      </p>
    );
  }
  const expected = step.expectation;
  if (expected?.kind === 'dated') {
    return (
      <p
        className={
          expected.overdue
            ? 'font-semibold text-red-800 dark:text-red-300'
            : 'text-slate-800 dark:text-slate-200'
        }
      >
        {expected.overdue
          ? `Overdue: expected by ${formatDay(expected.date)}, ${expected.daysLate} day${expected.daysLate === 1 ? '' : 's'} ago`
          : `To do — expect it by ${formatDay(expected.date)}`}{' '}
        ({delayText(expected)}, counted from “{expected.from.title}” on{' '}
        {formatDay(expected.from.doneOn)})
      </p>
    );
  }
  if (expected?.kind === 'waiting') {
    return (
      <p className="text-slate-800 dark:text-slate-200">
        To do — {delayText(expected)}. Enter the date of an earlier step to see when to expect it.
      </p>
    );
  }
  return <p className="text-slate-800 dark:text-slate-200">To do — {step.when}.</p>;
}

/** What to do now about an overdue step: official contact, the form, an advisor. */
function WhatToDo({
  step,
  formUrl,
  canAsk,
}: {
  step: FileStep;
  formUrl: string | null;
  canAsk: boolean;
}) {
  return (
    <ul className="mt-2 list-disc space-y-1 pl-5">
      <li>
        Call the Assurance Maladie on <strong>36 46</strong> (the service is free; the call costs
        what a normal call costs) with the date you sent your application to hand, and ask where
        your file stands.
      </li>
      {step.id === 'nia' && formUrl ? (
        <li>
          If your CPAM has no trace of your application, send it again: form S1106 (cerfa 15763)
          with your documents, as{' '}
          <a href={formUrl} className={link}>
            ameli’s page on the social security number for people born abroad
          </a>{' '}
          lists them.
        </li>
      ) : null}
      {step.id === 'nir' && formUrl ? (
        <li>
          The permanent number needs a full, readable civil-status document such as your birth
          certificate: check that your CPAM has it (
          <a href={formUrl} className={link}>
            ameli’s page
          </a>
          ).
        </li>
      ) : null}
      {canAsk ? (
        <li>
          <Link href="/assistance?from=file" className={link}>
            Ask an advisor about this step
          </Link>{' '}
          — the request starts with where your file stands.
        </li>
      ) : null}
    </ul>
  );
}

const ACTIONS: Record<
  FileEvent['action'],
  (event: FileEvent, title: (id: string) => string) => string
> = {
  'saved-route': () => 'Saved the route from the planner',
  'marked-done': (e, t) =>
    `Marked “${t(e.stepId ?? '')}” done on ${e.detail ? formatDay(e.detail) : '—'}`,
  unmarked: (e, t) => `Marked “${t(e.stepId ?? '')}” as not done`,
  'note-changed': (e, t) => `Changed the note on “${t(e.stepId ?? '')}”`,
  'checklist-changed': () => 'Updated the document checklist',
  'reminders-on': () => 'Turned reminders on',
  'reminders-off': () => 'Turned reminders off',
};

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section
      id={id}
      aria-labelledby={`${id}-title`}
      className="rounded-2xl border border-slate-200 p-6 dark:border-slate-800 print:border-0 print:p-0"
    >
      <h2 id={`${id}-title`} className={h2}>
        {title}
      </h2>
      {children}
    </section>
  );
}

export function MemberFile({
  file,
  canWrite,
  formUrl,
}: {
  file: FileView;
  canWrite: boolean;
  /** ameli's page naming form S1106 (the planner's AM-NIA source). */
  formUrl: string | null;
}) {
  const titleOf = (id: string) => file.steps.find((s) => s.id === id)?.title ?? id;
  const next = file.steps.find((step) => step.next);
  const hasDates = file.steps.some((s) => s.state === 'todo' && s.expectation?.kind === 'dated');
  return (
    <div className="mt-8 space-y-8 print:mt-4 print:space-y-4">
      <Section id="summary" title={file.routeTitle ?? 'Your route'}>
        <dl className="mt-3 grid gap-3 sm:grid-cols-2">
          <div>
            <dt className="font-semibold">Next step</dt>
            <dd data-testid="next-step">
              {next
                ? next.title
                : file.currentStep === 'complete'
                  ? 'Every step is done'
                  : 'No steps on this route'}
            </dd>
          </div>
          {next?.expectation?.kind === 'dated' ? (
            <div>
              <dt className="font-semibold">When to expect it</dt>
              <dd>
                {formatDay(next.expectation.date)} ({delayText(next.expectation)})
              </dd>
            </div>
          ) : null}
          <div>
            <dt className="font-semibold">File started</dt>
            <dd>{formatUtcTimestamp(file.createdAt)}</dd>
          </div>
          <div>
            <dt className="font-semibold">Route last saved</dt>
            <dd>{formatUtcTimestamp(file.updatedAt)}</dd>
          </div>
        </dl>
        <p className="mt-4 print:hidden">
          <Link href="/guides/carte-vitale/planner" className={link}>
            Answer the planner again
          </Link>{' '}
          if your situation changed: your dates stay with the steps still on your route.
          {hasDates ? (
            <>
              {' '}
              <a href="/account/file/calendar.ics" download className={link}>
                Add the expected dates to your calendar (.ics)
              </a>
              .
            </>
          ) : null}
        </p>
      </Section>

      {file.overdue.length ? (
        <section
          id="overdue"
          aria-labelledby="overdue-title"
          className="rounded-2xl border-2 border-red-300 bg-red-50/60 p-6 dark:border-red-800 dark:bg-red-950/30 print:border print:bg-transparent"
        >
          <h2 id="overdue-title" className={h2}>
            {file.overdue.length === 1 ? 'A step is late' : `${file.overdue.length} steps are late`}
          </h2>
          {file.overdue.map((step) =>
            step.expectation?.kind === 'dated' ? (
              <div key={step.id} className="mt-4">
                <p className="font-semibold">
                  {step.title}: expected by {formatDay(step.expectation.date)} (
                  {delayText(step.expectation)}), now {step.expectation.daysLate} day
                  {step.expectation.daysLate === 1 ? '' : 's'} late.
                </p>
                <p className="mt-1">What to do now:</p>
                <WhatToDo step={step} formUrl={formUrl} canAsk={canWrite} />
              </div>
            ) : null,
          )}
        </section>
      ) : null}

      <Section id="steps" title="Your steps">
        <ol className="mt-4 space-y-6 print:space-y-2">
          {file.steps.map((step) => (
            <li
              key={step.id}
              id={`step-${step.id}`}
              data-step={step.id}
              data-state={step.state}
              className="border-l-4 border-slate-200 pl-4 dark:border-slate-700 print:break-inside-avoid"
            >
              <h3 className="font-serif text-xl font-bold">{step.title}</h3>
              <StateLine step={step} />
              <p className="mt-1 text-slate-700 dark:text-slate-300 print:hidden">{step.text}</p>
              {step.note ? (
                <p className="mt-1 text-slate-700 dark:text-slate-300">
                  <span className="font-semibold">Your note:</span> {step.note}
                </p>
              ) : null}
              {/* A step done by the answers (they had their number) can still be dated: that date
                  starts the clock of the next step. */}
              {canWrite && step.skipped === null ? (
                <StepForms
                  stepId={step.id}
                  title={step.title}
                  done={step.state === 'done' && !step.doneByAnswers}
                  doneOn={step.doneOn}
                  note={step.note}
                  today={file.today}
                />
              ) : null}
            </li>
          ))}
        </ol>
      </Section>

      {file.documents.length ? (
        <Section id="documents" title="Your documents">
          {canWrite ? (
            <form action={saveChecklistAction} className="mt-3">
              <fieldset>
                <legend className="text-slate-700 dark:text-slate-300">
                  Tick what you have ready. The list is kept with your file.
                </legend>
                <ul className="mt-3 space-y-2">
                  {file.documents.map((document) => (
                    <li key={document.id} className="flex items-start gap-2">
                      <input
                        type="checkbox"
                        id={`document-${document.id}`}
                        name="document"
                        value={document.id}
                        defaultChecked={document.checked}
                        className="mt-1 h-4 w-4 shrink-0 accent-brand-700"
                      />
                      <label htmlFor={`document-${document.id}`}>{document.text}</label>
                    </li>
                  ))}
                </ul>
              </fieldset>
              <button type="submit" className="btn-secondary mt-3 print:hidden">
                Save the checklist
              </button>
            </form>
          ) : (
            <ul className="mt-3 space-y-1">
              {file.documents.map((document) => (
                <li key={document.id}>
                  {document.checked ? '☑' : '☐'} {document.text}
                </li>
              ))}
            </ul>
          )}
        </Section>
      ) : null}

      <div className="print:hidden">
        <Section id="reminders" title="Reminders by e-mail">
          <p className="mt-2 text-slate-700 dark:text-slate-300">
            When a step is late we e-mail you, then at most every 14 days while it stays late, 3
            times in all per step. {file.reminders ? 'Reminders are on.' : 'Reminders are off.'}
          </p>
          {canWrite ? (
            <form action={setRemindersAction} className="mt-3">
              <input type="hidden" name="reminders" value={file.reminders ? 'off' : 'on'} />
              <button type="submit" className="btn-secondary">
                {file.reminders ? 'Turn reminders off' : 'Turn reminders on'}
              </button>
            </form>
          ) : null}
        </Section>
      </div>

      <Section id="history" title="History">
        <ol className="mt-3 space-y-1 text-slate-700 dark:text-slate-300">
          {file.history.map((event) => (
            <li key={event.id}>
              <span className="text-sm text-slate-600 dark:text-slate-400">
                {formatUtcTimestamp(event.createdAt)}
              </span>{' '}
              —{' '}
              {event.actorKind === 'staff'
                ? `${event.actorName ?? 'Sojoourn staff'} (Sojoourn staff)`
                : 'You'}
              : {ACTIONS[event.action]?.(event, titleOf) ?? event.action}
            </li>
          ))}
        </ol>
      </Section>
    </div>
  );
}
