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
import { canReadMembersContent, isStaff, type Viewer } from '../access';
import { tagLabels } from '../config';
import { guideChanges, readerSafeChanges, type GuideChange } from './changes';
import type { TocEntry } from './headings';
import { accessLevel } from './schema';

/**
 * Drafts (`draft: true`), in development and production alike: no listing function returns them
 * (index, tag pages, home, sitemap, feed, OG images, reader copies, related guides), and getGuide
 * returns one only to staff, who read it at its address on the per-viewer route.
 */
export const isDraftVisibleTo = (viewer: Viewer | undefined): boolean =>
  !!viewer && isStaff(viewer);

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
  /** Shown first on the home page whatever its date (`featured: true`). */
  featured: boolean;
  readingMinutes: number;
  /** True when the guide is public but holds at least one members' section. */
  hasMembersSections: boolean;
  /**
   * "What changed", newest first, as anyone may see it: a members' change says only that a
   * members' section was updated (lib/content/changes). guideChangesFor gives a member the summaries.
   */
  changes: GuideChange[];
  /** The newest of updatedAt and the changes' dates (else publishedAt): the sitemap's lastmod. */
  lastModified: string;
}

/** Every change as staff wrote it, members' summaries included: never returned to a reader. */
const changesOf = (guide: Guide): GuideChange[] => guideChanges(guide.slug, guide.changes);

function toSummary(guide: Guide): GuideSummary {
  const access = accessLevel(guide.access);
  const changes = readerSafeChanges(changesOf(guide), access);
  const updatedAt = guide.updatedAt ?? null;
  return {
    slug: guide.slug,
    url: guide.url,
    title: guide.title,
    summary: guide.summary,
    publishedAt: guide.publishedAt,
    updatedAt,
    reviewedAt: guide.reviewedAt,
    tags: guide.tags,
    // Fails closed: only the exact word `public` opens a guide (a typo served in dev must not).
    access,
    draft: guide.draft ?? false,
    featured: guide.featured ?? false,
    readingMinutes: guide.readingMinutes,
    hasMembersSections: guide.body.raw.includes('<MembersOnly'),
    changes,
    lastModified: [updatedAt?.slice(0, 10), changes[0]?.date, guide.publishedAt.slice(0, 10)]
      .filter((day): day is string => !!day)
      .reduce((newest, day) => (day > newest ? day : newest)),
  };
}

const byNewest = (a: Guide, b: Guide) =>
  b.publishedAt.localeCompare(a.publishedAt) || a.title.localeCompare(b.title);

/**
 * What contentlayer generated is fixed for the life of the module (a new build or, in dev, a new
 * module instance brings new data), so the sorted list, the summaries and the slug index are
 * computed once instead of on every request. They hold public summaries and the compiled code only,
 * the same for every viewer: nothing here depends on who is looking.
 */
function once<T>(compute: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= compute());
}

const toDocument = (guide: Guide): GuideDocument =>
  Object.freeze({
    ...toSummary(guide),
    code: guide.body.code,
    toc: guide.toc as TocEntry[],
    officialLinks: guide.officialLinks.map(({ label, url }) => ({ label, url })),
  });

/** Published guides (never drafts), newest first. */
const visibleGuides = once((): Guide[] => allGuides.filter((guide) => !guide.draft).sort(byNewest));

const guideSummaries = once((): readonly GuideSummary[] =>
  Object.freeze(visibleGuides().map((guide) => Object.freeze(toSummary(guide)))),
);

/** Published guides by slug (drafts are looked up apart, for staff only). */
const guidesBySlug = once(
  () => new Map(visibleGuides().map((guide) => [guide.slug, toDocument(guide)] as const)),
);

export function listGuides(): GuideSummary[] {
  return [...guideSummaries()];
}

/**
 * The home page's guides: featured ones first (newest first among them), then the newest others,
 * so a flagship guide is not pushed out by newer short ones.
 */
