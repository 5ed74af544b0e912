import 'server-only';
// Typed access to what staff committed under content/. Listing functions return public summaries
// only (no body), so feeds, cards, sitemap and metadata cannot carry members' text by accident.
import {
  allClubEvents,
  allGuides,
  allSitePages,
  type ClubEvent,
  type Guide,
  type SitePage,
} from 'contentlayer/generated';
import { tagLabels } from '../config';
import { readEnv } from '../platform/env';
import type { TocEntry } from './headings';

/** Drafts exist in `npm run dev` only; the production build neither lists nor serves them. */
const includeDrafts = readEnv().NODE_ENV === 'development';

export interface GuideSummary {
  slug: string;
  url: string;
  title: string;
  summary: string;
  publishedAt: string;
  updatedAt: string | null;
  reviewedAt: string;
  tags: string[];
  access: 'public' | 'members';
  draft: boolean;
  readingMinutes: number;
  /** True when the guide is public but holds at least one members' section. */
  hasMembersSections: boolean;
}

function toSummary(guide: Guide): GuideSummary {
  return {
    slug: guide.slug,
    url: guide.url,
    title: guide.title,
    summary: guide.summary,
    publishedAt: guide.publishedAt,
    updatedAt: guide.updatedAt ?? null,
    reviewedAt: guide.reviewedAt,
    tags: guide.tags,
    access: guide.access === 'members' ? 'members' : 'public',
    draft: guide.draft ?? false,
    readingMinutes: guide.readingMinutes,
    hasMembersSections: guide.body.raw.includes('<MembersOnly'),
  };
}

/**
 * What contentlayer generated is fixed for the life of the process (a new build or, in dev, a new
 * module instance brings new data), so the sorted list, the summaries and the slug index are
 * computed once instead of on every request. They hold public summaries and the compiled code only,
 * the same for every viewer: nothing here depends on who is looking.
 */
function once<T>(compute: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= compute());
}

const visibleGuides = once((): Guide[] =>
  allGuides
    .filter((guide) => includeDrafts || !guide.draft)
    .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt) || a.title.localeCompare(b.title)),
);

const guideSummaries = once((): readonly GuideSummary[] =>
  Object.freeze(visibleGuides().map((guide) => Object.freeze(toSummary(guide)))),
);

const guidesBySlug = once(() => {
  const index = new Map<string, GuideDocument>();
  for (const guide of visibleGuides()) {
    index.set(
      guide.slug,
      Object.freeze({
        ...toSummary(guide),
        code: guide.body.code,
        toc: guide.toc as TocEntry[],
        officialLinks: guide.officialLinks.map(({ label, url }) => ({ label, url })),
      }),
    );
  }
  return index;
});

export function listGuides(): GuideSummary[] {
  return [...guideSummaries()];
}

export function listGuidesByTag(tag: string): GuideSummary[] {
  return listGuides().filter((guide) => guide.tags.includes(tag));
}

export function listTags(): { tag: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const guide of listGuides()) {
    for (const tag of guide.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  }
  return [...counts]
    .map(([tag, count]) => ({ tag, count }))
    .sort((a, b) => a.tag.localeCompare(b.tag));
}

export function tagLabel(tag: string): string {
  if (tagLabels[tag]) return tagLabels[tag];
  const label = tag.replace(/-/g, ' ');
  return label.charAt(0).toUpperCase() + label.slice(1);
}

export interface GuideDocument extends GuideSummary {
  /** Compiled MDX. Evaluate only in a server component (components/mdx/MdxContent). */
  code: string;
  toc: TocEntry[];
  officialLinks: { label: string; url: string }[];
}

export function getGuide(slug: string): GuideDocument | null {
  return guidesBySlug().get(slug) ?? null;
}

/** Guides sharing the most tags with this one, newest first among equals. */
export function relatedGuides(slug: string, limit = 3): GuideSummary[] {
  const current = guidesBySlug().get(slug);
  if (!current) return [];
  return guideSummaries()
    .filter((guide) => guide.slug !== slug)
    .map((guide) => ({
      guide,
      shared: guide.tags.filter((tag) => current.tags.includes(tag)).length,
    }))
    .filter(({ shared }) => shared > 0)
    .sort((a, b) => b.shared - a.shared || b.guide.publishedAt.localeCompare(a.guide.publishedAt))
    .slice(0, limit)
    .map(({ guide }) => guide);
}

export interface SitePageDocument {
  slug: string;
  title: string;
  summary: string;
  updatedAt: string;
  code: string;
}

export function getSitePage(slug: string): SitePageDocument | null {
  const page: SitePage | undefined = allSitePages.find((candidate) => candidate.slug === slug);
  if (!page) return null;
  return {
    slug: page.slug,
    title: page.title,
    summary: page.summary,
    updatedAt: page.updatedAt,
    code: page.body.code,
  };
}

export interface EventSummary {
  slug: string;
  title: string;
  summary: string;
  startsAt: string;
  endsAt: string;
  timezone: string;
  city: string;
  access: 'public' | 'members';
  example: boolean;
}

export interface EventDocument extends EventSummary {
  code: string;
}

function toEventSummary(event: ClubEvent): EventSummary {
  return {
    slug: event.slug,
    title: event.title,
    summary: event.summary,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    timezone: event.timezone,
    city: event.city,
    access: event.access === 'public' ? 'public' : 'members',
    example: event.example ?? false,
  };
}

const visibleEvents = once((): ClubEvent[] =>
  allClubEvents
    .filter((event) => includeDrafts || !event.draft)
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt)),
);

/** Upcoming events soonest first; past events most recent first. */
export function listEvents(now: Date = new Date()): {
  upcoming: EventSummary[];
  past: EventSummary[];
} {
  const events = visibleEvents().map(toEventSummary);
  return {
    upcoming: events.filter((event) => Date.parse(event.endsAt) >= now.getTime()),
    past: events.filter((event) => Date.parse(event.endsAt) < now.getTime()).reverse(),
  };
}

export function getEvent(slug: string): EventDocument | null {
  const event = visibleEvents().find((candidate) => candidate.slug === slug);
  return event ? { ...toEventSummary(event), code: event.body.code } : null;
}
