'use client';

import { useActionState } from 'react';
import { ErrorSummary } from '@/components/forms/ErrorSummary';
import { FieldError, describedBy } from '@/components/forms/FieldError';
import { requestEmailChangeAction } from '@/lib/account/actions';
import { initialEmailChangeState } from '@/lib/account/schema';
import { RecentSignInPrompt, useRestoredField } from './RecentSignInPrompt';

const STASH_KEY = 'sojoourn:account:new-email';

/**
 * Change the sign-in address: a link goes to the new one, nothing changes until it is used. Needs
 * a recent sign-in (`recentSignIn` at render; the action checks again).
 */
export function EmailChangeForm({
  currentEmail,
  recentSignIn,
}: {
  currentEmail: string;
  recentSignIn: boolean;
}) {
  const [state, formAction, pending] = useActionState(
    requestEmailChangeAction,
    initialEmailChangeState,
  );
  const { values, fieldErrors } = state;
  useRestoredField('new-email', STASH_KEY);
  const askSignIn = state.needsRecentSignIn || (!recentSignIn && state.status !== 'sent');
  // The prompt holds its own form (the code from the e-mail), so it sits beside this one.
  return (
    <>
      {askSignIn ? (
        <RecentSignInPrompt
          email={currentEmail}
          returnTo="/account#sign-in-address"
          field="new-email"
          stashKey={STASH_KEY}
        />
      ) : null}
      <form action={formAction} noValidate className="mt-4 space-y-4">
        {(state.status === 'invalid' || state.status === 'refused') && !state.needsRecentSignIn ? (
          <ErrorSummary
            id="email-change-summary"
            formError={state.formError}
            fieldErrors={fieldErrors}
            labels={{ email: 'New e-mail address' }}
            anchorOf={() => 'new-email'}
            result={state}
          />
        ) : null}
        {state.status === 'sent' && state.sentTo ? (
          <p
            role="status"
            className="rounded-lg border border-sky-300 bg-sky-50 p-4 text-sky-950 dark:border-sky-700 dark:bg-sky-950/40 dark:text-sky-50"
          >
            We sent a link to <strong>{state.sentTo}</strong>. Open it and press the button to
            confirm: until then, you keep signing in with your current address.
          </p>
        ) : null}
        <div>
          <label htmlFor="new-email" className="field-label">
            New e-mail address
          </label>
          <input
            key={values.email}
            id="new-email"
            name="email"
            type="email"
            autoComplete="email"
            required
            maxLength={254}
            defaultValue={values.email}
            aria-invalid={fieldErrors.email ? true : undefined}
            aria-describedby={describedBy(fieldErrors, 'email')}
            className="field-input"
          />
          <FieldError field="email" message={fieldErrors.email} />
        </div>
        <button type="submit" className="btn-secondary" disabled={pending}>
          {pending ? 'Sending…' : 'Send a confirmation link'}
        </button>
      </form>
    </>
  );
}
