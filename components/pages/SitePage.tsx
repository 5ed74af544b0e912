// A site page from content/pages (/legal-notice, /privacy), shared by its app/(site) route and its
// prerendered reader copy. Its MDX is evaluated on the server with the viewer.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { MdxContent } from '@/components/mdx/MdxContent';
import { site } from '@/lib/config';
import { getSitePage } from '@/lib/content';
import { formatDay } from '@/lib/platform/format';
import { pageMetadata } from '@/lib/platform/seo';
import type { PageProps } from './page-props';

export function sitePageMetadata(slug: string): Metadata {
  const page = getSitePage(slug);
  return page
    ? pageMetadata({ title: page.title, description: page.summary, path: `/${slug}` })
    : { title: site.name };
}

export function SitePage({ slug, viewer }: PageProps<{ slug: string }>) {
  const page = getSitePage(slug);
  if (!page) notFound();
  return (
    <div className="mx-auto max-w-3xl px-4 py-10">
      <h1 className="font-serif text-4xl font-bold">{page.title}</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
        Last updated <time dateTime={page.updatedAt}>{formatDay(page.updatedAt)}</time>
      </p>
      <article className="prose prose-slate mt-8 max-w-none prose-headings:font-serif prose-a:text-brand-700 dark:prose-invert dark:prose-a:text-brand-100">
        <MdxContent code={page.code} viewer={viewer} pagePath={`/${page.slug}`} />
      </article>
    </div>
  );
}
