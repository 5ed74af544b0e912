import 'server-only';
// The account domain's e-mails: confirm a new sign-in address, tell the old one, say goodbye.
import type { OutgoingMail } from '../platform/mail';
import { renderEmail } from '../platform/mail-template';
import { formatDateTime } from '../platform/format';

export function confirmNewEmail(link: string, expires: Date): Omit<OutgoingMail, 'to'> {
  return {
    subject: 'Confirm your new Sojoourn sign-in address',
    ...renderEmail({
      preheader: 'One click to start signing in with this address.',
      heading: 'Confirm your new sign-in address',
      paragraphs: [
        'You asked to sign in to Sojoourn with this address from now on. Open the link below and press the button to confirm.',
        `The link works once, until ${formatDateTime(expires.toISOString(), 'Europe/Paris')} (Paris time).`,
      ],
      button: { label: 'Confirm this address', url: link },
      footnote: 'If you did not ask for this, ignore this e-mail: nothing changes.',
    }),
  };
}

export function emailChangedNotice(
  newEmail: string,
  undoLink: string,
  undoExpires: Date,
): Omit<OutgoingMail, 'to'> {
  return {
    subject: 'Your Sojoourn sign-in address was changed',
    ...renderEmail({
      heading: 'Your sign-in address was changed',
      paragraphs: [
        `From now on, you sign in to Sojoourn with ${newEmail}. Sign-in links are no longer sent to this address, and every other device was signed out.`,
        `If you did not make this change, undo it with the link below: your account goes back to this address and every device is signed out. The link works once, until ${formatDateTime(undoExpires.toISOString(), 'Europe/Paris')} (Paris time).`,
      ],
      button: { label: 'Undo this change', url: undoLink },
      footnote: 'If you made this change yourself, there is nothing to do.',
    }),
  };
}

export function accountDeletedEmail(cancelledSubscription: boolean): Omit<OutgoingMail, 'to'> {
  return {
    subject: 'Your Sojoourn account is deleted',
    ...renderEmail({
      heading: 'Your account is deleted',
      paragraphs: [
        'As you asked, we deleted your Sojoourn account and the data we held about you: your profile, your sessions, your assistance and quote requests and your event registrations.',
        cancelledSubscription
          ? 'Your Sojoourn Club subscription was cancelled at once: you will not be charged again. Stripe keeps the record of past payments, as the law requires.'
          : 'You had no running subscription.',
        'You are welcome back at any time.',
      ],
    }),
  };
}
