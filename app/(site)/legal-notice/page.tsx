import { SitePage, sitePageMetadata } from '@/components/pages/SitePage';
import { getViewer } from '@/lib/auth/viewer';

export const metadata = sitePageMetadata('legal-notice');

export default async function Page() {
  return <SitePage slug="legal-notice" viewer={await getViewer()} />;
}
