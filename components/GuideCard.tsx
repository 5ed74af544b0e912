import Link from 'next/link';
import type { GuideSummary } from '@/lib/content';
import { formatDay } from '@/lib/platform/format';

/** Marked data-pagefind-ignore: a badge's words are not the guide's, and excerpts began with them. */
export function AccessBadge({
  guide,
}: {
  guide: Pick<GuideSummary, 'access' | 'hasMembersSections'>;
}) {
  if (guide.access === 'members') {
    return (
      <span
        data-pagefind-ignore=""
        className="rounded-full bg-amber-100 px-2.5 py-0.5 text-xs font-semibold text-amber-900 dark:bg-amber-900/40 dark:text-amber-100"
      >
        ★ Members only
      </span>
    );
  }
  if (guide.hasMembersSections) {
    return (
      <span
        data-pagefind-ignore=""
        className="rounded-full bg-amber-50 px-2.5 py-0.5 text-xs font-semibold text-amber-900 ring-1 ring-amber-200 dark:bg-amber-950/40 dark:text-amber-100 dark:ring-amber-800"
      >
        ★ Includes a members’ tip
      </span>
    );
  }
  return null;
}

export function GuideCard({
  guide,
  headingLevel = 'h3',
}: {
  guide: GuideSummary;
  headingLevel?: 'h2' | 'h3';
}) {
  const Heading = headingLevel;
  return (
    <article className="group relative flex h-full flex-col rounded-2xl border border-slate-200 bg-white p-6 shadow-sm transition hover:border-brand-600 hover:shadow-md dark:border-slate-800 dark:bg-slate-900">
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <AccessBadge guide={guide} />
        {guide.draft ? (
          <span className="rounded-full bg-slate-200 px-2.5 py-0.5 text-xs font-semibold text-slate-800">
            Draft
          </span>
        ) : null}
      </div>
      <Heading className="font-serif text-xl font-bold leading-snug text-slate-900 dark:text-slate-50">
        <Link href={guide.url} prefetch={false} className="after:absolute after:inset-0">
          {guide.title}
        </Link>
      </Heading>
      <p className="mt-2 flex-1 text-slate-700 dark:text-slate-300">{guide.summary}</p>
      <p className="mt-4 text-sm text-slate-600 dark:text-slate-400">
        <time dateTime={guide.updatedAt ?? guide.publishedAt}>
          {formatDay(guide.updatedAt ?? guide.publishedAt)}
        </time>
        {' · '}
        {guide.readingMinutes} min read
      </p>
    </article>
  );
}
