// A guide's "What changed": the dated changes staff described in its frontmatter, newest first.
// A server component given the changes for this viewer (lib/content guideChangesFor): a reader's
// list holds only the neutral line for a members' change, so no members' summary reaches them.
import type { GuideChange } from '@/lib/content/changes';
import { formatDay } from '@/lib/platform/format';

/** The anchor the dates at the top of the guide link to. */
export const WHAT_CHANGED_ID = 'what-changed';

export function WhatChanged({
  changes,
  publishedAt,
}: {
  changes: GuideChange[];
  publishedAt: string;
}) {
  return (
    <section
      id={WHAT_CHANGED_ID}
      aria-labelledby={`${WHAT_CHANGED_ID}-title`}
      className="mt-12 scroll-mt-24"
      data-what-changed=""
      // Search finds a guide by its text, not by the history of its edits.
      data-pagefind-ignore="all"
    >
      <h2 id={`${WHAT_CHANGED_ID}-title`} className="font-serif text-xl font-bold">
        What changed
      </h2>
      {changes.length ? (
        <ol className="mt-4 space-y-3">
          {changes.map((change) => (
            <li key={change.id} className="flex flex-col gap-1 sm:flex-row sm:gap-4">
              <time
                dateTime={change.date}
                className="shrink-0 text-sm font-semibold text-slate-700 sm:w-36 dark:text-slate-300"
              >
                {formatDay(change.date)}
              </time>
              <p className="text-slate-800 dark:text-slate-200">
                {change.members ? (
                  <span className="mr-2 rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900 dark:bg-amber-900/40 dark:text-amber-100">
                    ★ Members
                  </span>
                ) : null}
                {change.summary}
              </p>
            </li>
          ))}
        </ol>
      ) : (
        <p className="mt-4 text-slate-700 dark:text-slate-300">
          No changes listed since it was published on{' '}
          <time dateTime={publishedAt.slice(0, 10)}>{formatDay(publishedAt)}</time>.
        </p>
      )}
    </section>
  );
}
