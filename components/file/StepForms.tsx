'use client';
// A step's forms on the member's file: mark it done on a date (or to do again) and its private
// note. Plain POSTs without JavaScript; a refused one comes back with what was typed and why.
import { useActionState } from 'react';
import { markStepAction, saveNoteAction } from '@/lib/file/actions';
import { EARLIEST_DAY, NOTE_MAX, initialStepState } from '@/lib/file/schema';

const errorId = (stepId: string, field: string) => `${field}-${stepId}-error`;

function FieldMessage({ id, message }: { id: string; message?: string | null }) {
  return message ? (
    <p id={id} className="field-error">
      {message}
    </p>
  ) : null;
}

export function StepForms({
  stepId,
  title,
  done,
  doneOn,
  note,
  today,
}: {
  stepId: string;
  title: string;
  done: boolean;
  doneOn: string | null;
  note: string | null;
  today: string;
}) {
  const [mark, markAction, marking] = useActionState(
    markStepAction,
    initialStepState({ doneOn: doneOn ?? '' }),
  );
  const [saved, noteAction, saving] = useActionState(
    saveNoteAction,
    initialStepState({ note: note ?? '' }),
  );
  const dateError = mark.fieldErrors.doneOn;
  const noteError = saved.fieldErrors.note;
  return (
    <div className="mt-3 grid gap-4 md:grid-cols-2 print:hidden">
      <form action={markAction} className="space-y-2">
        <input type="hidden" name="stepId" value={stepId} />
        <label htmlFor={`done-${stepId}`} className="field-label">
          {done ? `Date “${title}” was done` : `Done? The date “${title}” happened`}
        </label>
        <input
          type="date"
          id={`done-${stepId}`}
          name="doneOn"
          defaultValue={mark.values.doneOn}
          min={EARLIEST_DAY}
          max={today}
          aria-invalid={dateError ? true : undefined}
          aria-describedby={dateError ? errorId(stepId, 'done') : undefined}
          className="field-input"
        />
        <FieldMessage id={errorId(stepId, 'done')} message={dateError} />
        {mark.formError ? (
          <p role="alert" className="field-error">
            {mark.formError}
          </p>
        ) : null}
        <div className="flex flex-wrap gap-2">
          <button
            type="submit"
            name="intent"
            value="done"
            className="btn-primary"
            disabled={marking}
          >
            {done ? 'Change the date' : 'Mark done'}
          </button>
          {done ? (
            <button
              type="submit"
              name="intent"
              value="undo"
              className="btn-secondary"
              disabled={marking}
            >
              Not done after all
            </button>
          ) : null}
        </div>
      </form>
      <form action={noteAction} className="space-y-2">
        <input type="hidden" name="stepId" value={stepId} />
        <label htmlFor={`note-${stepId}`} className="field-label">
          Private note on “{title}”
        </label>
        <textarea
          id={`note-${stepId}`}
          name="note"
          rows={2}
          maxLength={NOTE_MAX}
          defaultValue={saved.values.note}
          aria-invalid={noteError ? true : undefined}
          aria-describedby={noteError ? errorId(stepId, 'note') : `note-${stepId}-hint`}
          className="field-input"
        />
        {noteError ? (
          <FieldMessage id={errorId(stepId, 'note')} message={noteError} />
        ) : (
          <p id={`note-${stepId}-hint`} className="text-sm text-slate-600 dark:text-slate-400">
            A reference number, who you spoke to… Up to {NOTE_MAX} characters, seen only by you and
            Sojoourn staff.
          </p>
        )}
        {saved.formError ? (
          <p role="alert" className="field-error">
            {saved.formError}
          </p>
        ) : null}
        <button type="submit" className="btn-secondary" disabled={saving}>
          Save the note
        </button>
      </form>
    </div>
  );
}
