// /guides/[slug], shared by app/(site)/guides/[slug] (per viewer) and its prerendered reader copy.
// The guide's MDX is evaluated here on the server with the viewer, so members' sections reach
// members only; for a members' guide others get its summary and a gate.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AccessBadge, GuideCard } from '@/components/GuideCard';
import { LockIcon } from '@/components/LockIcon';
import { FollowGuide } from '@/components/follow/FollowGuide';
import { MembersGate } from '@/components/MembersGate';
import { MdxContent } from '@/components/mdx/MdxContent';
import { TableOfContents } from '@/components/TableOfContents';
import { audienceOf, canReadMembersContent, type Viewer } from '@/lib/access';
import { WHAT_CHANGED_ID, WhatChanged } from '@/components/guide/WhatChanged';
import { getGuide, guideChangesFor, listGuides, relatedGuides, tagLabel } from '@/lib/content';
import { followStateFor } from '@/lib/follow/viewer-state';
import { formatDay } from '@/lib/platform/format';
import { pageMetadata } from '@/lib/platform/seo';
import { absoluteUrl } from '@/lib/platform/site-url';
import { OfficialLinksList } from '@/components/OfficialLinksList';
import { clubPriceFor, type PageProps, type RouteParams } from './page-props';

export type GuideParams = RouteParams<{ slug: string }>;

/** The reader copies: published guides only (listGuides never returns a draft). */
export function guideStaticParams() {
  return listGuides().map((guide) => ({ slug: guide.slug }));
}

/** Metadata as a reader sees it (reader copies: a draft does not exist for them). */
export async function guideMetadata(props: GuideParams): Promise<Metadata> {
  return guideMetadataFor(props, undefined);
}

