// One list's way through the inbox: "Older requests" after a full page, "Newest requests" once the
// list has moved on. Plain links (the address holds the place), so they work without JavaScript.
import Link from 'next/link';
import { inboxListAddress, type InboxCursor, type InboxFilters } from '@/lib/inbox/schema';

export function InboxPager({
  filters,
  list,
  label,
  lastShown,
  more,
}: {
  filters: InboxFilters;
  list: keyof InboxFilters;
  /** What the list holds, for the links' names: "assistance requests". */
  label: string;
  /** The list's last request on this page: where "Older" continues from. */
  lastShown: InboxCursor | undefined;
  more: boolean;
}) {
  const moved = Boolean(filters[list].before);
  if (!moved && !more) return null;
  return (
    <nav aria-label={`More ${label}`} className="mt-6 flex flex-wrap gap-4">
      {moved ? (
        <Link href={inboxListAddress(filters, list)} prefetch={false} className="btn-secondary">
          Newest {label}
        </Link>
      ) : null}
      {more && lastShown ? (
        <Link
          href={inboxListAddress(filters, list, lastShown)}
          prefetch={false}
          className="btn-secondary"
        >
          Older {label}
        </Link>
      ) : null}
    </nav>
  );
}
