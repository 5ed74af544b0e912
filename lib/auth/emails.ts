import 'server-only';
// The sign-in e-mail (next-auth's sendVerificationRequest sends it): the link, and beside it the
// code (./signin-code.ts) for the browser that asked when the mail is read on another device.
// Escaped by the shared layout.
import { site } from '../config';
import { renderEmail } from '../platform/mail-template';

export function signInEmail(
  link: string,
  expires: Date,
  code: { code: string; expires: Date },
  now: Date = new Date(),
): { subject: string; html: string; text: string } {
  const hours = Math.max(1, Math.round((expires.getTime() - now.getTime()) / 3600_000));
  const minutes = Math.max(1, Math.round((code.expires.getTime() - now.getTime()) / 60_000));
  return {
    subject: `Your sign-in link and code for ${site.name}`,
    ...renderEmail({
      preheader: `Your code is ${code.code}, or sign in with one click.`,
      heading: `Sign in to ${site.name}`,
      paragraphs: [
        `Someone — hopefully you — asked to sign in to ${site.name} with this e-mail address. There are two ways to finish.`,
        `Type this code in the browser where you asked (even if you are reading this on another device). It works once, for ${minutes} minute${minutes === 1 ? '' : 's'}:`,
        code.code,
        `Or use the button below on this device. The link works once and expires in ${hours} hour${hours === 1 ? '' : 's'}.`,
      ],
      button: { label: 'Sign in to Sojoourn', url: link },
      footnote:
        'If you did not ask for this, you can ignore this e-mail: nobody can sign in without the link or the code. We never ask you to tell anyone the code.',
    }),
  };
}
