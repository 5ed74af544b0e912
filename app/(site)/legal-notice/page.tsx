import { SitePage, sitePageMetadata } from '@/app/_pages/guides';
import { getViewer } from '@/lib/auth/options';

export const metadata = sitePageMetadata('legal-notice');

export default async function Page() {
  return <SitePage slug="legal-notice" viewer={await getViewer()} />;
}
