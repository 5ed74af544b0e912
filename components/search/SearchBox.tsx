'use client';
// The header's search box. Without JavaScript the form goes to /guides (every guide, newest first:
// the index runs in the browser, so there is nothing to search with); with it, to /search?q=….
// Press "/" anywhere (outside a text field) to jump to it.
import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, type FormEvent } from 'react';

export function SearchBox({
  className = '',
  shortcut = false,
}: {
  className?: string;
  shortcut?: boolean;
}) {
  const router = useRouter();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!shortcut) return;
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing =
        target?.isContentEditable ||
        ['INPUT', 'TEXTAREA', 'SELECT'].includes(target?.tagName ?? '');
      if (event.key === '/' && !typing && !event.metaKey && !event.ctrlKey && !event.altKey) {
        event.preventDefault();
        input.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [shortcut]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const q = (input.current?.value ?? '').trim().slice(0, 200);
    router.push(q ? `/search?q=${encodeURIComponent(q)}` : '/search');
  };

  return (
    <form
      role="search"
      action="/guides"
      method="get"
      onSubmit={submit}
      className={`flex items-center gap-2 ${className}`}
    >
      <label htmlFor={id} className="sr-only">
        Search the guides
      </label>
      <input
        ref={input}
        id={id}
        type="search"
        name="q"
        maxLength={200}
        placeholder="Search guides"
        autoComplete="off"
        aria-keyshortcuts={shortcut ? '/' : undefined}
        className="w-40 rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-900 placeholder:text-slate-600 focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30 lg:w-52 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:placeholder:text-slate-400"
      />
      <button type="submit" className="btn-secondary px-3 py-1.5 text-sm">
        Search
      </button>
    </form>
  );
}
