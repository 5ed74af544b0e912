import { ContactPage, contactMetadata } from '@/components/pages/ContactPage';
import { READER } from '@/lib/access';

export const metadata = contactMetadata;

export default function Page() {
  return <ContactPage viewer={READER} prerendered />;
}
