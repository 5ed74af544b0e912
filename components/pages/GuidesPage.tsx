// /guides, shared by app/(site)/guides and its prerendered reader copy. Not viewer-dependent.
import type { Metadata } from 'next';
import { GuideListing } from '@/components/GuideListing';
import { listGuides, listTags, tagLabel } from '@/lib/content';
import { pageMetadata } from '@/lib/platform/seo';
import type { PageProps } from './page-props';

export const guidesMetadata: Metadata = pageMetadata({
  title: 'Guides',
  description: 'Every Sojoourn guide to French administration for expats, newest first.',
  path: '/guides',
});

export function GuidesPage(_props: PageProps) {
  return (
    <GuideListing
      title="Guides"
      intro="Step-by-step guides to French administration, newest first. Each one is dated and links to the official pages."
      guides={listGuides()}
      tags={listTags().map(({ tag, count }) => ({ tag, count, label: tagLabel(tag) }))}
    />
  );
}
