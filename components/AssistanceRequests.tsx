import Link from 'next/link';
import { canRequestAssistance, type Viewer } from '@/lib/access';
import { assistanceRequestsOf } from '@/lib/assistance/service';
import { contactMethodLabel, statusLabel, topicLabel } from '@/lib/assistance/schema';
import { formatDate } from '@/lib/platform/format';

/** The viewer's own assistance requests and their status, on /account. Server component. */
export async function AssistanceRequests({ viewer }: { viewer: Viewer }) {
  const requests = await assistanceRequestsOf(viewer);
  const canRequest = canRequestAssistance(viewer);
  if (!requests.length && !canRequest) return null;
  return (
    <section
      id="assistance-requests"
      aria-labelledby="assistance-requests-title"
      className="rounded-2xl border border-slate-200 p-6 dark:border-slate-800"
    >
      <h2 id="assistance-requests-title" className="font-serif text-2xl font-bold">
        Your assistance requests
      </h2>
      {requests.length ? (
        <ul className="mt-4 divide-y divide-slate-200 dark:divide-slate-800">
          {requests.map((request) => (
            <li key={request.id} className="py-4" data-testid="assistance-request">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <p className="font-semibold">{topicLabel(request.topic)}</p>
                <p>
                  <span className="sr-only">Status: </span>
                  <span
                    className="rounded-full bg-slate-100 px-2.5 py-0.5 text-sm font-semibold text-slate-800 dark:bg-slate-800 dark:text-slate-100"
                    data-testid="assistance-status"
                  >
                    {statusLabel(request.status)}
                  </span>
                </p>
              </div>
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
                Sent on{' '}
                <time dateTime={request.createdAt}>{formatDate(new Date(request.createdAt))}</time>
                {' · '}
                Contact by {contactMethodLabel(request.contactMethod).toLowerCase()}
              </p>
              <p className="mt-2 line-clamp-3 whitespace-pre-line text-slate-700 dark:text-slate-300">
                {request.description}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-4 text-slate-700 dark:text-slate-300">
          You have not asked for personalised assistance yet.
        </p>
      )}
      {canRequest ? (
        <Link href="/assistance" className="btn-secondary mt-4">
          Ask for assistance
        </Link>
      ) : null}
    </section>
  );
}
