// The code from the sign-in e-mail: a plain form POST to /signin/code (no script needed, so it
// works on pages served without React's runtime). Used on "Check your inbox" and by the
// recent-sign-in prompt of the account page.
import { Alert } from '@/components/forms/Alert';
import { FieldError } from '@/components/forms/FieldError';
import { signInError } from '@/lib/auth/schema';

export function SignInCodeForm({
  email = '',
  error = null,
  triesLeft = null,
  typed = '',
}: {
  /** Shown back on the page after a refused code; never used to find the code. */
  email?: string;
  error?: string | null;
  triesLeft?: number | null;
  typed?: string;
}) {
  const problem = signInError(error);
  const tries =
    error === 'CodeWrong' && triesLeft
      ? ` ${triesLeft} ${triesLeft === 1 ? 'try' : 'tries'} left before this code stops working.`
      : '';
  return (
    <form method="post" action="/signin/code" className="space-y-3" noValidate>
      {problem ? (
        <Alert role="alert">
          <p className="font-semibold" data-testid="code-error-title">
            {problem.title}
          </p>
          <p className="mt-1 text-sm">
            {problem.message}
            {tries}
          </p>
        </Alert>
      ) : null}
      {email ? <input type="hidden" name="email" value={email} /> : null}
      <div>
        <label htmlFor="signin-code" className="field-label">
          Sign-in code
        </label>
        <input
          id="signin-code"
          name="code"
          type="text"
          autoComplete="one-time-code"
          inputMode="numeric"
          maxLength={20}
          required
          defaultValue={typed}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? 'signin-code-error' : 'signin-code-hint'}
          className="field-input font-mono text-lg tracking-widest"
        />
        {problem ? (
          <FieldError field="signin-code" message={`${problem.title}.`} />
        ) : (
          <p id="signin-code-hint" className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            The 6 digits in the e-mail. It works in this browser only, for 10 minutes.
          </p>
        )}
      </div>
      <button type="submit" className="btn-primary w-full">
        Sign in with this code
      </button>
    </form>
  );
}
