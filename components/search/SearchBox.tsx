// The header's search box, rendered on the server. Without JavaScript the form goes to /guides
// (every guide, newest first: the index runs in the browser, so there is nothing to search with);
// with it, lib/enhance/page-enhancements.ts sends it to /search?q=… and lets "/" jump to the `shortcut` box. The
// markup stays out of the client bundle: every article would load it.
export function SearchBox({
  id,
  className = '',
  shortcut = false,
  fill = false,
}: {
  /** Unique on the page: the header has one box, the mobile menu another. */
  id: string;
  className?: string;
  shortcut?: boolean;
  /** Take the container's width (the phone menu) instead of the header's fixed one. */
  fill?: boolean;
}) {
  return (
    <form
      role="search"
      action="/guides"
      method="get"
      data-search-box=""
      className={`flex items-center gap-2 ${className}`}
    >
      <label htmlFor={id} className="sr-only">
        Search the guides
      </label>
      <input
        id={id}
        type="search"
        name="q"
        maxLength={200}
        placeholder="Search guides"
        autoComplete="off"
        data-search-shortcut={shortcut ? '' : undefined}
        aria-keyshortcuts={shortcut ? '/' : undefined}
        className={`${fill ? 'min-w-0 flex-1' : 'w-40 lg:w-52'} rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-900 placeholder:text-slate-600 focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:placeholder:text-slate-400`}
      />
      <button type="submit" className="btn-secondary shrink-0 px-3 py-1.5 text-sm">
        Search
      </button>
    </form>
  );
}
