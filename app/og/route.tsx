import { site } from '@/lib/config';
import { ogImage } from './og-image';

export const dynamic = 'force-static';

export function GET() {
  return ogImage({
    eyebrow: 'Guides for expats in France',
    title: site.tagline,
    summary: site.description,
  });
}
