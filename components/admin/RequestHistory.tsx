// A request's history in the staff inbox: who changed what, when (lib/inbox/store).
import { requestStatusLabel } from '@/lib/inbox/schema';
import type { RequestEvent } from '@/lib/inbox/store';
import { formatDateTime } from '@/lib/platform/format';

export function RequestHistory({ events }: { events: RequestEvent[] }) {
  if (!events.length) {
    return (
      <p className="mt-4 text-sm text-slate-600 dark:text-slate-400" data-testid="request-history">
        No changes yet.
      </p>
    );
  }
  return (
    <details className="mt-4 text-sm" open data-testid="request-history">
      <summary className="cursor-pointer font-semibold">History</summary>
      <ol className="mt-2 space-y-1">
        {events.map((event) => (
          <li key={event.id} data-testid="request-event">
            <time dateTime={event.createdAt}>
              {formatDateTime(event.createdAt, 'Europe/Paris')}
            </time>
            {' — '}
            {event.actorEmail} changed the {event.field} from{' '}
            {requestStatusLabel(event.fromValue ?? '')} to {requestStatusLabel(event.toValue ?? '')}
          </li>
        ))}
      </ol>
    </details>
  );
}
