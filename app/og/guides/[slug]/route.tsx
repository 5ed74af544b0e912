import { getGuide, listGuides } from '@/lib/content';
import { ogImage } from '../../og-image';

export const dynamicParams = false;

export function generateStaticParams() {
  return listGuides().map((guide) => ({ slug: guide.slug }));
}

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const guide = getGuide((await params).slug);
  if (!guide) return new Response('Not found', { status: 404 });
  return ogImage({
    eyebrow: guide.access === 'members' ? 'Sojoourn Club guide' : 'Guide',
    title: guide.title,
    summary: guide.summary,
  });
}
