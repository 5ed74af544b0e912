// A member's Carte Vitale file as staff see it beside their assistance request: the route, each
// step with its state, dates and private note, the file's history, and a form to mark a step.
import { MarkStepForm, type TypedMark } from './MarkStepForm';
import type { DeskFile } from './desk-file';
import type { FileStep } from '@/lib/file/expected';
import type { InboxFilters } from '@/lib/inbox/schema';
import { formatDateTime, formatDay } from '@/lib/platform/format';

function stepState(step: FileStep): string {
  if (step.state === 'done') {
    if (!step.doneOn) return 'Done (from the planner’s answers)';
    const by = step.doneBy === 'staff' ? ` by ${step.doneByName ?? 'staff'}` : ' by the member';
    return `Done on ${formatDay(step.doneOn)}${by}`;
  }
  if (step.state === 'skipped') {
    return step.skipped === 'route' ? 'Not on the current route' : 'Not on this route';
  }
  const expected = step.expectation;
  if (expected?.kind === 'dated') {
    return expected.overdue
      ? `Overdue: expected by ${formatDay(expected.date)} (${expected.daysLate} ${expected.daysLate === 1 ? 'day' : 'days'} late)`
      : `To do: expected by ${formatDay(expected.date)}`;
  }
  return 'To do';
}

export function MemberFilePanel({
  file,
  requestId,
  filters,
  today,
  typed,
  error,
}: {
  file: DeskFile | null;
  requestId: string;
  filters: InboxFilters;
  today: string;
  typed?: TypedMark | null;
  error?: string | null;
}) {
  const titleId = `request-${requestId}-file`;
  if (!file) {
    return (
      <aside aria-labelledby={titleId} className="text-sm" data-testid="member-file">
        <h3 id={titleId} className="font-semibold">
          Carte Vitale file
        </h3>
        <p className="mt-2 text-slate-600 dark:text-slate-400">
          This member has not started a file.
        </p>
      </aside>
    );
  }
  const markable = file.steps
    .filter((step) => step.state === 'todo')
    .map((step) => ({ id: step.id, title: step.title }));
  return (
    <aside
      aria-labelledby={titleId}
      className="rounded-xl bg-slate-50 p-4 text-sm dark:bg-slate-900"
      data-testid="member-file"
    >
      <h3 id={titleId} className="font-semibold">
        Carte Vitale file: {file.routeTitle}
      </h3>
      <ol className="mt-2 space-y-2">
        {file.steps.map((step) => (
          <li key={step.id} data-testid="member-file-step">
            <span className="font-medium">{step.title}</span>
            {' — '}
            <span data-testid="member-file-step-state">{stepState(step)}</span>
            {step.note ? (
              <p className="mt-1 whitespace-pre-wrap break-words text-slate-700 dark:text-slate-300">
                <span className="text-slate-600 dark:text-slate-400">Member’s note: </span>
                {step.note}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
      <MarkStepForm
        userId={file.userId}
        at={requestId}
        steps={markable}
        filters={filters}
        today={today}
        typed={typed}
        error={error}
      />
      {file.history.length ? (
        <details className="mt-3">
          <summary className="cursor-pointer font-semibold">File history</summary>
          <ol className="mt-2 space-y-1">
            {file.history.map((event) => (
              <li key={event.id} data-testid="member-file-event">
                <time dateTime={event.createdAt}>
                  {formatDateTime(event.createdAt, 'Europe/Paris')}
                </time>
                {' — '}
                {event.text}
              </li>
            ))}
          </ol>
        </details>
      ) : (
        <p className="mt-3 text-slate-600 dark:text-slate-400">No history yet.</p>
      )}
    </aside>
  );
}
