// Route plumbing shared by the per-viewer pages under app/(site) and their prerendered reader
// variants under app/reader (see proxy.ts). Not a route itself (private folder).
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { GuidesIndexView } from '@/components/views/GuidesIndexView';
import { GuideView } from '@/components/views/GuideView';
import { HomeView } from '@/components/views/HomeView';
import { SitePageView } from '@/components/views/SitePageView';
import { audienceOf, type Viewer } from '@/lib/access';
import { getClubPrice } from '@/lib/billing/price';
import { site } from '@/lib/config';
import {
  getGuide,
  getSitePage,
  listGuides,
  listGuidesByTag,
  listTags,
  relatedGuides,
  tagLabel,
} from '@/lib/content';
import { pageMetadata } from '@/lib/platform/seo';

export type SlugParams = { params: Promise<{ slug: string }> };
export type TagParams = { params: Promise<{ tag: string }> };

/** The price is only shown to signed-in non-members, so only they cost a Stripe lookup. */
async function priceFor(viewer: Viewer): Promise<string | null> {
  return audienceOf(viewer) === 'user' ? ((await getClubPrice())?.label ?? null) : null;
}

export function HomePage({ viewer }: { viewer: Viewer }) {
  return <HomeView latest={listGuides().slice(0, 3)} viewer={viewer} />;
}

export const guidesIndexMetadata: Metadata = pageMetadata({
  title: 'Guides',
  description: 'Every Sojoourn guide to French administration for expats, newest first.',
  path: '/guides',
});

export function GuidesIndexPage() {
  return (
    <GuidesIndexView
      title="Guides"
      intro="Step-by-step guides to French administration, newest first. Each one is dated and links to the official pages."
      guides={listGuides()}
      tags={listTags().map(({ tag, count }) => ({ tag, count, label: tagLabel(tag) }))}
    />
  );
}

export function guideStaticParams() {
  return listGuides().map((guide) => ({ slug: guide.slug }));
}

export async function guideMetadata({ params }: SlugParams): Promise<Metadata> {
  const guide = getGuide((await params).slug);
  if (!guide) return { title: 'Guide not found' };
  return pageMetadata({
    title: guide.title,
    description: guide.summary,
    path: guide.url,
    image: `/og/guides/${guide.slug}`,
    type: 'article',
    publishedTime: guide.publishedAt,
    modifiedTime: guide.updatedAt ?? guide.publishedAt,
  });
}

export async function GuidePage({ slug, viewer }: { slug: string; viewer: Viewer }) {
  const guide = getGuide(slug);
  if (!guide) notFound();
  return (
    <GuideView
      guide={guide}
      related={relatedGuides(guide.slug)}
      viewer={viewer}
      priceLabel={await priceFor(viewer)}
    />
  );
}

export function tagStaticParams() {
  return listTags().map(({ tag }) => ({ tag }));
}

export async function tagMetadata({ params }: TagParams): Promise<Metadata> {
  const { tag } = await params;
  return pageMetadata({
    title: `Guides about ${tagLabel(tag).toLowerCase()}`,
    description: `Sojoourn guides about ${tagLabel(tag).toLowerCase()}, newest first.`,
    path: `/guides/tags/${tag}`,
  });
}

export function TagPage({ tag }: { tag: string }) {
  const guides = listGuidesByTag(tag);
  if (!guides.length) notFound();
  return (
    <GuidesIndexView
      title={`Guides: ${tagLabel(tag)}`}
      intro={`${guides.length} guide${guides.length === 1 ? '' : 's'} about ${tagLabel(tag).toLowerCase()}, newest first.`}
      guides={guides}
      tags={listTags().map(({ tag: t, count }) => ({ tag: t, count, label: tagLabel(t) }))}
      activeTag={tag}
    />
  );
}

export function sitePageMetadata(slug: string): Metadata {
  const page = getSitePage(slug);
  return page
    ? pageMetadata({ title: page.title, description: page.summary, path: `/${slug}` })
    : { title: site.name };
}

export function SitePage({ slug, viewer }: { slug: string; viewer: Viewer }) {
  const page = getSitePage(slug);
  if (!page) notFound();
  return <SitePageView page={page} viewer={viewer} />;
}
