'use client';
// The planner's questions and answer. Rendered on the server with the answers from the address
// (a GET form: works without JavaScript, and the answer has a shareable, printable address), then
// answers instantly in the browser with the same pure rules (lib/planner/rules). Everything it is
// given is the public rule file: no members' text.
import { useState, type FormEvent } from 'react';
import { planFor, plannerSearch, type Answers } from '@/lib/planner/rules';
import type { PlannerFileStatus } from '@/lib/file/schema';
import type { PlannerFile } from '@/lib/planner/schema';
import { PlanAnswer } from './PlanAnswer';

export const PLANNER_PATH = '/guides/carte-vitale/planner';

export function PlannerForm({
  file,
  initial,
  fileStatus,
}: {
  file: PlannerFile;
  initial: Partial<Answers>;
  fileStatus?: PlannerFileStatus;
}) {
  const [answers, setAnswers] = useState<Partial<Answers>>(initial);
  const plan = planFor(file, answers);
  const unanswered = file.questions.filter((q) => !answers[q.id]).length;

  const choose = (id: string, value: string) => {
    const next = { ...answers, [id]: value };
    setAnswers(next);
    // The address follows the answers, so it can be shared or bookmarked at any point.
    window.history.replaceState(null, '', `${PLANNER_PATH}${plannerSearch(file, next)}`);
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    // With JavaScript the answer is already on the page: take the reader to it.
    event.preventDefault();
    const target = document.getElementById(plan ? 'your-route' : firstUnanswered());
    target?.focus();
    target?.scrollIntoView({ block: 'start' });
  };
  const firstUnanswered = () => `q-${file.questions.find((q) => !answers[q.id])?.id ?? ''}`;

  return (
    <>
      <form
        method="get"
        action={`${PLANNER_PATH}#your-route`}
        onSubmit={submit}
        className="space-y-6 print:hidden"
        aria-describedby="planner-help"
      >
        <p id="planner-help" className="text-slate-700 dark:text-slate-300">
          Answer the {file.questions.length} questions. Your answers stay in the page address and
          are not stored by us.
        </p>
        {file.questions.map((question, index) => (
          <fieldset
            key={question.id}
            id={`q-${question.id}`}
            tabIndex={-1}
            className="rounded-2xl border border-slate-200 p-5 dark:border-slate-700"
          >
            <legend className="px-2 font-semibold text-slate-900 dark:text-slate-50">
              {index + 1}. {question.label}
            </legend>
            <div className="mt-2 grid gap-2 sm:grid-cols-2">
              {question.options.map((option) => {
                const id = `${question.id}-${option.value}`;
                return (
                  <div key={option.value} className="flex items-start gap-2">
                    <input
                      type="radio"
                      id={id}
                      name={question.id}
                      value={option.value}
                      checked={answers[question.id] === option.value}
                      onChange={() => choose(question.id, option.value)}
                      className="mt-1 h-4 w-4 shrink-0 accent-brand-700"
                    />
                    <label
                      htmlFor={id}
                      className="cursor-pointer text-slate-800 dark:text-slate-200"
                    >
                      {option.label}
                    </label>
                  </div>
                );
              })}
            </div>
          </fieldset>
        ))}
        <div className="flex flex-wrap items-center gap-4">
          <button type="submit" className="btn-primary">
            Show my route
          </button>
          <p role="status" className="text-sm text-slate-700 dark:text-slate-300">
            {plan
              ? `Your route: ${plan.title}.`
              : unanswered === file.questions.length
                ? ''
                : `${unanswered} question${unanswered === 1 ? '' : 's'} left.`}
          </p>
        </div>
      </form>

      {plan ? (
        <PlanAnswer plan={plan} file={file} answers={answers as Answers} fileStatus={fileStatus} />
      ) : Object.keys(initial).length ? (
        <p
          id="your-route"
          tabIndex={-1}
          className="mt-8 rounded-xl bg-amber-50 p-4 text-slate-900 dark:bg-amber-950/40 dark:text-slate-100"
        >
          Answer every question to see your route.
        </p>
      ) : null}
    </>
  );
}
