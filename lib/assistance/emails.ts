import 'server-only';
// The two e-mails of an assistance request. Every value is escaped by the shared layout.
import { contactMethodLabel, languageLabel, statusLabel, topicLabel } from './schema';
import type { AssistanceRequest } from './store';
import type { OutgoingMail } from '../platform/mail';
import { renderEmail } from '../platform/mail-template';
import { absoluteUrl } from '../platform/site-url';

function contactLine(request: Pick<AssistanceRequest, 'contactMethod' | 'phone'>): string {
  return request.contactMethod === 'phone' && request.phone
    ? `${contactMethodLabel('phone')}: ${request.phone}`
    : contactMethodLabel('email');
}

export function staffNotification(
  request: AssistanceRequest,
  memberEmail: string,
): Omit<OutgoingMail, 'to'> {
  return {
    subject: `New assistance request: ${topicLabel(request.topic)}`,
    replyTo: memberEmail,
    ...renderEmail({
      preheader: `${memberEmail} asked for help with ${topicLabel(request.topic).toLowerCase()}.`,
      heading: 'New personalised assistance request',
      paragraphs: [`A Sojoourn Club member asked for personalised assistance.`],
      details: [
        { label: 'Member', value: memberEmail },
        { label: 'Topic', value: topicLabel(request.topic) },
        { label: 'Preferred contact', value: contactLine(request) },
        { label: 'Language', value: languageLabel(request.language) },
        { label: 'Situation', value: request.description },
        { label: 'Reference', value: request.id },
      ],
      button: { label: 'Open the inbox', url: absoluteUrl('/admin') },
    }),
  };
}

export function memberConfirmation(request: AssistanceRequest): Omit<OutgoingMail, 'to'> {
  const how =
    request.contactMethod === 'phone' && request.phone
      ? `by phone on ${request.phone}`
      : 'by e-mail at this address';
  return {
    subject: 'We received your assistance request',
    ...renderEmail({
      preheader: 'A Sojoourn advisor will get back to you.',
      heading: 'We received your request',
      paragraphs: [
        `Thank you. A Sojoourn advisor will read your request about ${topicLabel(request.topic).toLowerCase()} and get back to you ${how}, in ${languageLabel(request.language)}.`,
        'You can follow its status on your account page.',
      ],
      details: [
        { label: 'Topic', value: topicLabel(request.topic) },
        { label: 'Your message', value: request.description },
        { label: 'Status', value: statusLabel(request.status) },
      ],
      button: { label: 'See your requests', url: absoluteUrl('/account#assistance-requests') },
    }),
  };
}

/** To the member when staff move their request to another status. */
export function statusChangedEmail(
  request: Pick<AssistanceRequest, 'topic' | 'status' | 'description'>,
): Omit<OutgoingMail, 'to'> {
  const status = statusLabel(request.status);
  const next: Record<string, string> = {
    new: 'It is waiting for an advisor.',
    in_progress: 'An advisor is working on it and will contact you as you asked.',
    answered: 'An advisor has answered you. If something is still unclear, reply to their message.',
    closed: 'It is now closed. If you need more help, send a new request from the assistance page.',
  };
  return {
    subject: `Your assistance request is now: ${status}`,
    ...renderEmail({
      preheader: `Your request about ${topicLabel(request.topic).toLowerCase()} is now ${status.toLowerCase()}.`,
      heading: `Your request is now: ${status}`,
      paragraphs: [
        `Your request about ${topicLabel(request.topic).toLowerCase()} has a new status. ${next[request.status] ?? ''}`.trim(),
      ],
      details: [
        { label: 'Topic', value: topicLabel(request.topic) },
        { label: 'Status', value: status },
        { label: 'Your message', value: request.description },
      ],
      button: { label: 'See your requests', url: absoluteUrl('/account#assistance-requests') },
    }),
  };
}
