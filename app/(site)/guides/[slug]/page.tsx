import { GuidePage, guideMetadataFor, type GuideParams } from '@/components/pages/GuidePage';
import { getViewer } from '@/lib/auth/viewer';

// Per viewer, per request: staff also read drafts here (the reader copies never hold one).
export async function generateMetadata(props: GuideParams) {
  return guideMetadataFor(props, await getViewer());
}

export default async function Page({ params }: GuideParams) {
  return <GuidePage slug={(await params).slug} viewer={await getViewer()} />;
}
