import 'server-only';
// The guides as following sees them: what this build of the server publishes (never a draft),
// each with its changes (lib/content/changes.ts: newest first, stable ids).
import { allGuides } from 'contentlayer/generated';
import { guideChanges, type GuideChange } from '../content/changes';

export interface FollowableGuide {
  slug: string;
  title: string;
  url: string;
  summary: string;
  changes: GuideChange[];
}

let cached: FollowableGuide[] | undefined;

/** Published guides of this build (content only changes with a new build). */
export function followableGuides(): FollowableGuide[] {
  cached ??= allGuides
    .filter((guide) => !guide.draft)
    .map((guide) => ({
      slug: guide.slug,
      title: guide.title,
      url: guide.url,
      summary: guide.summary,
      changes: guideChanges(guide.slug, guide.changes),
    }));
  return cached;
}

export function followableGuide(slug: string): FollowableGuide | undefined {
  return followableGuides().find((guide) => guide.slug === slug);
}

/** How a followed thing is named on pages: a guide's title, or "All guides". */
export function followLabel(guide: string): string {
  return guide === '*' ? 'All guides, new ones included' : (followableGuide(guide)?.title ?? guide);
}
