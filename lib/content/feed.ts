import 'server-only';
import { Feed } from 'feed';
import { site } from '../config';
import { listGuides, type GuideSummary } from './index';
import { absoluteUrl, siteUrl } from '../platform/site-url';

/**
 * RSS 2.0 of the guides: titles and summaries only, never a body (members' text stays out).
 * `guides` is the published listing; tests pass their own to prove the leak check can fail.
 */
export function buildGuidesFeed(guides: GuideSummary[] = listGuides()): string {
  const feed = new Feed({
    title: `${site.name} guides`,
    description: site.description,
    id: siteUrl(),
    link: siteUrl(),
    language: 'en',
    copyright: `© ${site.name}`,
    updated: guides[0] ? new Date(guides[0].updatedAt ?? guides[0].publishedAt) : undefined,
    feedLinks: { rss: absoluteUrl('/feed.xml') },
  });
  for (const guide of guides) {
    feed.addItem({
      title: guide.access === 'members' ? `${guide.title} (members)` : guide.title,
      id: absoluteUrl(guide.url),
      link: absoluteUrl(guide.url),
      description: guide.summary,
      date: new Date(guide.updatedAt ?? guide.publishedAt),
      published: new Date(guide.publishedAt),
      category: guide.tags.map((tag) => ({ name: tag })),
    });
  }
  return feed.rss2();
}
