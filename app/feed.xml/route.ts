import { buildGuidesFeed } from '@/lib/content/feed';

export const dynamic = 'force-static';

export function GET() {
  return new Response(buildGuidesFeed(), {
    headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' },
  });
}
