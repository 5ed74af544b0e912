'use client';

import type { ReactNode } from 'react';

/** A link to /signin that brings the person back to the page (and section) they were on. */
export function SignInLink({ className, children }: { className?: string; children: ReactNode }) {
  return (
    // A plain <a>: its href is rewritten at click time, which <Link> would not follow. (The rule
    // sees every path as a page since app/(site)/[...missing] catches unknown addresses.)
    // eslint-disable-next-line @next/next/no-html-link-for-pages
    <a
      href="/signin"
      className={className}
      onClick={(event) => {
        const here = `${window.location.pathname}${window.location.search}${window.location.hash}`;
        if (here !== '/' && !here.startsWith('/signin')) {
          event.currentTarget.href = `/signin?callbackUrl=${encodeURIComponent(here)}`;
        }
      }}
    >
      {children}
    </a>
  );
}
