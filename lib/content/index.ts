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

const visibleGuides = (): Guide[] =>
  allGuides
    .filter((guide) => includeDrafts || !guide.draft)
    .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt) || a.title.localeCompare(b.title));

export function listGuides(): GuideSummary[] {
  return visibleGuides().map(toSummary);
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
  const guide = visibleGuides().find((candidate) => candidate.slug === slug);
  if (!guide) return null;
  return {
    ...toSummary(guide),
    code: guide.body.code,
    toc: guide.toc as TocEntry[],
    officialLinks: guide.officialLinks.map(({ label, url }) => ({ label, url })),
  };
}

/** Guides sharing the most tags with this one, newest first among equals. */
export function relatedGuides(slug: string, limit = 3): GuideSummary[] {
  const current = listGuides().find((guide) => guide.slug === slug);
  if (!current) return [];
  return listGuides()
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
  /** Places for members' registrations (lib/events); null: no limit. */
  capacity: number | null;
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
    capacity: typeof event.capacity === 'number' ? event.capacity : null,
    access: event.access === 'public' ? 'public' : 'members',
    example: event.example ?? false,
  };
}

const visibleEvents = (): ClubEvent[] =>
  allClubEvents
    .filter((event) => includeDrafts || !event.draft)
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));

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
