import 'server-only';
import { Feed } from 'feed';
import { site } from '../config';
import { listGuides, type GuideSummary } from './index';
import { absoluteUrl, siteUrl } from '../platform/site-url';

/** The anchor of a guide's "What changed" section (components/guide/WhatChanged). */
const WHAT_CHANGED = '#what-changed';

interface FeedItem {
  title: string;
  id: string;
  link: string;
  description: string;
  date: Date;
  published?: Date;
  category?: { name: string }[];
}

/**
 * RSS 2.0 of the guides: an item when a guide is published, and one per change staff listed in
 * its "What changed" (its own id, the change's stable id, so a reader's app shows each once).
 * Titles and summaries only, never a body; changes as everyone sees them (guide.changes: a
 * members' change says only that a members' section was updated), so members' text stays out.
 * `guides` is the published listing; tests pass their own to prove the leak check can fail.
 */
export function buildGuidesFeed(guides: GuideSummary[] = listGuides()): string {
  const titleOf = (guide: GuideSummary) =>
    guide.access === 'members' ? `${guide.title} (members)` : guide.title;
  const items: FeedItem[] = guides.flatMap((guide) => [
    {
      title: titleOf(guide),
      id: absoluteUrl(guide.url),
      link: absoluteUrl(guide.url),
      description: guide.summary,
      date: new Date(guide.publishedAt),
      published: new Date(guide.publishedAt),
      category: guide.tags.map((tag) => ({ name: tag })),
    },
    ...guide.changes.map((change) => ({
      title: `${titleOf(guide)}: updated`,
      id: change.id,
      link: absoluteUrl(`${guide.url}${WHAT_CHANGED}`),
      description: change.summary,
      date: new Date(`${change.date}T00:00:00Z`),
    })),
  ]);
  // Newest first; a guide's publication before its changes of the same day.
  items.sort((a, b) => b.date.getTime() - a.date.getTime());
  const newest = guides.map((guide) => guide.lastModified).sort().at(-1);
  const feed = new Feed({
    title: `${site.name} guides`,
    description: site.description,
    id: siteUrl(),
    link: siteUrl(),
    language: 'en',
    copyright: `© ${site.name}`,
    updated: newest ? new Date(`${newest}T00:00:00Z`) : undefined,
    feedLinks: { rss: absoluteUrl('/feed.xml') },
  });
  for (const item of items) feed.addItem(item);
  return feed.rss2();
}
