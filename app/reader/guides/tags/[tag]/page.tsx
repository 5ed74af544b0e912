import { GuideTagPage, type GuideTagParams } from '@/components/pages/GuideTagPage';
import { READER } from '@/lib/access';

export {
  guideTagMetadata as generateMetadata,
  guideTagStaticParams as generateStaticParams,
} from '@/components/pages/GuideTagPage';
export const dynamicParams = false;

export default async function Page({ params }: GuideTagParams) {
  return <GuideTagPage tag={(await params).tag} viewer={READER} />;
}
