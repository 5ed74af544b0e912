import { SitePage, sitePageMetadata } from '@/app/_pages/guides';
import { READER } from '@/lib/access';

export const metadata = sitePageMetadata('legal-notice');

export default function Page() {
  return <SitePage slug="legal-notice" viewer={READER} />;
}
