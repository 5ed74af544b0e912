// A request's own page on the desk: who may open it, and its frame (the way back to the inbox as
// staff had filtered it, at the request, the page's title and the notice a form sent staff back with).
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { Notice } from '@/components/Notice';
import { isStaff, type Viewer } from '@/lib/access';
import { getViewer } from '@/lib/auth/viewer';
import * as z from '@/lib/forms/zod';
import {
  inboxFilterParams,
  REQUEST_PAGES,
  type InboxFilters,
  type RequestKind,
  type StaffRequest,
} from '@/lib/inbox/schema';

/**
 * The request a page shows, read by its service (which checks staff again where it reads). A
 * reader is sent to sign in and back; anyone else who is not staff, a malformed id or an unknown
 * request gets a 404: the page does not exist for them.
 */
export async function requestForStaffPage<Request>(
  kind: RequestKind,
  rawId: string,
  read: (viewer: Viewer, id: string) => Promise<StaffRequest<Request>>,
): Promise<{ viewer: Viewer; request: Request }> {
  const id = z.uuid().safeParse(rawId);
  const viewer = await getViewer();
  if (viewer.kind === 'reader') {
    const back = id.success ? `/admin/${REQUEST_PAGES[kind]}/${id.data}` : '/admin';
    redirect(`/signin?callbackUrl=${encodeURIComponent(back)}`);
  }
  if (!isStaff(viewer) || !id.success) notFound();
  const found = await read(viewer, id.data);
  if (found.kind !== 'found') notFound();
  return { viewer, request: found.request };
}

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
