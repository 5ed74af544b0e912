'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/forms/Alert';
import { FieldError } from '@/components/forms/FieldError';
import { emailAddress, suggestEmailCorrection } from '@/lib/forms/email-address';
import { signInError } from '@/lib/auth/schema';

export function SignInForm({
  callbackUrl,
  initialEmail = '',
  initialError = null,
}: {
  callbackUrl: string;
  initialEmail?: string;
  initialError?: string | null;
}) {
  const router = useRouter();
  const [email, setEmail] = useState(initialEmail);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [formError, setFormError] = useState(signInError(initialError));
  const [pending, setPending] = useState(false);
  const suggestion = suggestEmailCorrection(email);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const parsed = emailAddress.safeParse(email);
    if (!parsed.success) {
      setFieldError(parsed.error.issues[0]?.message ?? 'Check your e-mail address.');
      return;
    }
    setFieldError(null);
    setPending(true);
    try {
      const result = await signIn('email', { email: parsed.data, callbackUrl, redirect: false });
      if (!result || result.error) {
        setFormError(signInError(result?.error ?? 'Default'));
        return;
      }
      router.push(
        `/signin/check-email?${new URLSearchParams({ email: parsed.data, callbackUrl })}`,
      );
    } catch {
      setFormError(signInError('Default'));
    } finally {
      setPending(false);
    }
  }

  return (
    // Before its script runs (or without one), the form posts plainly and the server asks for
    // the same link (lib/auth/signin-form-post.ts); once it runs, onSubmit takes over.
    <form
      method="post"
      action="/signin/request"
      onSubmit={onSubmit}
      noValidate
      className="space-y-4"
    >
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {formError ? (
        <Alert role="alert">
          <p className="font-semibold">{formError.title}</p>
          <p className="mt-1 text-sm">{formError.message}</p>
        </Alert>
      ) : null}
      <div>
        <label htmlFor="email" className="field-label">
          E-mail address
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          inputMode="email"
          required
          maxLength={254}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={fieldError ? 'email-error' : 'email-hint'}
          className="field-input"
        />
        {fieldError ? (
          <FieldError field="email" message={fieldError} />
        ) : (
          <p id="email-hint" className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            We will e-mail you a link to sign in. No password needed.
          </p>
        )}
        {suggestion ? (
          <p className="mt-2 text-sm text-slate-800 dark:text-slate-200">
            Did you mean{' '}
            <button
              type="button"
              className="font-semibold text-brand-700 underline dark:text-brand-100"
              onClick={() => setEmail(suggestion)}
            >
              {suggestion}
            </button>
            ?
          </p>
        ) : null}
      </div>
      <button type="submit" className="btn-primary w-full" disabled={pending} aria-busy={pending}>
        {pending ? 'Sending your link…' : 'E-mail me a sign-in link'}
      </button>
    </form>
  );
}
