// The staff's way through an event's attendees, like the inbox's pager: "Later registrations" after
// a full page, "First registrations" once the list has moved on. Plain links (the address holds
// the place), so they work without JavaScript.
import Link from 'next/link';
import { attendeesAddress } from '@/lib/events/schema';
import type { AttendeePage } from '@/lib/events/service';

export function AttendeePager({ slug, page }: { slug: string; page: AttendeePage }) {
  const last = page.shown.at(-1);
  if (!page.after && !page.more) return null;
  return (
    <nav aria-label="More attendees" className="mt-4 flex flex-wrap gap-4">
      {page.after ? (
        <Link href={attendeesAddress(slug)} prefetch={false} className="btn-secondary">
          First registrations
        </Link>
      ) : null}
      {page.more && last ? (
        <Link
          href={attendeesAddress(slug, { createdAt: last.createdAt, id: last.id })}
          prefetch={false}
          className="btn-secondary"
        >
          Later registrations
        </Link>
      ) : null}
    </nav>
  );
}
