import type { MetadataRoute } from 'next';
import { listEvents, listGuides, listTags } from '@/lib/content';
import { absoluteUrl } from '@/lib/platform/site-url';

// Public addresses only; members-only guides are listed (their page shows a public summary),
// never their text.
export default function sitemap(): MetadataRoute.Sitemap {
  const guides = listGuides();
  // The newest change of any guide (a change is dated, and updatedAt covers it: content:check).
  const newest = guides
    .map((guide) => guide.lastModified)
    .sort()
    .at(-1);
  const staticPages = [
    '/',
    '/guides',
    '/club',
    '/events',
    '/contact',
    '/partners/partirassur',
    '/guides/carte-vitale/planner',
    '/search',
    '/legal-notice',
    '/privacy',
  ];
  return [
    ...staticPages.map((path) => ({
      url: absoluteUrl(path),
      lastModified: path === '/' || path === '/guides' ? newest : undefined,
    })),
    ...guides.map((guide) => ({
      url: absoluteUrl(guide.url),
      lastModified: guide.lastModified,
    })),
    ...listTags().map(({ tag }) => ({ url: absoluteUrl(`/guides/tags/${tag}`) })),
    // Event pages are public (their members' details are gated on the page itself).
    ...Object.values(listEvents())
      .flat()
      .map((event) => ({ url: absoluteUrl(`/events/${event.slug}`) })),
  ];
}
