import { GuideTagPage, type GuideTagParams } from '@/components/pages/GuideTagPage';
import { getViewer } from '@/lib/auth/viewer';

export { guideTagMetadata as generateMetadata } from '@/components/pages/GuideTagPage';

export default async function Page({ params }: GuideTagParams) {
  return <GuideTagPage tag={(await params).tag} viewer={await getViewer()} />;
}
