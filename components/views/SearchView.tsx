import Link from 'next/link';
import { SearchPanel } from '../search/SearchPanel';

/** /search: the same static page for every viewer (the index only holds public guides). */
export function SearchView() {
  return (
    <div className="mx-auto max-w-3xl px-4 py-10">
      <h1 className="font-serif text-4xl font-bold text-slate-900 md:text-5xl dark:text-slate-50">
        Search the guides
      </h1>
      <p className="mt-4 text-lg text-slate-700 dark:text-slate-300">
        Search runs in your browser, over every public guide.
      </p>
      <noscript>
        <p className="mt-6 rounded-xl bg-amber-50 p-4 text-slate-900 dark:bg-amber-950/40 dark:text-slate-100">
          Search needs JavaScript, which is turned off in your browser.{' '}
          <Link
            href="/guides"
            className="font-semibold text-brand-700 underline dark:text-brand-100"
          >
            Browse all guides
          </Link>{' '}
          instead: they are listed newest first, with their topics.
        </p>
      </noscript>
      <div className="mt-8">
        <SearchPanel />
      </div>
    </div>
  );
}
