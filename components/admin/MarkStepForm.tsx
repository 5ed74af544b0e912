// Staff mark a step of a member's file done, e.g. after a call: a plain POST form (a date input),
// so it works without JavaScript. A refused date comes back here with what staff typed and why.
import { KeptFilters } from './KeptFilters';
import { markStepFromDesk } from '@/app/admin/file-actions';
import { STAFF_NAME_MAX } from '@/lib/inbox/file-mark';
import type { InboxFilters } from '@/lib/inbox/schema';

/** What staff typed in a form whose date was refused. */
export interface TypedMark {
  stepId: string;
  doneOn: string;
  staffName: string;
}

export interface MarkableStep {
  id: string;
  title: string;
}

export function MarkStepForm({
  userId,
  at,
  steps,
  filters,
  today,
  typed,
  error,
}: {
  userId: string;
  /** 'overdue' (the overdue list) or the assistance request's id the file sits beside. */
  at: string;
  /** The steps staff may mark: one (fixed, as in the overdue list) or a choice. */
  steps: MarkableStep[];
  filters: InboxFilters;
  /** Today in France: the date input offers nothing later. */
  today: string;
  /** What staff typed when the date was refused: shown again, with `error`. */
  typed?: TypedMark | null;
  error?: string | null;
}) {
  const only = steps.length === 1 ? steps[0] : undefined;
  if (!steps.length) return null;
  const base = `mark-${at}-${userId}`;
  const errorId = `${base}-error`;
  return (
    <form action={markStepFromDesk} className="mt-3 flex flex-wrap items-end gap-3" noValidate>
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="at" value={at} />
      <KeptFilters filters={filters} />
      {only ? (
        <input type="hidden" name="stepId" value={only.id} />
      ) : (
        <div>
          <label htmlFor={`${base}-step`} className="field-label">
            Step
          </label>
          <select
            id={`${base}-step`}
            name="stepId"
            defaultValue={typed?.stepId ?? steps[0]?.id}
            className="field-input"
          >
            {steps.map((step) => (
              <option key={step.id} value={step.id}>
                {step.title}
              </option>
            ))}
          </select>
        </div>
      )}
      <div>
        <label htmlFor={`${base}-date`} className="field-label">
          {only ? `${only.title}: done on` : 'Done on'}
        </label>
        <input
          id={`${base}-date`}
          name="doneOn"
          type="date"
          min="2000-01-01"
          max={today}
          required
          defaultValue={typed?.doneOn ?? ''}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          className="field-input"
        />
      </div>
      <div>
        <label htmlFor={`${base}-name`} className="field-label">
          Your name, as the member sees it
        </label>
        <input
          id={`${base}-name`}
          name="staffName"
          type="text"
          maxLength={STAFF_NAME_MAX}
          autoComplete="name"
          defaultValue={typed?.staffName ?? ''}
          placeholder="Sojoourn staff"
          className="field-input"
        />
      </div>
      <button type="submit" className="btn-secondary">
        Mark done
      </button>
      {error ? (
        <p id={errorId} className="field-error basis-full" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
