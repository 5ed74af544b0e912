import { GuidePage, type GuideParams } from '@/components/pages/GuidePage';
import { READER } from '@/lib/access';

export {
  guideMetadata as generateMetadata,
  guideStaticParams as generateStaticParams,
} from '@/components/pages/GuidePage';
// An unknown slug (a typo, a draft, a removed page) is rendered on request and answers 404 via
// notFound(). With dynamicParams = false, Next 16.4 answered a reader's RSC request or prefetch for
// one with a 500 ("Expected RSC response, got text/html"); the leak crawl checks every status.
export const dynamicParams = true;

export default async function Page({ params }: GuideParams) {
  return <GuidePage slug={(await params).slug} viewer={READER} />;
}
