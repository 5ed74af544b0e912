import { SitePage, sitePageMetadata } from '@/components/pages/SitePage';
import { READER } from '@/lib/access';

export const metadata = sitePageMetadata('privacy');

export default function Page() {
  return <SitePage slug="privacy" viewer={READER} />;
}
