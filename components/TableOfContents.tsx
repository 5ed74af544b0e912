import type { TocEntry } from '@/lib/content/headings';

function TocList({ entries }: { entries: TocEntry[] }) {
  return (
    <ol className="mt-3 space-y-2">
      {entries.map((entry) => (
        <li key={entry.id} className={entry.depth === 3 ? 'pl-4' : undefined}>
          <a
            href={`#${entry.id}`}
            className="text-slate-700 hover:text-brand-700 hover:underline aria-[current=location]:font-semibold aria-[current=location]:text-brand-800 dark:text-slate-300 dark:hover:text-brand-100 dark:aria-[current=location]:text-brand-100"
          >
            {entry.text}
            {'membersOnly' in entry ? (
              <span data-pagefind-ignore="" className="ml-1 text-amber-700 dark:text-amber-300">
                {' '}
                ★ members
              </span>
            ) : null}
          </a>
        </li>
      ))}
    </ol>
  );
}

/**
 * The guide's contents. On narrow screens a closed <details> (opens without JavaScript), so the
 * article starts right under its header; on wide screens a sticky list whose current section is
 * highlighted by lib/enhance/page-enhancements.ts (from the links' own ids). Both lists hold only the public heading ids and titles.
 */
export function TableOfContents({ entries }: { entries: TocEntry[] }) {
  if (entries.length < 2) return null;
  return (
    <div className="print:hidden">
      <details
        className="rounded-2xl border border-slate-200 p-4 text-sm lg:hidden dark:border-slate-800"
        data-toc="mobile"
      >
        <summary className="cursor-pointer font-semibold text-slate-900 dark:text-slate-100">
          In this guide ({entries.length} sections)
        </summary>
        <nav aria-label="Contents">
          <TocList entries={entries} />
        </nav>
      </details>
      <nav
        aria-labelledby="toc-title"
        className="hidden rounded-2xl border border-slate-200 p-5 text-sm lg:block dark:border-slate-800"
        data-toc="desktop"
      >
        <h2 id="toc-title" className="font-semibold text-slate-900 dark:text-slate-100">
          In this guide
        </h2>
        <TocList entries={entries} />
      </nav>
    </div>
  );
}
