'use client';

import { signIn } from 'next-auth/react';
import { useEffect, useState } from 'react';
import { Alert } from '@/components/forms/Alert';

/**
 * Changing the sign-in address or deleting the account needs a recent sign-in
 * (lib/auth/recent-sign-in.ts). This offers a sign-in link to the current address that brings the
 * person back to `returnTo`; what they typed in `field` waits in this browser meanwhile (the link
 * is often opened in another tab) and is put back by useRestoredField.
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
    <Alert tone="info">
      <p data-testid="recent-sign-in-needed">
        For your safety, this needs a sign-in from the last 10 minutes, and yours is older. Confirm
        it is you with a sign-in link sent to <strong>{email}</strong>: it brings you back here.
      </p>
      {status === 'sent' ? (
        <p role="status" className="mt-2 font-semibold">
          We sent a sign-in link to {email}. Open it, then finish here.
        </p>
      ) : (
        <button
          type="button"
          className="btn-secondary mt-3"
          onClick={sendLink}
          disabled={status === 'sending'}
        >
          {status === 'sending' ? 'Sending…' : 'Send me a sign-in link to confirm'}
        </button>
      )}
      {status === 'failed' ? (
        <p role="alert" className="mt-2">
          We could not send the link just now. Please try again in a moment.
        </p>
      ) : null}
    </Alert>
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
