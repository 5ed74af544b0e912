import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { GuidePage, guideMetadataFor, type GuideParams } from '@/components/pages/GuidePage';
import {
  EDITION_COMPLETE_ATTRIBUTE,
  isEditionRenderRequest,
  membersEditionViewer,
} from '@/lib/content/editions';

export const dynamic = 'force-dynamic';

export async function generateMetadata(props: GuideParams) {
  return guideMetadataFor(props, membersEditionViewer());
}

export default async function Page({ params }: GuideParams) {
  // Checked here too: a page renders beside its layout, not after it.
  if (!isEditionRenderRequest(await headers())) notFound();
  const { slug } = await params;
  return (
    <>
      <GuidePage slug={slug} viewer={membersEditionViewer()} />
      {/* After the whole guide: the editions keep only a render that reached it. */}
      <span hidden {...{ [EDITION_COMPLETE_ATTRIBUTE]: slug }} />
    </>
  );
}
