import 'server-only';
// The sign-in e-mail (next-auth's sendVerificationRequest sends it). Escaped by the shared layout.
import { site } from '../config';
import { renderEmail } from '../platform/mail-template';

export function signInEmail(
  link: string,
  expires: Date,
): { subject: string; html: string; text: string } {
  const hours = Math.max(1, Math.round((expires.getTime() - Date.now()) / 3600_000));
  return {
    subject: `Your sign-in link for ${site.name}`,
    ...renderEmail({
      preheader: `Sign in to ${site.name} with one click.`,
      heading: `Sign in to ${site.name}`,
      paragraphs: [
        'Someone — hopefully you — asked to sign in to Sojoourn with this e-mail address.',
        `Use the button below to finish signing in. The link works once and expires in ${hours} hour${hours === 1 ? '' : 's'}.`,
      ],
      button: { label: 'Sign in to Sojoourn', url: link },
      footnote:
        'If you did not ask for this, you can ignore this e-mail: nobody can sign in without the link.',
    }),
  };
}
