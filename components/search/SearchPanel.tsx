'use client';
// The /search page's search: Pagefind in the browser, over the public guides only (the index is
// built from the readers' prerendered pages). Results update as you type; the count is announced.
import Link from 'next/link';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { excerptParts, loadPagefind, type PagefindResultData } from './pagefind';

type State =
  | { kind: 'static' }
  | { kind: 'idle' }
  | { kind: 'searching' }
  | { kind: 'done'; term: string; results: PagefindResultData[] }
  | { kind: 'error' };

export function SearchPanel() {
  const [query, setQuery] = useState('');
  // 'static' is what the prerendered page shows: without JavaScript nothing replaces it.
  const [state, setState] = useState<State>({ kind: 'static' });
  const latest = useRef(0);
  const input = useRef<HTMLInputElement>(null);

  const run = async (term: string) => {
    const ticket = ++latest.current;
    const clean = term.trim();
    window.history.replaceState(
      null,
      '',
      clean ? `/search?q=${encodeURIComponent(clean)}` : '/search',
    );
    if (!clean) return setState({ kind: 'idle' });
    setState({ kind: 'searching' });
    try {
      const pagefind = await loadPagefind();
      const found = await pagefind.search(clean);
      const results = await Promise.all((found?.results ?? []).slice(0, 20).map((r) => r.data()));
      if (ticket === latest.current) setState({ kind: 'done', term: clean, results });
    } catch {
      if (ticket === latest.current) setState({ kind: 'error' });
    }
  };

  useEffect(() => {
    const q = new URLSearchParams(window.location.search).get('q')?.slice(0, 200) ?? '';
    // The query comes from the address, read once in the browser (the page itself is static).
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setQuery(q);
    void run(q);
    input.current?.focus();
  }, []);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void run(query);
  };

  return (
    <div>
      <form
        role="search"
        action="/guides"
        method="get"
        onSubmit={submit}
        className="flex flex-wrap gap-3"
      >
        <label htmlFor="search-page-input" className="sr-only">
          Search the guides
        </label>
        <input
          ref={input}
          id="search-page-input"
          type="search"
          name="q"
          maxLength={200}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            void run(event.target.value);
          }}
          placeholder="For example: Carte Vitale, médecin traitant, EHIC"
          autoComplete="off"
          aria-describedby="search-status"
          className="input mt-0 max-w-xl flex-1"
        />
        <button type="submit" className="btn-primary">
          Search
        </button>
      </form>
      <p id="search-status" role="status" className="mt-4 text-slate-700 dark:text-slate-300">
        {state.kind === 'searching'
          ? 'Searching…'
          : state.kind === 'error'
            ? 'Search is not available right now. Browse all guides instead.'
            : state.kind === 'done'
              ? `${state.results.length} guide${state.results.length === 1 ? '' : 's'} found for “${state.term}”.`
              : ''}
      </p>
      {state.kind === 'done' && state.results.length ? (
        <ol className="mt-6 space-y-6" aria-label="Search results">
          {state.results.map((result) => (
            <li key={result.url}>
              <Link
                href={result.url}
                className="font-serif text-xl font-bold text-brand-700 underline dark:text-brand-100"
              >
                {result.meta.title ?? result.url}
              </Link>
              <p className="mt-1 text-slate-700 dark:text-slate-300">
                {excerptParts(result.excerpt).map((part, index) =>
                  part.hit ? (
                    <mark
                      key={index}
                      className="bg-amber-100 text-slate-900 dark:bg-amber-900/60 dark:text-slate-50"
                    >
                      {part.text}
                    </mark>
                  ) : (
                    <span key={index}>{part.text}</span>
                  ),
                )}
              </p>
            </li>
          ))}
        </ol>
      ) : null}
      {state.kind === 'static' ? (
        <p className="mt-2 rounded-xl bg-amber-50 p-4 text-slate-900 dark:bg-amber-950/40 dark:text-slate-100">
          Search needs JavaScript, which seems to be turned off in your browser.{' '}
          <Link
            href="/guides"
            className="font-semibold text-brand-700 underline dark:text-brand-100"
          >
            Browse all guides
          </Link>{' '}
          instead: they are listed newest first, with their topics.
        </p>
      ) : null}
      {state.kind === 'done' || state.kind === 'error' ? (
        <p className="mt-8">
          <Link href="/guides" className="text-brand-700 underline dark:text-brand-100">
            Browse all guides
          </Link>
        </p>
      ) : null}
    </div>
  );
}
