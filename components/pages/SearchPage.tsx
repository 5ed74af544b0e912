import { SearchPanel } from '../search/SearchPanel';

/** /search: the same static page for every viewer (the index only holds public guides). */
export function SearchPage() {
  return (
    <div className="mx-auto max-w-3xl px-4 py-10">
      <h1 className="font-serif text-4xl font-bold text-slate-900 md:text-5xl dark:text-slate-50">
        Search the guides
      </h1>
      <p className="mt-4 text-lg text-slate-700 dark:text-slate-300">
        Search runs in your browser, over every public guide.
      </p>
      <div className="mt-8">
        <SearchPanel />
      </div>
    </div>
  );
}