/** Metadata for this viewer: staff get a draft's title, never indexed nor given an OG image. */
export async function guideMetadataFor(
  { params }: GuideParams,
  viewer: Viewer | undefined,
): Promise<Metadata> {
  const guide = getGuide((await params).slug, viewer);
  if (!guide) return { title: 'Guide not found' };
  if (guide.draft) return { title: `Draft: ${guide.title}`, robots: { index: false } };
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

export async function GuidePage({ slug, viewer }: PageProps<{ slug: string }>) {
  // A draft exists for staff only (lib/content asks lib/access); anyone else gets the 404.
  const guide = getGuide(slug, viewer);
  if (!guide) notFound();
  const related = relatedGuides(guide.slug);
  const priceLabel = await clubPriceFor(viewer);
  const audience = audienceOf(viewer);
  const canRead = guide.access === 'public' || canReadMembersContent(viewer);
  // Drafts cannot be followed (they are announced on their first publication).
  const followState = guide.draft ? null : followStateFor(viewer);
  return (
    // The search index (scripts/search-index.ts) reads this block of the readers' copy only.
    <div className="mx-auto max-w-6xl px-4 py-10" data-pagefind-body="">
      <nav
        aria-label="Breadcrumb"
        className="text-sm print:hidden text-slate-600 dark:text-slate-400"
        data-pagefind-ignore="all"
      >
        <Link href="/guides" prefetch={false} className="hover:text-brand-700 hover:underline">
          Guides
        </Link>
        <span aria-hidden="true"> / </span>
        <span>{guide.title}</span>
      </nav>
      <header className="mt-4 max-w-3xl">
        <div className="flex flex-wrap items-center gap-2">
          <AccessBadge guide={guide} />
          {guide.draft ? (
            <span
              className="rounded-full bg-amber-200 px-2.5 py-0.5 text-xs font-semibold text-amber-950"
              data-testid="draft-banner"
            >
              Draft — only staff see this
            </span>
          ) : null}
        </div>
        <h1 className="mt-3 font-serif text-4xl font-bold leading-tight text-slate-900 md:text-5xl dark:text-slate-50">
          {guide.title}
        </h1>
        <p className="mt-4 text-xl text-slate-700 dark:text-slate-300">{guide.summary}</p>
        <dl
          className="mt-6 flex flex-wrap gap-x-6 gap-y-2 text-sm text-slate-600 dark:text-slate-400"
          data-pagefind-ignore="all"
        >
          <div>
            <dt className="inline">Published </dt>
            <dd className="inline">
              <time dateTime={guide.publishedAt}>{formatDay(guide.publishedAt)}</time>
            </dd>
          </div>
          {guide.updatedAt ? (
            <div>
              <dt className="inline">Updated </dt>
              <dd className="inline">
                {/* To the list of what changed (the section is on every guide). */}
                <a href={`#${WHAT_CHANGED_ID}`} className="underline hover:text-brand-700">
                  <time dateTime={guide.updatedAt}>{formatDay(guide.updatedAt)}</time>
                </a>
              </dd>
            </div>
          ) : null}
          <div>
            <dt className="inline">Facts checked against official sources on </dt>
            <dd className="inline">
              {guide.updatedAt ? (
                <time dateTime={guide.reviewedAt}>{formatDay(guide.reviewedAt)}</time>
              ) : (
                // Never updated: the review date is the one that leads to "What changed".
                <a href={`#${WHAT_CHANGED_ID}`} className="underline hover:text-brand-700">
                  <time dateTime={guide.reviewedAt}>{formatDay(guide.reviewedAt)}</time>
                </a>
              )}
            </dd>
          </div>
          <div>
            <dt className="sr-only">Reading time</dt>
            <dd className="inline">{guide.readingMinutes} min read</dd>
          </div>
        </dl>
        <ul className="mt-4 flex flex-wrap gap-2 print:hidden" aria-label="Topics">
          {guide.tags.map((tag) => (
            <li key={tag}>
              <Link
                href={`/guides/tags/${tag}`}
                prefetch={false}
                className="rounded-full bg-slate-100 px-3 py-1 text-sm text-slate-800 hover:bg-brand-100 dark:bg-slate-800 dark:text-slate-200"
              >
                {tagLabel(tag)}
              </Link>
            </li>
          ))}
        </ul>
      </header>

      <div className="mt-10 grid gap-10 lg:grid-cols-[16rem_minmax(0,1fr)]">
        <aside className="lg:sticky lg:top-24 lg:self-start print:hidden">
          {canRead ? <TableOfContents entries={guide.toc} /> : null}
        </aside>
        <div className="max-w-3xl">
          {canRead ? (
            <article className="prose prose-slate max-w-none prose-headings:font-serif prose-a:text-brand-700 dark:prose-invert dark:prose-a:text-brand-100">
              <MdxContent
                code={guide.code}
                viewer={viewer}
                pagePath={guide.url}
                priceLabel={priceLabel}
              />
            </article>
          ) : (
            <section
              id="members-guide"
              aria-labelledby="members-guide-title"
              className="rounded-2xl border border-amber-300 bg-amber-50/60 p-6 dark:border-amber-700 dark:bg-amber-950/30"
              data-members-section="locked"
              data-pagefind-ignore="all"
            >
              <h2 id="members-guide-title" className="font-serif text-2xl font-bold">
                <LockIcon />A guide for Sojoourn Club members
              </h2>
              <p className="mt-2 text-slate-800 dark:text-slate-200">{guide.summary}</p>
              {audience === 'member' || audience === 'staff' ? null : (
                <MembersGate
                  audience={audience}
                  returnTo={guide.url}
                  priceLabel={priceLabel}
                  what="This guide"
                />
              )}
            </section>
          )}

          <WhatChanged changes={guideChangesFor(guide, viewer)} publishedAt={guide.publishedAt} />

          {guide.officialLinks.length ? (
            <section
              aria-labelledby="official-links"
              data-print-urls=""
              className="mt-12 rounded-2xl bg-slate-50 p-6 dark:bg-slate-900"
            >
              <h2 id="official-links" className="font-serif text-xl font-bold">
                Official pages
              </h2>
              <OfficialLinksList links={guide.officialLinks} />
            </section>
          ) : null}

          {followState ? <FollowGuide guide={guide.slug} state={followState} /> : null}

          <NeedHelp audience={audience} />

          <p
            className="mt-8 hidden text-sm print:block"
            data-print-address=""
            data-pagefind-ignore="all"
          >
            This guide online: {absoluteUrl(guide.url)}
          </p>
        </div>
      </div>

      {related.length ? (
        <section
          aria-labelledby="related-guides"
          className="mt-16 print:hidden"
          data-pagefind-ignore="all"
        >
          <h2 id="related-guides" className="font-serif text-2xl font-bold">
            Related guides
          </h2>
          <div className="mt-6 grid gap-6 md:grid-cols-3">
            {related.map((item) => (
              <GuideCard key={item.slug} guide={item} />
            ))}
          </div>
        </section>
      ) : null}
    </div>
  );
}

/** The one "need help?" block every guide ends with: members are offered their assistance. */
function NeedHelp({ audience }: { audience: ReturnType<typeof audienceOf> }) {
  const member = audience === 'member' || audience === 'staff';
  return (
    <section
      aria-labelledby="need-help"
      className="mt-8 rounded-2xl border border-brand-600/30 p-6 print:hidden"
      data-pagefind-ignore="all"
    >
      <h2 id="need-help" className="font-serif text-xl font-bold">
        {member ? 'Stuck at any step?' : 'Feeling lost in the paperwork?'}
      </h2>
      <p className="mt-2 text-slate-700 dark:text-slate-300">
        {member
          ? 'As a member, you can ask us for personalised assistance: tell us where you are stuck and we will help you find the way through.'
          : 'Tell us about your situation and we will send you a free quote for our administrative guidance.'}
      </p>
      <Link href={member ? '/assistance' : '/contact'} className="btn-primary mt-4">
        {member ? 'Ask for assistance' : 'Ask for a free quote'}
      </Link>
    </section>
  );
}
