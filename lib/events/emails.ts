import 'server-only';
// The e-mail of the events domain: a place opened up for someone on the waiting list.
import type { OutgoingMail } from '../platform/mail';
import { renderEmail } from '../platform/mail-template';
import { absoluteUrl } from '../platform/site-url';

export function placeOpenedEmail(event: { slug: string; title: string }): Omit<OutgoingMail, 'to'> {
  return {
    subject: `A place opened up: ${event.title}`,
    ...renderEmail({
      preheader: 'You were on the waiting list, and you are now registered.',
      heading: 'You have a place',
      paragraphs: [
        `Someone cancelled, so you moved from the waiting list to the list of people coming to “${event.title}”.`,
        'If you can no longer come, please cancel from the event page so the next person can take your place.',
      ],
      button: { label: 'See the event', url: absoluteUrl(`/events/${event.slug}`) },
    }),
  };
}
