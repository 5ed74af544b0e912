import Link from 'next/link';
import type { GuideSummary } from '@/lib/content';
import { GuideCard } from './GuideCard';

/** A list of guides with the topic filter: /guides and /guides/tags/[tag]. */
export function GuideListing({
  title,
  intro,
  guides,
  tags,
  activeTag,
  after,
}: {
  title: string;
  intro: string;
  guides: GuideSummary[];
  tags: { tag: string; label: string; count: number }[];
  activeTag?: string;
  /** Shown below the list (/guides: "follow all guides"). */
  after?: React.ReactNode;
}) {
  return (
    <div className="mx-auto max-w-6xl px-4 py-10">
      <h1 className="font-serif text-4xl font-bold text-slate-900 dark:text-slate-50">{title}</h1>
      <p className="mt-3 max-w-2xl text-lg text-slate-700 dark:text-slate-300">{intro}</p>
      <nav aria-label="Filter guides by topic" className="mt-8">
        <ul className="flex flex-wrap gap-2">
          <li>
            <Link
              href="/guides"
              aria-current={activeTag ? undefined : 'page'}
              className="inline-block rounded-full border border-slate-300 px-3 py-1 text-sm aria-[current=page]:border-brand-700 aria-[current=page]:bg-brand-700 aria-[current=page]:text-white dark:border-slate-600"
            >
              All guides
            </Link>
          </li>
          {tags.map(({ tag, label, count }) => (
            <li key={tag}>
              <Link
                href={`/guides/tags/${tag}`}
                prefetch={false}
                aria-current={activeTag === tag ? 'page' : undefined}
                className="inline-block rounded-full border border-slate-300 px-3 py-1 text-sm aria-[current=page]:border-brand-700 aria-[current=page]:bg-brand-700 aria-[current=page]:text-white dark:border-slate-600"
              >
                {label} <span className="text-xs">({count})</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <p className="sr-only" aria-live="polite">
        {guides.length} guide{guides.length === 1 ? '' : 's'}
      </p>
      <div className="mt-8 grid gap-6 md:grid-cols-2 lg:grid-cols-3">
        {guides.map((guide) => (
          <GuideCard key={guide.slug} guide={guide} headingLevel="h2" />
        ))}
      </div>
      {after}
    </div>
  );
}
