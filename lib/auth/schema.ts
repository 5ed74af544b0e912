// Client-safe (the sign-in form imports it): what each sign-in error means to a person.
import { lookup } from '../forms/query';
/** Keys are next-auth's error codes and ours. */
export const SIGNIN_ERRORS: Record<string, { title: string; message: string }> = {
  RateLimited: {
    title: 'Too many sign-in requests',
    message:
      'We have sent several sign-in links recently. For your security, please wait up to an hour before asking again, and check your inbox (and spam folder) for the links already sent.',
  },
  InvalidEmail: {
    title: 'Check your e-mail address',
    message:
      'That does not look like a complete e-mail address. It should look like name@example.com.',
  },
  EmailSignin: {
    title: 'We could not send the e-mail',
    message:
      'Our e-mail service did not answer, so no sign-in link was sent and nothing was counted against you. Please try again in a few minutes.',
  },
  Verification: {
    title: 'This sign-in link no longer works',
    message:
      'Sign-in links work once and expire after a while. This one has already been used or has expired. Ask for a new link below.',
  },
  SessionRequired: {
    title: 'Please sign in',
    message: 'You need to be signed in to see that page.',
  },
  Default: {
    title: 'We could not sign you in',
    message: 'Something went wrong. Please try again; if it keeps happening, contact us.',
  },
};

export function signInError(code: unknown) {
  if (!code) return null;
  return lookup(SIGNIN_ERRORS, code) ?? SIGNIN_ERRORS.Default!;
}
