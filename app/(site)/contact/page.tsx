import { ContactPage, contactMetadata } from '@/components/pages/ContactPage';
import { getViewer } from '@/lib/auth/viewer';

export const metadata = contactMetadata;

export default async function Page() {
  return <ContactPage viewer={await getViewer()} />;
}
