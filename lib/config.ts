// Site facts in one typed place: names, navigation, what the club offers, who the partners are.
// Prices come from Stripe (lib/billing); partner destinations and codes from the environment.

export const site = {
  name: 'Sojoourn',
  tagline: 'French administration, explained for expats',
  description:
    'Clear, dated guides to French administration for expats — health insurance, the Carte Vitale and more — and a members club for personalised help.',
  locale: 'en_GB',
  nav: [
    { href: '/guides', label: 'Guides' },
    { href: '/events', label: 'Events' },
    // A member's club home (app/(site)/club): the same address, named for them.
    { href: '/club', label: 'Sojoourn Club', memberLabel: 'Your club' },
    { href: '/contact', label: 'Free quote' },
  ],
  footerNav: [
    { href: '/guides', label: 'All guides' },
    { href: '/partners/partirassur', label: 'Insurance for short stays' },
    { href: '/contact', label: 'Contact & free quote' },
    { href: '/feed.xml', label: 'RSS feed' },
    { href: '/legal-notice', label: 'Legal notice' },
    { href: '/privacy', label: 'Privacy' },
  ],
} as const;

/** How topic tags read on the site; a tag not listed reads as its words, capitalised. */
export const tagLabels: Record<string, string> = {
  'carte-vitale': 'Carte Vitale',
  cpam: 'CPAM',
  ehic: 'EHIC',
  'uk-nationals': 'UK nationals',
  mutuelle: 'Mutuelle',
  'social-security-number': 'Social security number',
};

/** What a Sojoourn Club membership includes. The club page, gates and e-mails all read this list. */
export const club = {
  name: 'Sojoourn Club',
  benefits: [
    {
      title: 'Members-only guide sections',
      description:
        'Bonus tips inside our guides, such as how to get your free European Health Insurance Card before you travel.',
    },
    {
      title: 'Personalised assistance',
      description:
        'Describe your situation and a Sojoourn advisor answers you by e-mail or phone, in English or French.',
    },
    {
      title: 'Members’ events',
      description:
        'Register for workshops and meetups with other expats, online and in person. When an event is full, join its waiting list and move up when someone cancels.',
    },
    {
      title: 'Partner offers',
      description:
        'Offers and discount codes from Sojoourn’s partners, on a members’ page that lists what is available now.',
    },
  ],
  faq: [
    {
      question: 'Can I cancel at any time?',
      answer:
        'Yes. Cancel from “Manage billing” on your account page. Your membership stays active until the end of the period you have paid for, and you are not charged again.',
    },
    {
      question: 'How do I pay?',
      answer:
        'Payment is handled by Stripe on its secure hosted page. Sojoourn never sees or stores your card number.',
    },
    {
      question: 'Can I take my data with me, or delete it?',
      answer:
        'Yes. From your account page you can download everything we store about you, change your sign-in address, or delete your account (which cancels your subscription at once).',
    },
    {
      question: 'What happens if a payment fails?',
      answer:
        'You keep access until the end of the period already paid, and we ask you to update your card from your account page.',
    },
  ],
} as const;

export type PartnerId = 'partirassur';

export interface Partner {
  id: PartnerId;
  name: string;
  description: string;
}

/** The allow-list of partners that /go/[partner] may redirect to. Nothing else ever is a redirect target. */
export const partners: Record<PartnerId, Partner> = {
  partirassur: {
    id: 'partirassur',
    name: 'PartirAssur',
    description: 'A private insurer for expatriates and travellers around the world.',
  },
};

export function isPartnerId(value: string): value is PartnerId {
  return Object.hasOwn(partners, value);
}
