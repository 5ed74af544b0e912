import { GuidePage, type SlugParams } from '@/app/_pages/guides';
import { READER } from '@/lib/access';

export {
  guideMetadata as generateMetadata,
  guideStaticParams as generateStaticParams,
} from '@/app/_pages/guides';
export const dynamicParams = false;

export default async function Page({ params }: SlugParams) {
  return <GuidePage slug={(await params).slug} viewer={READER} />;
}
