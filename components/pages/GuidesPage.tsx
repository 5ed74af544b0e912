// /guides, shared by app/(site)/guides and its prerendered reader copy. Only "follow all guides"
// depends on the viewer (a reader's form, or a signed-in person's one-click button).
import type { Metadata } from 'next';
import { FollowGuide } from '@/components/follow/FollowGuide';
import { GuideListing } from '@/components/GuideListing';
import { listGuides, listTags, tagLabel } from '@/lib/content';
import { ALL_GUIDES } from '@/lib/follow/schema';
import { followStateFor } from '@/lib/follow/viewer-state';
import { pageMetadata } from '@/lib/platform/seo';
import type { PageProps } from './page-props';

export const guidesMetadata: Metadata = pageMetadata({
  title: 'Guides',
  description: 'Every Sojoourn guide to French administration for expats, newest first.',
  path: '/guides',
});

export function GuidesPage({ viewer }: PageProps) {
  const followState = followStateFor(viewer);
  return (
    <GuideListing
      title="Guides"
      intro="Step-by-step guides to French administration, newest first. Each one is dated and links to the official pages."
      guides={listGuides()}
      tags={listTags().map(({ tag, count }) => ({ tag, count, label: tagLabel(tag) }))}
      after={<FollowGuide guide={ALL_GUIDES} state={followState} />}
    />
  );
}
