'use client';

import { signIn } from 'next-auth/react';
import { useEffect, useState } from 'react';
import { SignInCodeForm } from '@/components/auth/SignInCodeForm';
import { Alert } from '@/components/forms/Alert';

/**
 * Changing the sign-in address or deleting the account needs a recent sign-in
 * (lib/auth/recent-sign-in.ts). This sends a sign-in e-mail to the current address: its code,
 * typed right here, or its link, signs this browser in again (next-auth's callback: a fresh
 * session, recently signed in) and brings the person back to `returnTo`. What they typed in
 * `field` waits in this browser meanwhile and is put back by useRestoredField.
 */
export function RecentSignInPrompt({
  email,
  returnTo,
  field,
  stashKey,
}: {
  email: string;
  returnTo: string;
  /** The id of the input whose value waits for the person's return. */
  field: string;
  stashKey: string;
}) {
  const [status, setStatus] = useState<'idle' | 'sending' | 'sent' | 'failed'>('idle');

  async function sendLink() {
    setStatus('sending');
    const typed = (document.getElementById(field) as HTMLInputElement | null)?.value ?? '';
    try {
      if (typed) window.localStorage.setItem(stashKey, typed);
    } catch {
      // Storage may be off (private mode): the person types it again, nothing else is lost.
    }
    try {
      const result = await signIn('email', { email, callbackUrl: returnTo, redirect: false });
      setStatus(!result || result.error ? 'failed' : 'sent');
    } catch {
      setStatus('failed');
    }
  }

  return (
    <div className="mt-4">
      <Alert tone="info">
        <p data-testid="recent-sign-in-needed">
          For your safety, this needs a sign-in from the last 10 minutes, and yours is older.
          Confirm it is you with a code sent to <strong>{email}</strong>: you stay on this page.
        </p>
        {status === 'sent' ? (
          <>
            <p role="status" className="mt-2 font-semibold">
              We sent a sign-in code and link to {email}. Type the code here (or open the link),
              then finish here.
            </p>
            <div className="mt-3">
              <SignInCodeForm />
            </div>
          </>
        ) : (
          <button
            type="button"
            className="btn-secondary mt-3"
            onClick={sendLink}
            disabled={status === 'sending'}
          >
            {status === 'sending' ? 'Sending…' : 'Send me a code to confirm'}
          </button>
        )}
        {status === 'failed' ? (
          <p role="alert" className="mt-2">
            We could not send the code just now. Please try again in a moment.
          </p>
        ) : null}
      </Alert>
    </div>
  );
}

/** Puts back what RecentSignInPrompt kept for this field, once, and forgets it. */
export function useRestoredField(field: string, stashKey: string) {
  useEffect(() => {
    let kept: string | null = null;
    try {
      kept = window.localStorage.getItem(stashKey);
      window.localStorage.removeItem(stashKey);
    } catch {
      return;
    }
    const input = document.getElementById(field) as HTMLInputElement | null;
    if (kept && input && !input.value) input.value = kept.slice(0, 254);
  }, [field, stashKey]);
}
