import 'server-only';
// The two e-mails of a free-quote request. Every value is escaped by the shared layout.
import { describeContactRequest } from './schema';
import type { ContactFlag, StoredContactRequest } from './store';
import { formatUtcTimestamp } from '../platform/format';
import type { OutgoingMail } from '../platform/mail';
import { renderEmail } from '../platform/mail-template';
import { absoluteUrl } from '../platform/site-url';

/** What staff are told about a flagged request (store.ts), in its e-mail and in the inbox. */
export const FLAG_NOTES: Record<ContactFlag, string> = {
  'fast-fill':
    'Check before answering: this form was sent faster than a person usually types. Browser autofill does that, and so do robots.',
};

/** The request as labelled lines: e-mails and the staff inbox show the same thing. */
export function contactRequestDetails(request: StoredContactRequest) {
  const labels = describeContactRequest(request);
  return [
    { label: 'Name', value: request.name },
    { label: 'E-mail', value: request.email },
    { label: 'Phone', value: request.phone ?? 'Not given' },
    { label: 'Situation', value: labels.situation },
    { label: 'Nationality', value: labels.nationality },
    { label: 'Length of stay', value: labels.stay },
    { label: 'Procedures', value: labels.procedures.join(', ') },
    { label: 'Preferred language', value: labels.language },
    { label: 'Message', value: request.message },
  ];
}

/** To staff: every field; replying answers the person directly. */
export function staffNotification(request: StoredContactRequest): Omit<OutgoingMail, 'to'> {
  const received = formatUtcTimestamp(request.createdAt);
  const { html, text } = renderEmail({
    preheader: `${request.name} asks for a free quote`,
    heading: 'New free-quote request',
    paragraphs: [
      `${request.name} asked for a free quote for administrative guidance on the contact page. Reply to this e-mail to answer them directly.`,
      ...(request.flag ? [FLAG_NOTES[request.flag]] : []),
    ],
    details: [
      ...contactRequestDetails(request),
      { label: 'Consent to be contacted', value: `Given on ${received}` },
      { label: 'Received', value: received },
      { label: 'Reference', value: request.id },
    ],
  });
  // One line, clipped: a name never stretches or breaks the subject header.
  return {
    subject: `Free-quote request from ${request.name.slice(0, 60)}`,
    replyTo: request.email,
    html,
    text,
  };
}

/**
 * To the address typed in the form: only that a request arrived, and what happens next. Nothing
 * typed in the form (name, message, phone) is repeated, so the form cannot be used to mail
 * someone else a text of one's choosing; service.ts also limits how many go to one address.
 */
export function requesterConfirmation(request: StoredContactRequest): Omit<OutgoingMail, 'to'> {
  const { html, text } = renderEmail({
    preheader: 'We have received your request for a free quote.',
    heading: 'We have received your request',
    paragraphs: [
      'Hello,',
      'Thank you for asking Sojoourn for a free quote. Here is what happens next: a Sojoourn advisor reads your request and replies to this e-mail address with a free quote for our administrative guidance. There is no commitment: you decide afterwards whether to go ahead.',
    ],
    details: [
      { label: 'Received', value: formatUtcTimestamp(request.createdAt) },
      { label: 'Reference', value: request.id },
    ],
    button: { label: 'Read our guides while you wait', url: absoluteUrl('/guides') },
    footnote:
      'You received this e-mail because this address was entered on the Sojoourn contact page. If that was not you, you can ignore this message.',
  });
  return { subject: 'Your request for a free quote from Sojoourn', html, text };
}
