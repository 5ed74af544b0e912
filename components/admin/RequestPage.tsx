// The frame of a request's own page on the desk: the way back to the inbox (as staff had filtered
// it, at the request), the page's title and the notice a form sent staff back with.
import Link from 'next/link';
import type { ReactNode } from 'react';
import { Notice } from '@/components/Notice';
import { inboxFilterParams, type InboxFilters } from '@/lib/inbox/schema';

export function RequestPage({
  title,
  filters,
  anchor,
  notice,
  children,
}: {
  title: string;
  filters: InboxFilters;
  /** The request's row in the inbox. */
  anchor: string;
  notice: string | null;
  children: ReactNode;
}) {
  const query = new URLSearchParams(inboxFilterParams(filters)).toString();
  return (
    <div className="mx-auto max-w-5xl px-4 py-12">
      <p>
        <Link
          href={`/admin${query ? `?${query}` : ''}#${anchor}`}
          prefetch={false}
          className="text-brand-700 underline dark:text-brand-100"
        >
          Back to the inbox
        </Link>
      </p>
      <h1 className="mt-4 font-serif text-4xl font-bold">{title}</h1>
      {notice ? <Notice>{notice}</Notice> : null}
      {children}
    </div>
  );
}
