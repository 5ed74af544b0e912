'use client';

import { useActionState } from 'react';
import { ErrorSummary } from '@/components/forms/ErrorSummary';
import { FieldError, describedBy } from '@/components/forms/FieldError';
import { deleteAccountAction } from '@/lib/account/actions';
import { DELETE_CONFIRMATION, initialDeleteAccountState } from '@/lib/account/schema';
import { RecentSignInPrompt, useRestoredField } from './RecentSignInPrompt';

const STASH_KEY = 'sojoourn:account:delete-confirmation';

/**
 * Deleting the account: the person types DELETE; the page around it says what happens. Needs a
 * recent sign-in (`recentSignIn` at render; the action checks again).
 */
export function DeleteAccountForm({
  currentEmail,
  recentSignIn,
}: {
  currentEmail: string;
  recentSignIn: boolean;
}) {
  const [state, formAction, pending] = useActionState(
    deleteAccountAction,
    initialDeleteAccountState,
  );
  const { values, fieldErrors } = state;
  useRestoredField('delete-confirmation', STASH_KEY);
  const askSignIn = state.needsRecentSignIn || !recentSignIn;
  // The prompt holds its own form (the code from the e-mail), so it sits beside this one.
  return (
    <>
      {askSignIn ? (
        <RecentSignInPrompt
          email={currentEmail}
          returnTo="/account#delete-account"
          field="delete-confirmation"
          stashKey={STASH_KEY}
        />
      ) : null}
      <form action={formAction} noValidate className="mt-4 space-y-4">
        {(state.status === 'invalid' || state.status === 'refused') && !state.needsRecentSignIn ? (
          <ErrorSummary
            id="delete-account-summary"
            formError={state.formError}
            fieldErrors={fieldErrors}
            labels={{ confirmation: `Type ${DELETE_CONFIRMATION} to confirm` }}
            anchorOf={() => 'delete-confirmation'}
            result={state}
          />
        ) : null}
        <div>
          <label htmlFor="delete-confirmation" className="field-label">
            Type {DELETE_CONFIRMATION} to confirm
          </label>
          <input
            key={values.confirmation}
            id="delete-confirmation"
            name="confirmation"
            type="text"
            autoComplete="off"
            required
            maxLength={50}
            defaultValue={values.confirmation}
            aria-invalid={fieldErrors.confirmation ? true : undefined}
            aria-describedby={describedBy(fieldErrors, 'confirmation')}
            className="field-input"
          />
          <FieldError field="confirmation" message={fieldErrors.confirmation} />
        </div>
        <button
          type="submit"
          className="rounded-lg bg-red-700 px-4 py-2 font-semibold text-white hover:bg-red-800 disabled:opacity-60"
          disabled={pending}
        >
          {pending ? 'Deleting…' : 'Delete my account'}
        </button>
      </form>
    </>
  );
}
