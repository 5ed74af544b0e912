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
  LinkUsed: {
    title: 'This sign-in link has already been used',
    message:
      'Each sign-in link works only once. If you already signed in with it (or with its code), you are all set on that device. Otherwise, ask for a new link below.',
  },
  LinkExpired: {
    title: 'This sign-in link has expired',
    message:
      'For your security, sign-in links only work for a limited time. Ask for a new link below and use the newest e-mail.',
  },
  LinkInvalid: {
    title: 'This sign-in link is not valid',
    message:
      'It is not a link we sent, or no longer one: it may have been cut short on its way (some mail apps break long links), or cancelled when the account changed its sign-in address. Copy the whole link from the newest e-mail, or ask for a new link below.',
  },
  CodeFormat: {
    title: 'Check the code',
    message: 'The code is the 6 digits in the sign-in e-mail, like 123456.',
  },
  CodeWrong: {
    title: 'That code is not right',
    message: 'Check the 6 digits in the newest sign-in e-mail and try again.',
  },
  CodeDead: {
    title: 'This code no longer works',
    message:
      'It was typed wrong too many times. Ask for a new code below (the link in the e-mail still works on the device that has the e-mail).',
  },
  CodeExpired: {
    title: 'This code has expired',
    message: 'Codes work for 10 minutes. Ask for a new code below.',
  },
  CodeMissing: {
    title: 'No code is waiting in this browser',
    message:
      'A code works once, and only in the browser where it was asked for, until a newer one replaces it. Ask for a new code from this browser, or use the link in the e-mail.',
  },
  CodeLimited: {
    title: 'Too many wrong codes',
    message:
      'For your security, codes are paused for a while. Use the link in the e-mail instead, or try again tomorrow.',
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
