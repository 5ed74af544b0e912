// Route plumbing for /contact: the per-viewer page and its prerendered reader copy (see proxy.ts).
import type { Metadata } from 'next';
import { ContactView } from '@/components/views/ContactView';
import type { Viewer } from '@/lib/access';
import { newContactFormToken } from '@/lib/contact/submit';
import { initialContactState } from '@/lib/contact/schema';
import { pageMetadata } from '@/lib/platform/seo';

export const contactMetadata: Metadata = pageMetadata({
  title: 'Ask for a free quote',
  description:
    'Tell us about your situation and the French procedures you face: a Sojoourn advisor replies with a free quote for our administrative guidance.',
  path: '/contact',
});

/** Rendered per request: the fill-time token is made now, and a signed-in person's address is filled in. */
export function ContactPage({ viewer }: { viewer: Viewer }) {
  const values = viewer.kind === 'user' ? { email: viewer.email } : {};
  return <ContactView initialState={initialContactState(values, newContactFormToken())} />;
}

/** Prerendered: no token in the HTML (it would be the build's); the form fetches one when it loads. */
export function ReaderContactPage() {
  return <ContactView initialState={initialContactState()} />;
}
