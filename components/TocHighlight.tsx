'use client';

import { useEffect } from 'react';

/**
 * Marks the wide-screen contents entry of the section being read (aria-current="location").
 * Receives only heading ids, which are public (they are in the page's anchors); it never sees the
 * article's text. Without JavaScript the list simply has no highlight. Kept small: every article
 * loads it.
 */
export function TocHighlight({ ids }: { ids: string[] }) {
  useEffect(() => {
    const headings = ids
      .map((id) => document.getElementById(id))
      .filter((element): element is HTMLElement => element !== null);
    if (!headings.length || !('IntersectionObserver' in window)) return;

    const visible = new Set<Element>();
    const observer = new IntersectionObserver(
      (records) => {
        for (const record of records) {
          if (record.isIntersecting) visible.add(record.target);
          else visible.delete(record.target);
        }
        // The first section on screen, else the last one scrolled past, else the first.
        const current =
          headings.find((heading) => visible.has(heading)) ??
          headings.filter((heading) => heading.getBoundingClientRect().top < 0).at(-1) ??
          headings[0];
        for (const link of document.querySelectorAll<HTMLAnchorElement>(
          '[data-toc="desktop"] a[href^="#"]',
        )) {
          if (decodeURIComponent(link.hash.slice(1)) === current?.id)
            link.setAttribute('aria-current', 'location');
          else link.removeAttribute('aria-current');
        }
      },
      { rootMargin: '-80px 0px -55% 0px' },
    );
    headings.forEach((heading) => observer.observe(heading));
    return () => observer.disconnect();
  }, [ids]);
  return null;
}
