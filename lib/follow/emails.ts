// The follow e-mails. The confirmation holds nothing the requester typed (not even the address: it
// is only the To:), just our link. The announcement lists the new changes of the guides the person
// follows (summaries, dates, links), new guides for "all guides" followers, a one-click unfollow
// (RFC 8058: List-Unsubscribe + List-Unsubscribe-Post) and "manage what I follow". Pure apart from
// the site's URL.
import { formatDay } from '../platform/format';
import type { OutgoingMail } from '../platform/mail';
import { renderEmail } from '../platform/mail-template';
import { absoluteUrl } from '../platform/site-url';

export function confirmationEmail(token: string): Omit<OutgoingMail, 'to'> {
  const url = absoluteUrl(`/follow/confirm?token=${encodeURIComponent(token)}`);
  return {
    subject: 'Confirm to follow Sojoourn guides',
    ...renderEmail({
      preheader: 'One click to get an e-mail when the guides you chose change.',
      heading: 'Confirm to follow guides',
      paragraphs: [
        'Someone, probably you, asked us to e-mail this address when guides on Sojoourn change. Open the link to see which guides and confirm.',
        'If it was not you, do nothing: without your confirmation we send nothing more, and the request is forgotten in two days.',
      ],
      button: { label: 'See and confirm', url },
    }),
  };
}

export interface AnnouncedChange {
  date: string;
  summary: string;
}

export interface AnnouncedGuide {
  slug: string;
  title: string;
  url: string;
  /** A guide published for the first time ("all guides" followers only): its summary. */
  newGuideSummary?: string;
  changes: AnnouncedChange[];
}

/** Where an announcement's unfollow links go: the one-click POST endpoint, and the manage page. */
export function unfollowLinks(manageToken: string): { oneClick: string; manage: string } {
  const query = `?token=${encodeURIComponent(manageToken)}`;
  return {
    oneClick: absoluteUrl(`/api/follow/unfollow${query}`),
    manage: absoluteUrl(`/follow/manage${query}`),
  };
}

export function announcementEmail(
  guides: AnnouncedGuide[],
  manageToken: string,
): Omit<OutgoingMail, 'to'> {
  const links = unfollowLinks(manageToken);
  const only = guides.length === 1 ? guides[0] : undefined;
  const subject = only
    ? only.newGuideSummary
      ? `New guide on Sojoourn: ${only.title}`
      : `What changed: ${only.title}`
    : `What changed in ${guides.length} Sojoourn guides`;
  const paragraphs = guides.map((guide) => {
    const lines = guide.newGuideSummary
      ? [`New guide: ${guide.title}`, guide.newGuideSummary]
      : [
          guide.title,
          ...guide.changes.map((change) => `${formatDay(change.date)}: ${change.summary}`),
        ];
    return [...lines, absoluteUrl(guide.url)].join('\n');
  });
  return {
    subject,
    ...renderEmail({
      preheader: only ? `${only.title} has changed.` : 'Guides you follow have changed.',
      heading: only?.newGuideSummary ? 'A new guide' : 'Guides you follow have changed',
      paragraphs,
      button: { label: 'Manage what I follow', url: links.manage },
      footnote: `You get this e-mail because you follow these guides on Sojoourn. Manage what you follow or unfollow everything: ${links.manage}`,
    }),
    headers: {
      'List-Unsubscribe': `<${links.oneClick}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}
