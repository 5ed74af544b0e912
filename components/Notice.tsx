import type { ReactNode } from 'react';

/** A short confirmation or information line at the top of a page (announced politely). */
export function Notice({ children }: { children: ReactNode }) {
  return (
    <p
      role="status"
      className="mt-6 rounded-lg border border-brand-600/40 bg-brand-50 p-4 text-brand-900 dark:bg-slate-900 dark:text-brand-100"
    >
      {children}
    </p>
  );
}
