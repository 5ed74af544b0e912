// The desk's view of members' Carte Vitale files: how many files are at each step, and the members
// whose step is overdue, oldest first, each with a form to mark the step done.
import Link from 'next/link';
import { MarkStepForm, type TypedMark } from './MarkStepForm';
import type { OverduePage, StepCount } from '@/lib/file/service';
import { OVERDUE_PAGE_PARAM } from '@/lib/inbox/file-mark';
import { inboxFilterParams, type InboxFilters } from '@/lib/inbox/schema';
import { formatDay } from '@/lib/platform/format';

/** How many are shown of how many: a page of the list never reads as the whole of it. */
function overdueCountText({ entries, total, page, pageSize }: OverduePage): string {
  if (total === 0) return 'No member has an overdue step.';
  if (!entries.length) return `No more overdue members: ${total} in all.`;
  const first = (page - 1) * pageSize + 1;
  const members = `${total} ${total === 1 ? 'member has' : 'members have'} an overdue step`;
  if (total <= entries.length) return `${members}, longest overdue first.`;
  return `${members}: ${first} to ${first + entries.length - 1} shown, longest overdue first.`;
}

/** Plain links (the address holds the page), so the list pages without JavaScript. */
function OverduePager({ overdue, filters }: { overdue: OverduePage; filters: InboxFilters }) {
  const { page, pageSize, total } = overdue;
  const last = Math.max(1, Math.ceil(total / pageSize));
  if (last === 1 && page === 1) return null;
  const href = (to: number) => {
    const query = new URLSearchParams(inboxFilterParams(filters));
    if (to > 1) query.set(OVERDUE_PAGE_PARAM, String(to));
    const text = query.toString();
    return `/admin${text ? `?${text}` : ''}#overdue-title`;
  };
  return (
    <nav aria-label="More overdue members" className="mt-6 flex flex-wrap gap-4">
      {page > 1 ? (
        <Link href={href(Math.min(page - 1, last))} prefetch={false} className="btn-secondary">
          Longer overdue
        </Link>
      ) : null}
      {page < last ? (
        <Link href={href(page + 1)} prefetch={false} className="btn-secondary">
          More overdue members
        </Link>
      ) : null}
    </nav>
  );
}

export function MemberFiles({
  counts,
  overdue,
  filters,
  today,
  typed,
  error,
}: {
  counts: StepCount[];
  overdue: OverduePage;
  filters: InboxFilters;
  today: string;
  /** A refused mark of the overdue list: whose, what was typed, and why. */
  typed?: (TypedMark & { userId: string }) | null;
  error?: string | null;
}) {
  const files = counts.reduce((sum, row) => sum + row.files, 0);
  return (
    <section aria-labelledby="files-title" className="mt-10">
      <h2 id="files-title" className="font-serif text-2xl font-bold">
        Members’ Carte Vitale files
      </h2>
      <table className="mt-4 w-full text-left text-sm" data-testid="file-step-counts">
        <caption className="text-left font-semibold">
          Files by the step they are at ({files} {files === 1 ? 'file' : 'files'})
        </caption>
        <thead>
          <tr>
            <th scope="col" className="py-1">
              Step
            </th>
            <th scope="col" className="py-1">
              Files
            </th>
          </tr>
        </thead>
        <tbody>
          {counts.map((row) => (
            <tr
              key={row.stepId}
              className="border-t border-slate-200 dark:border-slate-800"
              data-step={row.stepId}
            >
              <th scope="row" className="py-1 font-normal">
                {row.title}
              </th>
              <td className="py-1">{row.files}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h3 id="overdue-title" className="mt-8 text-xl font-semibold">
        Overdue steps
      </h3>
      <p className="mt-2 text-slate-700 dark:text-slate-300" data-testid="overdue-count">
        {overdueCountText(overdue)}
      </p>
      {overdue.entries.length ? (
        <ul className="mt-4 space-y-4" aria-labelledby="overdue-title">
          {overdue.entries.map((row) => (
            <li
              key={row.fileId}
              id={`overdue-${row.userId}`}
              className="rounded-2xl border border-slate-200 p-4 dark:border-slate-800"
              data-testid="overdue-member"
            >
              <p>
                <a
                  href={`mailto:${row.memberEmail}`}
                  className="font-semibold text-brand-700 underline dark:text-brand-100"
                >
                  {row.memberEmail}
                </a>
                {' — '}
                {row.stepTitle}: expected by{' '}
                <time dateTime={row.expectedOn}>{formatDay(row.expectedOn)}</time> ({row.daysLate}{' '}
                {row.daysLate === 1 ? 'day' : 'days'} late)
              </p>
              <MarkStepForm
                userId={row.userId}
                at="overdue"
                steps={[{ id: row.stepId, title: row.stepTitle }]}
                filters={filters}
                today={today}
                typed={typed?.userId === row.userId ? typed : null}
                error={typed?.userId === row.userId ? error : null}
              />
            </li>
          ))}
        </ul>
      ) : null}
      <OverduePager overdue={overdue} filters={filters} />
    </section>
  );
}
