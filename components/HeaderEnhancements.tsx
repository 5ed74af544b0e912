'use client';
// What JavaScript adds to the server-rendered header, as three listeners and no markup (every page
// loads this, so it stays small):
// - the search forms (SearchBox) go to /search?q=… instead of the no-JS fallback, /guides;
// - "/" anywhere outside a text field jumps to the header's search box;
// - "Sign in" (data-signin-link) brings the person back to the page and section they were on.
// Once they listen, <html data-enhanced> says so (for tests, and for styles that need JavaScript).
import { useEffect } from 'react';

export function HeaderEnhancements() {
  useEffect(() => {
    const onSubmit = (event: SubmitEvent) => {
      const form = event.target as HTMLFormElement;
      if (!form.matches('[data-search-box]')) return;
      // Read after this handler: the browser then sends the form to /search?q=….
      form.action = '/search';
      const query = form.elements.namedItem('q') as HTMLInputElement | null;
      if (query) query.value = query.value.trim();
    };
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      const typing = target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
      if (event.key !== '/' || typing || event.metaKey || event.ctrlKey || event.altKey) return;
      event.preventDefault();
      document.querySelector<HTMLInputElement>('[data-search-shortcut]')?.focus();
    };
    const onClick = (event: MouseEvent) => {
      const link = (event.target as Element).closest?.<HTMLAnchorElement>('a[data-signin-link]');
      const here = location.pathname + location.search + location.hash;
      if (link && here !== '/' && !here.startsWith('/signin')) {
        link.href = `/signin?callbackUrl=${encodeURIComponent(here)}`;
      }
    };
    document.addEventListener('submit', onSubmit);
    document.addEventListener('keydown', onKey);
    document.addEventListener('click', onClick);
    document.documentElement.setAttribute('data-enhanced', '');
    return () => {
      document.documentElement.removeAttribute('data-enhanced');
      document.removeEventListener('submit', onSubmit);
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('click', onClick);
    };
  }, []);
  return null;
}
