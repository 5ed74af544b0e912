import { GuidePage, type GuideParams } from '@/components/pages/GuidePage';
import { READER } from '@/lib/access';

export {
  guideMetadata as generateMetadata,
  guideStaticParams as generateStaticParams,
} from '@/components/pages/GuidePage';
export const dynamicParams = false;

export default async function Page({ params }: GuideParams) {
  return <GuidePage slug={(await params).slug} viewer={READER} />;
}
