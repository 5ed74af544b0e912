// "Save this route to my file", under the planner's answer. Rendered inside the planner's client
// form, so it takes only public data; what each viewer gets is decided on the server
// (lib/file/service plannerFileStatus) and the save action checks again.
import Link from 'next/link';
import { saveFileFromPlanner } from '@/lib/file/actions';
import type { PlannerFileStatus } from '@/lib/file/schema';
import { plannerSearch, type Answers } from '@/lib/planner/rules';
import type { PlannerFile } from '@/lib/planner/schema';

const PLANNER_PATH = '/guides/carte-vitale/planner';
const h3 = 'font-serif text-xl font-bold text-slate-900 dark:text-slate-50';

/** What the file does, for everyone who does not have one yet. */
function WhatTheFileDoes() {
  return (
    <p className="mt-2 text-slate-700 dark:text-slate-300">
      Your Carte Vitale file keeps this route with you: tick off each step with its date, see when
      to expect the next one (your temporary number, your permanent number, your card), get an
      e-mail when a step is late, keep your document checklist and private notes, and ask an advisor
      about your file in one click.
    </p>
  );
}

export function SaveToFile({
  status,
  file,
  answers,
}: {
  status: PlannerFileStatus;
  file: PlannerFile;
  answers: Answers;
}) {
  const back = `${PLANNER_PATH}${plannerSearch(file, answers)}#save-to-file`;
  return (
    <section
      id="save-to-file"
      aria-labelledby="save-to-file-title"
      className="mt-8 rounded-xl bg-brand-50 p-5 dark:bg-slate-900 print:hidden"
    >
      <h3 id="save-to-file-title" className={h3}>
        {status === 'update' ? 'Update your Carte Vitale file' : 'Follow this route in your file'}
      </h3>
      {status === 'save' || status === 'update' ? (
        <form action={saveFileFromPlanner} className="mt-3">
          {file.questions.map((question) => (
            <input
              key={question.id}
              type="hidden"
              name={question.id}
              value={answers[question.id] ?? ''}
            />
          ))}
          <p className="text-slate-700 dark:text-slate-300">
            {status === 'update'
              ? 'Your file follows this route from now on. The dates you entered stay with the steps that are still on it.'
              : 'Save this route to your file, then tick off each step as it happens.'}
          </p>
          <button type="submit" className="btn-primary mt-3">
            {status === 'update' ? 'Update my file with this route' : 'Save to my file'}
          </button>
        </form>
      ) : (
        <>
          <WhatTheFileDoes />
          {status === 'reader' ? (
            <div className="mt-3">
              <p className="text-slate-700 dark:text-slate-300">
                The file is for Sojoourn Club members. Sign in first: you come back to these
                answers.
              </p>
              <Link
                href={`/signin?callbackUrl=${encodeURIComponent(back)}`}
                className="btn-primary mt-3"
              >
                Sign in to save this route
              </Link>
            </div>
          ) : status === 'rejoin' ? (
            <div className="mt-3">
              <p className="text-slate-700 dark:text-slate-300">
                Your file is read-only since your membership ended. Rejoin the club to update it.
              </p>
              <div className="mt-3 flex flex-wrap gap-3">
                <Link
                  href={`/club/join?returnTo=${encodeURIComponent(back)}`}
                  className="btn-primary"
                >
                  Rejoin the club
                </Link>
                <Link href="/account/file" className="btn-secondary">
                  See my file
                </Link>
              </div>
            </div>
          ) : (
            <div className="mt-3">
              <p className="text-slate-700 dark:text-slate-300">
                The file is a benefit of the Sojoourn Club. Join, and your answers are waiting here.
              </p>
              <Link
                href={`/club/join?returnTo=${encodeURIComponent(back)}`}
                className="btn-primary mt-3"
              >
                Join the club to keep a file
              </Link>
            </div>
          )}
        </>
      )}
    </section>
  );
}
