'use client';

import type { ReactNode } from 'react';

/** A link to /signin that brings the person back to the page (and section) they were on. */
export function SignInLink({ className, children }: { className?: string; children: ReactNode }) {
  return (
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
