// Guides whose facts are due for their yearly check, and the drafts only staff can open.
import Link from 'next/link';
import type { GuideSummary, ReviewDue } from '@/lib/content';
import { formatDay } from '@/lib/platform/format';

function ReviewList({ guides, empty }: { guides: ReviewDue[]; empty: string }) {
  if (!guides.length) return <p className="mt-2 text-slate-700 dark:text-slate-300">{empty}</p>;
  return (
    <ul className="mt-2 space-y-1">
      {guides.map((guide) => (
        <li key={guide.slug} data-testid="review-due-guide">
          <Link href={guide.url} className="text-brand-700 underline dark:text-brand-100">
            {guide.title}
          </Link>
          {guide.draft ? ' (draft)' : ''} — last checked {formatDay(guide.reviewedAt)}, due{' '}
          <time dateTime={guide.dueOn}>{formatDay(guide.dueOn)}</time>
        </li>
      ))}
    </ul>
  );
}

export function GuidesToReview({
  review,
}: {
  review: { overdue: ReviewDue[]; soon: ReviewDue[] };
}) {
  return (
    <section aria-labelledby="review-title" className="mt-12">
      <h2 id="review-title" className="font-serif text-2xl font-bold">
        Guides to review
      </h2>
      <p className="mt-1 text-slate-700 dark:text-slate-300">
        Facts are checked against official sources at least once a year.
      </p>
      <h3 className="mt-4 font-semibold">Overdue: last checked more than 12 months ago</h3>
      <div data-testid="review-overdue">
        <ReviewList guides={review.overdue} empty="None." />
      </div>
      <h3 className="mt-4 font-semibold">Due within a month</h3>
      <div data-testid="review-soon">
        <ReviewList guides={review.soon} empty="None." />
      </div>
    </section>
  );
}

export function DraftGuides({ drafts }: { drafts: GuideSummary[] }) {
  return (
    <section aria-labelledby="drafts-title" className="mt-12">
      <h2 id="drafts-title" className="font-serif text-2xl font-bold">
        Drafts
      </h2>
      <p className="mt-1 text-slate-700 dark:text-slate-300">
        Guides with <code>draft: true</code>: only staff can open them, at their address.
      </p>
      {drafts.length ? (
        <ul className="mt-2 space-y-1" data-testid="draft-guides">
          {drafts.map((guide) => (
            <li key={guide.slug}>
              <Link href={guide.url} className="text-brand-700 underline dark:text-brand-100">
                {guide.title}
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-2 text-slate-700 dark:text-slate-300">No drafts.</p>
      )}
    </section>
  );
}
