import { ContactPage, contactMetadata } from '@/app/_pages/contact';
import { getViewer } from '@/lib/auth/options';

export const metadata = contactMetadata;

export default async function Page() {
  return <ContactPage viewer={await getViewer()} />;
}
