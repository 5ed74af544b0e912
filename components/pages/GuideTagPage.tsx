// /guides/tags/[tag], shared by app/(site)/guides/tags/[tag] and its prerendered reader copy.
// Not viewer-dependent.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { GuideListing } from '@/components/GuideListing';
import { listGuidesByTag, listTags, tagLabel } from '@/lib/content';
import { pageMetadata } from '@/lib/platform/seo';
import type { PageProps, RouteParams } from './page-props';

export type GuideTagParams = RouteParams<{ tag: string }>;

export function guideTagStaticParams() {
  return listTags().map(({ tag }) => ({ tag }));
}

export async function guideTagMetadata({ params }: GuideTagParams): Promise<Metadata> {
  const { tag } = await params;
  return pageMetadata({
    title: `Guides about ${tagLabel(tag).toLowerCase()}`,
    description: `Sojoourn guides about ${tagLabel(tag).toLowerCase()}, newest first.`,
    path: `/guides/tags/${tag}`,
  });
}

export function GuideTagPage({ tag }: PageProps<{ tag: string }>) {
  const guides = listGuidesByTag(tag);
  if (!guides.length) notFound();
  return (
    <GuideListing
      title={`Guides: ${tagLabel(tag)}`}
      intro={`${guides.length} guide${guides.length === 1 ? '' : 's'} about ${tagLabel(tag).toLowerCase()}, newest first.`}
      guides={guides}
      tags={listTags().map(({ tag: t, count }) => ({ tag: t, count, label: tagLabel(t) }))}
      activeTag={tag}
    />
  );
}
