import { GuidePage, type SlugParams } from '@/app/_pages/guides';
import { getViewer } from '@/lib/auth/options';

export { guideMetadata as generateMetadata } from '@/app/_pages/guides';

export default async function Page({ params }: SlugParams) {
  return <GuidePage slug={(await params).slug} viewer={await getViewer()} />;
}
