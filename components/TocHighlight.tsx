'use client';

import { useEffect } from 'react';

/**
 * Marks the wide-screen contents entry of the section being read (aria-current="location").
 * Receives only heading ids, which are public (they are in the page's anchors); it never sees the
 * article's text. Without JavaScript the list simply has no highlight.
 */
export function TocHighlight({ ids }: { ids: string[] }) {
  useEffect(() => {
    const links = new Map<string, HTMLAnchorElement>();
    for (const link of document.querySelectorAll<HTMLAnchorElement>(
      '[data-toc="desktop"] a[href^="#"]',
    )) {
      links.set(decodeURIComponent(link.hash.slice(1)), link);
    }
    const headings = ids
      .map((id) => document.getElementById(id))
      .filter((element): element is HTMLElement => element !== null);
    if (!headings.length || !('IntersectionObserver' in window)) return;

    const visible = new Set<string>();
    const mark = () => {
      // The first section on screen, else the last one scrolled past.
      let current = headings.find((heading) => visible.has(heading.id))?.id;
      if (!current) {
        const above = headings.filter((heading) => heading.getBoundingClientRect().top < 0);
        current = above.at(-1)?.id ?? headings[0]?.id;
      }
      for (const [id, link] of links) {
        if (id === current) link.setAttribute('aria-current', 'location');
        else link.removeAttribute('aria-current');
      }
    };
    const observer = new IntersectionObserver(
      (records) => {
        for (const record of records) {
          if (record.isIntersecting) visible.add(record.target.id);
          else visible.delete(record.target.id);
        }
        mark();
      },
      { rootMargin: '-80px 0px -55% 0px' },
    );
    headings.forEach((heading) => observer.observe(heading));
    return () => observer.disconnect();
  }, [ids]);
  return null;
}