export function homeGuides(limit = 3): GuideSummary[] {
  const guides = listGuides();
  return [...guides.filter((g) => g.featured), ...guides.filter((g) => !g.featured)].slice(
    0,
    limit,
  );
}

/** Draft guides, for the staff desk's list of them (null for anyone who is not staff). */
export function listDraftGuides(viewer: Viewer): GuideSummary[] | null {
  if (!isDraftVisibleTo(viewer)) return null;
  return allGuides
    .filter((guide) => guide.draft)
    .sort(byNewest)
    .map(toSummary);
}

/** A guide whose facts are due for a check against official sources. */
export interface ReviewDue {
  slug: string;
  title: string;
  url: string;
  reviewedAt: string;
  /** reviewedAt + 12 months: the day the facts should be checked again. */
  dueOn: string;
  draft: boolean;
}

/** reviewedAt plus twelve months, as YYYY-MM-DD (29 February falls on 1 March). */
export function reviewDueOn(reviewedAt: string): string {
  const day = new Date(`${reviewedAt}T00:00:00Z`);
  day.setUTCFullYear(day.getUTCFullYear() + 1);
  return day.toISOString().slice(0, 10);
}

/**
 * Guides (drafts included, staff only) whose last review is more than 12 months old (overdue), and
 * those that fall due within the next month (soon), oldest review first. Null for anyone not staff.
 */
export function guidesDueForReview(
  viewer: Viewer,
  now: Date = new Date(),
  guides: Pick<Guide, 'slug' | 'title' | 'url' | 'reviewedAt' | 'draft'>[] = allGuides,
): { overdue: ReviewDue[]; soon: ReviewDue[] } | null {
  if (!isStaff(viewer)) return null;
  const today = now.toISOString().slice(0, 10);
  const inAMonth = new Date(now);
  inAMonth.setUTCMonth(inAMonth.getUTCMonth() + 1);
  const monthAhead = inAMonth.toISOString().slice(0, 10);
  const all = guides
    .map((guide) => ({
      slug: guide.slug,
      title: guide.title,
      url: guide.url,
      reviewedAt: guide.reviewedAt.slice(0, 10),
      dueOn: reviewDueOn(guide.reviewedAt.slice(0, 10)),
      draft: guide.draft ?? false,
    }))
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.title.localeCompare(b.title));
  return {
    overdue: all.filter((guide) => guide.dueOn < today),
    soon: all.filter((guide) => guide.dueOn >= today && guide.dueOn <= monthAhead),
  };
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

/**
 * One guide by slug. A draft only for staff (pass the viewer); for everyone else, and whenever no
 * viewer is given (OG images, metadata of reader copies), a draft does not exist.
 */
export function getGuide(slug: string, viewer?: Viewer): GuideDocument | null {
  const published = guidesBySlug().get(slug);
  if (published) return published;
  if (!isDraftVisibleTo(viewer)) return null;
  const draft = allGuides.find((candidate) => candidate.slug === slug && candidate.draft);
  return draft ? toDocument(draft) : null;
}

/**
 * A guide's "What changed" for this viewer: with the members' summaries for those who may read
 * members' text (lib/access decides), else as everyone sees it (guide.changes). `guide` is one
 * getGuide gave this viewer, so a draft's changes reach only staff. Reader copies pass READER.
 */
export function guideChangesFor(guide: GuideSummary, viewer: Viewer | undefined): GuideChange[] {
  if (!viewer || !canReadMembersContent(viewer)) return guide.changes;
  const source = allGuides.find((candidate) => candidate.slug === guide.slug);
  return source ? changesOf(source) : guide.changes;
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
    access: accessLevel(event.access),
    example: event.example ?? false,
  };
}

/** Draft events are never listed nor served (staff preview drafts of guides only). */
const visibleEvents = once((): ClubEvent[] =>
  allClubEvents
    .filter((event) => !event.draft)
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
