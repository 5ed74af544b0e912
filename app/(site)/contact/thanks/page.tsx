import type { Metadata } from 'next';
import { ContactThanksView } from '@/components/views/ContactThanksView';

export const metadata: Metadata = { title: 'Thank you', robots: { index: false } };

export default function Page() {
  return <ContactThanksView />;
}
