import { GuidePage, type GuideParams } from '@/components/pages/GuidePage';
import { getViewer } from '@/lib/auth/viewer';

export { guideMetadata as generateMetadata } from '@/components/pages/GuidePage';

export default async function Page({ params }: GuideParams) {
  return <GuidePage slug={(await params).slug} viewer={await getViewer()} />;
}
