import { SitePage, sitePageMetadata } from '@/components/pages/SitePage';
import { getViewer } from '@/lib/auth/viewer';

export const metadata = sitePageMetadata('privacy');

export default async function Page() {
  return <SitePage slug="privacy" viewer={await getViewer()} />;
}
