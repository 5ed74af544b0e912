import { GuidesPage, guidesMetadata } from '@/components/pages/GuidesPage';
import { getViewer } from '@/lib/auth/viewer';

export const metadata = guidesMetadata;

export default async function Page() {
  return <GuidesPage viewer={await getViewer()} />;
}
