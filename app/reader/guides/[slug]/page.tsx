import { GuidePage, type GuideParams } from '@/components/pages/GuidePage';
import { READER } from '@/lib/access';

export {
  guideMetadata as generateMetadata,
  guideStaticParams as generateStaticParams,
} from '@/components/pages/GuidePage';
// Only the slugs built here: next.config.js rewrites readers here for those alone (a made-up or
// draft slug gets the per-request 404 of app/(site), lib/platform/content-slugs.js), and one asked
// for here directly gets Next's 404 without being rendered, so nothing is ever kept on disk for it.
export const dynamicParams = false;

export default async function Page({ params }: GuideParams) {
  return <GuidePage slug={(await params).slug} viewer={READER} />;
}
