// The member's Carte Vitale file on their club home (lib/file, checked there by lib/access): the
// next step and when to expect it, with a link to the file (/account/file); without a file, an
// invitation to start one from the planner. Rendered per request for the member alone.
import Link from 'next/link';
import type { SignedInViewer } from '@/lib/access';
import type { FileStep } from '@/lib/file/expected';
import { ownFile } from '@/lib/file/service';
import { formatDay } from '@/lib/platform/format';

/** When the next step is expected, as the file says it ("in our members' experience" included). */
function expectedText(step: FileStep): string | null {
  const expected = step.expectation;
  if (!expected || expected.kind === 'none') return null;
  const delay = `${expected.label}${expected.delayKind === 'experience' ? " (in our members' experience)" : ''}`;
  if (expected.kind === 'waiting') return `When to expect it: ${delay}.`;
  if (!expected.overdue) return `Expected by ${formatDay(expected.date)}: ${delay}.`;
  const late = `${expected.daysLate} day${expected.daysLate === 1 ? '' : 's'}`;
  return `Overdue: expected by ${formatDay(expected.date)}, ${late} ago (${delay}). Your file says what to do now.`;
}

export async function MemberHomeFile({ viewer }: { viewer: SignedInViewer }) {
  const own = await ownFile(viewer);
  const file = own.kind === 'file' ? own.file : null;
  const next = file?.steps.find((step) => step.next) ?? null;
  const nextExpected = next ? expectedText(next) : null;
  return (
    <section
      id="my-file"
      aria-labelledby="my-file-title"
      className="rounded-2xl border border-slate-200 p-6 dark:border-slate-800"
      data-testid="member-home-file"
    >
      <h2 id="my-file-title" className="font-serif text-2xl font-bold">
        Your Carte Vitale file
      </h2>
      {!file ? (
        <>
          <p className="mt-2 text-slate-700 dark:text-slate-300">
            Answer a few questions and we show your route to the Carte Vitale, step by step: what to
            send, where, and when to expect each answer. Save it as your file to follow it here.
          </p>
          <Link href="/guides/carte-vitale/planner" className="btn-primary mt-4">
            Start your Carte Vitale file
          </Link>
        </>
      ) : (
        <>
          {file.routeTitle ? (
            <p className="mt-2 text-slate-700 dark:text-slate-300">{file.routeTitle}</p>
          ) : null}
          {next ? (
            <div className="mt-4" data-testid="file-next-step">
              <p>
                <span className="font-semibold">Next step: </span>
                {next.title}
              </p>
              {nextExpected ? (
                <p
                  className={
                    next.expectation?.kind === 'dated' && next.expectation.overdue
                      ? 'mt-1 font-semibold text-red-800 dark:text-red-300'
                      : 'mt-1 text-slate-700 dark:text-slate-300'
                  }
                >
                  {nextExpected}
                </p>
              ) : null}
            </div>
          ) : (
            <p className="mt-4" data-testid="file-next-step">
              {file.currentStep === 'complete'
                ? 'Every step of your route is done.'
                : 'Your route has no step to follow.'}
            </p>
          )}
          <Link href="/account/file" className="btn-primary mt-4">
            Open your file
          </Link>
        </>
      )}
    </section>
  );
}
