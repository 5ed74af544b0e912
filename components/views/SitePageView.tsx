import type { Viewer } from '@/lib/access';
import type { SitePageDocument } from '@/lib/content';
import { formatDay } from '@/lib/platform/format';
import { MdxContent } from '../mdx/MdxContent';

export function SitePageView({ page, viewer }: { page: SitePageDocument; viewer: Viewer }) {
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
