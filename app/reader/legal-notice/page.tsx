import { SitePage, sitePageMetadata } from '@/components/pages/SitePage';
import { READER } from '@/lib/access';

export const metadata = sitePageMetadata('legal-notice');

export default function Page() {
  return <SitePage slug="legal-notice" viewer={READER} />;
}
