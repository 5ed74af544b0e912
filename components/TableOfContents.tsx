import type { TocEntry } from '@/lib/content/headings';

export function TableOfContents({ entries }: { entries: TocEntry[] }) {
  if (entries.length < 2) return null;
  return (
    <nav
      aria-labelledby="toc-title"
      className="rounded-2xl border border-slate-200 p-5 text-sm dark:border-slate-800"
    >
      <h2 id="toc-title" className="font-semibold text-slate-900 dark:text-slate-100">
        In this guide
      </h2>
      <ol className="mt-3 space-y-2">
        {entries.map((entry) => (
          <li key={entry.id} className={entry.depth === 3 ? 'pl-4' : undefined}>
            <a
              href={`#${entry.id}`}
              className="text-slate-700 hover:text-brand-700 hover:underline dark:text-slate-300 dark:hover:text-brand-100"
            >
              {entry.text}
              {'membersOnly' in entry ? (
                <span className="ml-1 text-amber-700 dark:text-amber-300"> ★ members</span>
              ) : null}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
